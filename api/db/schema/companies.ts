import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A contractor company. Company data is not personal data; its users' names and emails are (users.ts). */
export const companies = sqliteTable('companies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Y-tunnus, validated by its check digit (api/contract/business-id.ts). */
  businessId: text('business_id').notNull().unique(),
  billingAddress: text('billing_address'),
  billingEmail: text('billing_email'),
  /** JSON arrays of region codes and category ids the company serves (alerts, default filters). */
  regions: text('regions').notNull().default('[]'),
  categories: text('categories').notNull().default('[]'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});
