import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { categories } from './categories.ts';
import { partners } from './partners.ts';
import { regions } from './regions.ts';

/**
 * removed = taken down by staff as spam; it never shows again. unconfirmed = waiting for its
 * contact's confirmation (REQUIRE_CONFIRMED_CONTACT): not listed, deleted after 48 h unconfirmed.
 */
export const requestStatuses = ['unconfirmed', 'open', 'closed', 'expired', 'sold_out', 'removed', 'purged'] as const;

/**
 * A customer's request (lead). Contact details are not here: they live in
 * request_contacts, encrypted, so they can be shown, erased and purged on their own (S5, S24).
 * No column holds the sender's address (S8).
 */
export const requests = sqliteTable(
  'requests',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    customerType: text('customer_type', { enum: ['person', 'company', 'housing_company'] }).notNull(),
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id),
    description: text('description'),
    /** The answers to the category's questions (api/contract/questions.ts), JSON by question id; cleared with the description. */
    answers: text('answers', { mode: 'json' }).$type<Record<string, string | number>>(),
    postalCode: text('postal_code'),
    municipalityCode: text('municipality_code'),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    town: text('town'),
    locale: text('locale', { enum: ['fi', 'sv', 'en'] }).notNull(),
    /** Which privacy-notice version the customer consented to. */
    consentNoticeVersion: text('consent_notice_version').notNull(),
    status: text('status', { enum: requestStatuses }).notNull().default('open'),
    /** SHA-256 of the manage token; the token itself is never stored. */
    manageTokenHash: text('manage_token_hash').unique(),
    marketingOptOut: integer('marketing_opt_out', { mode: 'boolean' }).notNull().default(false),
    /** When the customer proved the contact is theirs (the mail's link or the SMS code); NULL = unconfirmed. */
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    confirmedVia: text('confirmed_via', { enum: ['email', 'sms'] }),
    /**
     * The first request of the same contact in the same category within duplicates.linkDays
     * (config.ts), set at intake; NULL for a first. A company that bought one of a group has them all.
     */
    duplicateOf: text('duplicate_of'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    purgedAt: integer('purged_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    // The contractors' list: open requests newest first (ties by id), one index per filter it
    // offers, walked in the order shown (migrations/0009_lead_list_indexes.sql).
    index('requests_open_new_idx').on(t.status, t.createdAt, t.id),
    index('requests_open_region_idx').on(t.status, t.regionCode, t.createdAt, t.id),
    index('requests_open_category_idx').on(t.status, t.categoryId, t.createdAt, t.id),
    index('requests_open_region_category_idx').on(t.status, t.regionCode, t.categoryId, t.createdAt, t.id),
    // A group's other requests, for the buyer's check (buy-lead.ts) and the lists.
    index('requests_duplicate_of_idx').on(t.duplicateOf),
    // The life-cycle job finds requests whose visibility ended.
    index('requests_expires_idx').on(t.status, t.expiresAt),
    // The purge finds requests whose archive time (ended + 6 months) is over.
    index('requests_ended_idx').on(t.status, t.endedAt),
  ],
);

/** Contact details, AES-GCM encrypted; the keyed hashes let staff find a data subject (S21). */
export const requestContacts = sqliteTable(
  'request_contacts',
  {
    requestId: text('request_id')
      .primaryKey()
      .references(() => requests.id, { onDelete: 'cascade' }),
    emailEnc: text('email_enc'),
    phoneEnc: text('phone_enc'),
    /** The optional first name, encrypted like the rest; buyers see it with the contact details. */
    firstNameEnc: text('first_name_enc'),
    emailHash: text('email_hash'),
    phoneHash: text('phone_hash'),
    /** The SMS confirmation code's keyed hash (never the code); NULL when none is pending. */
    codeHash: text('code_hash'),
    codeExpiresAt: integer('code_expires_at', { mode: 'timestamp_ms' }),
    /** Wrong tries of the current code, and codes sent (config.ts `confirmation`). */
    codeAttempts: integer('code_attempts').notNull().default(0),
    codeSends: integer('code_sends').notNull().default(0),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // Data-subject requests look a person up by keyed hash, never by decrypting the table.
    index('request_contacts_email_hash_idx').on(t.emailHash),
    index('request_contacts_phone_hash_idx').on(t.phoneHash),
  ],
);
