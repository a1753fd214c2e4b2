import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { partners } from './partners.ts';

export const widgetEvents = ['shown', 'started', 'sent'] as const;

/**
 * Built-in, cookieless analytics (S13): how often each partner's widget was shown, started and
 * sent, per day. Counts only: no visitor, no address, no identifier of any kind.
 */
export const partnerCounters = sqliteTable(
  'partner_counters',
  {
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    event: text('event', { enum: widgetEvents }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.day, t.event] })],
);
