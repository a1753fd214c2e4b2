import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Kinds of work. Staff edit labels, price and buyer cap; seeded once, never overwritten. */
export const categories = sqliteTable('categories', {
  id: text('id').primaryKey(),
  labelFi: text('label_fi').notNull(),
  labelSv: text('label_sv').notNull(),
  labelEn: text('label_en').notNull(),
  priceCents: integer('price_cents').notNull(),
  maxBuyers: integer('max_buyers').notNull(),
  sort: integer('sort').notNull().default(0),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});
