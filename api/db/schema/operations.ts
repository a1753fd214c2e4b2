import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** First answers to Idempotency-Keys, encrypted, per scope (a partner, later a company). */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    keyHash: text('key_hash').notNull(),
    status: integer('status').notNull(),
    responseEnc: text('response_enc').notNull(),
    /** SHA-256 of what the key was first sent with; the same key with another body → 422 idempotency_key_reused. */
    fingerprint: text('fingerprint'),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.keyHash] }), index('idempotency_keys_expires_idx').on(t.expiresAt)],
);

/** One random salt per UTC day; deleting old ones makes old buckets unlinkable (S8). */
export const rateLimitSalts = sqliteTable('rate_limit_salts', {
  day: text('day').primaryKey(),
  salt: text('salt').notNull(),
});

/** Solved proof-of-work challenges, by nonce, until they expire: each is good once (api/domain/bot-check.ts). */
export const botProofs = sqliteTable(
  'bot_proofs',
  {
    nonce: text('nonce').primaryKey(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('bot_proofs_expires_idx').on(t.expiresAt)],
);

/** Fixed-window counters keyed by HMAC(key, salt ‖ address); never the address itself. */
export const rateLimitHits = sqliteTable(
  'rate_limit_hits',
  {
    bucket: text('bucket').notNull(),
    windowStart: integer('window_start').notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index('rate_limit_hits_window_idx').on(t.windowStart)],
);

/**
 * Mail caps (api/domain/notifications/mail-caps.ts): confirmations sent per address per Helsinki
 * day and per partner per hour. The bucket names a keyed hash of the address or a partner id.
 */
export const mailCaps = sqliteTable(
  'mail_caps',
  {
    bucket: text('bucket').notNull(),
    period: text('period').notNull(),
    sent: integer('sent').notNull(),
    /** Once the period is over the counter limits nobody: the jobs delete it. */
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bucket, t.period] }),
    // The jobs delete counters whose period is over.
    index('mail_caps_expires_idx').on(t.expiresAt),
  ],
);
