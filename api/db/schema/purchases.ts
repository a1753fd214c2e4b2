import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { companies } from './companies.ts';
import { requests } from './requests.ts';
import { users } from './users.ts';

/**
 * One company buying one request, at the price in force. Category, region and price are
 * copied here so that invoices keep working after the request's personal data is purged.
 */
export const purchases = sqliteTable(
  'purchases',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    priceCents: integer('price_cents').notNull(),
    categoryId: text('category_id').notNull(),
    regionCode: text('region_code').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // One company never pays twice for one request: the conflict is settled by this index.
    uniqueIndex('purchases_request_company_idx').on(t.requestId, t.companyId),
    // "My purchases" and the monthly invoice read a company's purchases by date.
    index('purchases_company_created_idx').on(t.companyId, t.createdAt),
  ],
);

/** Who saw or changed personal data, and when. Never the data itself. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: text('id').primaryKey(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorUserId: text('actor_user_id'),
    actorKind: text('actor_kind', { enum: ['user', 'customer', 'system'] }).notNull(),
    action: text('action').notNull(),
    requestId: text('request_id'),
    companyId: text('company_id'),
    subjectUserId: text('subject_user_id'),
  },
  (t) => [index('audit_events_at_idx').on(t.at), index('audit_events_request_idx').on(t.requestId)],
);
