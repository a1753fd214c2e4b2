import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { mailStatuses } from '../../contract/notifications.ts';
import { users } from './users.ts';

/**
 * Mail to be sent, written in the same batch as the action that caused it, drained by the sender
 * (api/jobs/send-mail.ts). No body is stored: a template id and, when the mail needs a secret or
 * a value that exists only at that moment (a manage token), its parameters encrypted. The
 * address is looked up at send time (request_contacts or users), so an erased or purged contact
 * is never mailed, and nothing here outlives the request's personal data (parameters are
 * dropped when the mail is sent, cancelled or the request purged).
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    template: text('template').notNull(),
    /** S23: marketing mail never goes to someone who forbade it; service mail does. */
    mailClass: text('mail_class', { enum: ['service', 'marketing'] }).notNull(),
    locale: text('locale', { enum: ['fi', 'sv', 'en'] }).notNull(),
    /** Recipient: the customer of this request, or this user. Exactly one is set. */
    toRequestId: text('to_request_id'),
    toUserId: text('to_user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** The request the mail is about (purge, erasure and the staff view follow it). */
    requestId: text('request_id'),
    companyId: text('company_id'),
    /** AES-GCM JSON, bound to `outbox:<id>:params`; NULL once sent, cancelled or purged. */
    paramsEnc: text('params_enc'),
    /** Makes a scheduled enqueue idempotent (a daily digest per user per day). */
    dedupeKey: text('dedupe_key').unique(),
    /** `capped`: over a mail cap at intake (last_error names it), recorded and never sent. */
    status: text('status', { enum: mailStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Not before: the first send, or the next retry after a backoff. */
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    /** Written when a sender claims the row, before it sends: the record of the attempt. */
    attemptId: text('attempt_id'),
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /** A code (smtp_421, http_503, no_address…), never a message text or an address. */
    lastError: text('last_error'),
    providerId: text('provider_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // The sender picks due pending rows, oldest first.
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    // Erasure, closing and the purge find a request's mail.
    index('outbox_request_idx').on(t.requestId),
    // The staff view pages by time.
    index('outbox_created_idx').on(t.createdAt),
  ],
);

export const alertModes = ['instant', 'daily', 'off'] as const;
export type AlertMode = (typeof alertModes)[number];

/** A contractor's choice of new-request alerts; no row = instant. */
export const notificationSettings = sqliteTable('notification_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  alerts: text('alerts', { enum: alertModes }).notNull().default('instant'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
