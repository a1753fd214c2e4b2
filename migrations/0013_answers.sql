-- Issue 13, richer requests: the answers to the category's questions (JSON by question id, no
-- personal data of their own; cleared with the description when the request is purged) and an
-- optional first name, encrypted with the rest of the contact details and deleted with them.
ALTER TABLE `requests` ADD `answers` text;--> statement-breakpoint
ALTER TABLE `request_contacts` ADD `first_name_enc` text;
