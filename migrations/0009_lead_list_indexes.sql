-- Issue 12 "The list at scale": GET /v1/leads and the dashboard's list walk an index in the
-- order they show (newest first, ties by id), whatever the filter, and stop after one page:
-- no temporary B-tree for ORDER BY. One index per filter the list offers (none, region,
-- category, both); requests_open_list_idx (no id, so the tie-break still sorted) is replaced.
DROP INDEX IF EXISTS `requests_open_list_idx`;--> statement-breakpoint
CREATE INDEX `requests_open_new_idx` ON `requests` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `requests_open_region_idx` ON `requests` (`status`,`region_code`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `requests_open_category_idx` ON `requests` (`status`,`category_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `requests_open_region_category_idx` ON `requests` (`status`,`region_code`,`category_id`,`created_at`,`id`);
