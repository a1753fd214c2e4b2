-- Issue 13, proof of work: a solved challenge is good once. Its nonce is remembered until the
-- challenge expires (then the signature refuses it anyway), and the cleanup deletes it after.
CREATE TABLE `bot_proofs` (
	`nonce` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);--> statement-breakpoint
CREATE INDEX `bot_proofs_expires_idx` ON `bot_proofs` (`expires_at`);
--> statement-breakpoint
-- The Turnstile site key was never used: its script breaks the widget's strict CSP.
ALTER TABLE `partners` DROP COLUMN `bot_check_site_key`;
--> statement-breakpoint
-- A partner's secret key for server-to-server intake: its SHA-256 only, shown once, replaced on rotation.
ALTER TABLE `partners` ADD `secret_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `partners_secret_hash_unique` ON `partners` (`secret_hash`);
