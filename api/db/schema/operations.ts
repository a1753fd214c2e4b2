import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** First answers to Idempotency-Keys, encrypted, per scope (a partner, later a company). */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    keyHash: text('key_hash').notNull(),
    status: integer('status').notNull(),
    responseEnc: text('response_enc').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.keyHash] })],
);

/** One random salt per UTC day; deleting old ones makes old buckets unlinkable (S8). */
export const rateLimitSalts = sqliteTable('rate_limit_salts', {
  day: text('day').primaryKey(),
  salt: text('salt').notNull(),
});

/** Fixed-window counters keyed by HMAC(key, salt ‖ address); never the address itself. */
export const rateLimitHits = sqliteTable(
  'rate_limit_hits',
  {
    bucket: text('bucket').notNull(),
    windowStart: integer('window_start').notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);
