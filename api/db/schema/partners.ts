import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { partnerKinds } from '../../contract/admin.ts';

export { partnerKinds };

/** A site that embeds the widget. `publicKey` is what the snippet carries; it is not a secret. */
export const partners = sqliteTable('partners', {
  id: text('id').primaryKey(),
  publicKey: text('public_key').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: partnerKinds }).notNull(),
  /** JSON of PartnerPresets (api/contract/widget.ts). */
  presets: text('presets').notNull().default('{}'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  /** SHA-256 of the partner's secret key (server-to-server intake), shown once; null until staff make one. */
  secretHash: text('secret_hash').unique(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Origins allowed to send requests for a partner (exact scheme://host[:port]). */
export const partnerOrigins = sqliteTable(
  'partner_origins',
  {
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    origin: text('origin').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.origin] }),
    // CORS preflights carry no partner key: they ask "is this origin any partner's?".
    index('partner_origins_origin_idx').on(t.origin),
  ],
);
