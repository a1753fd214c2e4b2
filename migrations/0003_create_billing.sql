CREATE TABLE `company_billing` (
	`company_id` text PRIMARY KEY NOT NULL,
	`spend_cap_cents` integer,
	`einvoice_address` text,
	`einvoice_operator` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `credit_claims` (
	`id` text PRIMARY KEY NOT NULL,
	`purchase_id` text NOT NULL,
	`company_id` text NOT NULL,
	`request_id` text NOT NULL,
	`user_id` text NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`status` text NOT NULL,
	`check_result` text,
	`decided_by` text,
	`decided_by_user_id` text,
	`decision_note` text,
	`decided_at` integer,
	`amount_cents` integer NOT NULL,
	`invoice_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`purchase_id`) REFERENCES `purchases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credit_claims_purchase_id_unique` ON `credit_claims` (`purchase_id`);--> statement-breakpoint
CREATE INDEX `credit_claims_company_idx` ON `credit_claims` (`company_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `credit_claims_status_idx` ON `credit_claims` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `credit_claims_unbilled_idx` ON `credit_claims` (`company_id`,`status`,`invoice_id`);--> statement-breakpoint
CREATE TABLE `invoice_counters` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invoice_lines` (
	`invoice_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`purchase_id` text NOT NULL,
	`credit_id` text,
	`occurred_at` integer NOT NULL,
	`category_id` text NOT NULL,
	`region_code` text NOT NULL,
	`amount_cents` integer NOT NULL,
	PRIMARY KEY(`invoice_id`, `position`),
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` text NOT NULL,
	`period` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`issued_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`vat_basis_points` integer NOT NULL,
	`net_cents` integer NOT NULL,
	`vat_cents` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`buyer_name` text NOT NULL,
	`buyer_business_id` text NOT NULL,
	`buyer_address` text,
	`buyer_email` text,
	`buyer_einvoice_address` text,
	`buyer_einvoice_operator` text,
	`seller` text NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_company_period_idx` ON `invoices` (`company_id`,`period`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_year_seq_idx` ON `invoices` (`year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_number_idx` ON `invoices` (`number`);--> statement-breakpoint
CREATE INDEX `invoices_period_idx` ON `invoices` (`period`);--> statement-breakpoint
CREATE TABLE `lead_dismissals` (
	`company_id` text NOT NULL,
	`request_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`company_id`, `request_id`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
