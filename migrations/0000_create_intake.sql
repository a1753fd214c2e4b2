CREATE TABLE `categories` (
	`id` text PRIMARY KEY NOT NULL,
	`label_fi` text NOT NULL,
	`label_sv` text NOT NULL,
	`label_en` text NOT NULL,
	`price_cents` integer NOT NULL,
	`max_buyers` integer NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response_enc` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key_hash`)
);
--> statement-breakpoint
CREATE TABLE `rate_limit_hits` (
	`bucket` text NOT NULL,
	`window_start` integer NOT NULL,
	`hits` integer NOT NULL,
	PRIMARY KEY(`bucket`, `window_start`)
);
--> statement-breakpoint
CREATE TABLE `rate_limit_salts` (
	`day` text PRIMARY KEY NOT NULL,
	`salt` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `partner_origins` (
	`partner_id` text NOT NULL,
	`origin` text NOT NULL,
	PRIMARY KEY(`partner_id`, `origin`),
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `partner_origins_origin_idx` ON `partner_origins` (`origin`);--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`public_key` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`presets` text DEFAULT '{}' NOT NULL,
	`bot_check_site_key` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_public_key_unique` ON `partners` (`public_key`);--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name_fi` text NOT NULL,
	`name_sv` text NOT NULL,
	`name_en` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `request_contacts` (
	`request_id` text PRIMARY KEY NOT NULL,
	`email_enc` text,
	`phone_enc` text,
	`email_hash` text,
	`phone_hash` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `request_contacts_email_hash_idx` ON `request_contacts` (`email_hash`);--> statement-breakpoint
CREATE INDEX `request_contacts_phone_hash_idx` ON `request_contacts` (`phone_hash`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`customer_type` text NOT NULL,
	`category_id` text NOT NULL,
	`description` text,
	`postal_code` text,
	`municipality_code` text,
	`region_code` text NOT NULL,
	`town` text,
	`locale` text NOT NULL,
	`consent_notice_version` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`manage_token_hash` text,
	`marketing_opt_out` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer,
	`purged_at` integer,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requests_manage_token_hash_unique` ON `requests` (`manage_token_hash`);--> statement-breakpoint
CREATE INDEX `requests_open_list_idx` ON `requests` (`status`,`region_code`,`category_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `requests_expires_idx` ON `requests` (`status`,`expires_at`);