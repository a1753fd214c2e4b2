-- Issue 13, confirmed contacts: when the customer proved the e-mail (the confirmation mail's link)
-- or the phone (a code by SMS) is theirs. NULL = not confirmed. A request sent while
-- REQUIRE_CONFIRMED_CONTACT is on waits in status 'unconfirmed' (no CHECK on status to change).
ALTER TABLE `requests` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `confirmed_via` text;--> statement-breakpoint
-- The SMS code: its keyed hash only, beside the contact details it confirms, deleted with them.
ALTER TABLE `request_contacts` ADD `code_hash` text;--> statement-breakpoint
ALTER TABLE `request_contacts` ADD `code_expires_at` integer;--> statement-breakpoint
ALTER TABLE `request_contacts` ADD `code_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `request_contacts` ADD `code_sends` integer DEFAULT 0 NOT NULL;
