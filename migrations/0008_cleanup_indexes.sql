-- Issue 12: the 15-minute cleanup deleted from these tables by a column no index covered, a
-- full scan that held the database for 0.6–3 s at bench volumes. Each delete now walks an index.
CREATE INDEX `rate_limit_hits_window_idx` ON `rate_limit_hits` (`window_start`);--> statement-breakpoint
CREATE INDEX `login_failures_window_idx` ON `login_failures` (`window_start`);--> statement-breakpoint
CREATE INDEX `idempotency_keys_expires_idx` ON `idempotency_keys` (`expires_at`);
