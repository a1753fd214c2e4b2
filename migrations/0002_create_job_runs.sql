CREATE TABLE `job_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`as_of` integer NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`runner` text NOT NULL,
	`report` text
);
--> statement-breakpoint
CREATE INDEX `job_runs_started_idx` ON `job_runs` (`started_at`);--> statement-breakpoint
CREATE INDEX `requests_ended_idx` ON `requests` (`status`,`ended_at`);