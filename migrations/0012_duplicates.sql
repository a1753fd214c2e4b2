-- Issue 13, duplicates: a request with the same contact in the same category within 14 days of
-- the first is linked to it at intake (its id here; NULL for a first). A company that bought one
-- of a group has them all, at no charge (api/domain/buy-lead.ts).
ALTER TABLE `requests` ADD `duplicate_of` text;--> statement-breakpoint
CREATE INDEX `requests_duplicate_of_idx` ON `requests` (`duplicate_of`);
