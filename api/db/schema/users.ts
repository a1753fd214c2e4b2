import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { companies } from './companies.ts';

export const roles = ['member', 'owner', 'admin'] as const;
export type Role = (typeof roles)[number];

/**
 * A person: a company's member or owner, or staff (admin, no company). Name and email are
 * encrypted at rest (S15); login finds the user by a keyed hash of the normalised email.
 */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').references(() => companies.id),
    role: text('role', { enum: roles }).notNull(),
    nameEnc: text('name_enc').notNull(),
    emailEnc: text('email_enc').notNull(),
    emailHash: text('email_hash').notNull().unique(),
    /** null until the invite is accepted (S10: accounts are created for users, passwords are their own). */
    passwordHash: text('password_hash'),
    locale: text('locale', { enum: ['fi', 'sv', 'en'] })
      .notNull()
      .default('fi'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // An owner lists the company's users.
    index('users_company_idx').on(t.companyId),
  ],
);

/** One-time invite tokens, stored as SHA-256; the token travels only in the invite link. */
export const invites = sqliteTable(
  'invites',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('invites_user_idx').on(t.userId)],
);

/** Server-side sessions: the cookie holds a random id, the table its SHA-256. Revocable by deleting the row. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
    /** Absolute expiry; idle expiry is lastSeenAt + the configured idle time. */
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // Logout everywhere and password changes revoke a user's sessions.
    index('sessions_user_idx').on(t.userId),
  ],
);

/** Failed logins per keyed hash of the email, per window: throttles guessing, never locks anyone out for good. */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    bucket: text('bucket').notNull(),
    windowStart: integer('window_start').notNull(),
    failures: integer('failures').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index('login_failures_window_idx').on(t.windowStart)],
);
