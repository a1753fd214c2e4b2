-- Issue 10, finding 1: confirmations to one address (at most 3 a Helsinki calendar day) and a
-- partner's confirmations per hour are counted here, in the intake's write batch. `bucket` is
-- `address:<keyed hash>` or `partner:<id>`, never an address; `period` is the day or the hour.
-- A counter is useless once its period is over and the jobs delete it (`expires_at`).
CREATE TABLE `mail_caps` (
	`bucket` text NOT NULL,
	`period` text NOT NULL,
	`sent` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`bucket`, `period`)
);
--> statement-breakpoint
-- The jobs delete counters whose period is over.
CREATE INDEX `mail_caps_expires_idx` ON `mail_caps` (`expires_at`);
--> statement-breakpoint
-- Issue 10, finding 2: what the first use of an Idempotency-Key was for (SHA-256 of the canonical
-- body; for a purchase, of the company and the request), so that the key sent again with another
-- body is refused instead of answered with the first request's secrets. NULL on records written
-- before this migration: those are never replayed to an intake (they expire within a day).
ALTER TABLE `idempotency_keys` ADD `fingerprint` text;
