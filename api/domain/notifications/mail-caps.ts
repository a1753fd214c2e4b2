// Issue 10: the request form must not be a mail cannon. A confirmation quotes what the sender
// typed, from our domain, to whatever address they typed; so at most
// mail.confirmationsPerAddressPerDay go to one address per Helsinki calendar day, and at most
// config.mailCaps.confirmationsPerPartnerPerHour come from one partner's form per hour.
// Over a cap the request is still stored and answered alike (the sender learns nothing), and
// the mail is recorded as `capped`, without its parameters, and never sent; the request's later
// customer mail (reminder, feedback, the note of a purchase) follows its confirmation.
//
// Race-free without reading first: the decision is one INSERT … SELECT over the counters, and
// the counters go up in the same write batch only if that row came out `pending`. SQLite runs one
// write transaction at a time, so concurrent intakes each see the counts of all before them.
import { sql } from 'drizzle-orm';
import { confirmation, mail } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { outbox } from '../../db/schema/outbox.ts';
import { normaliseEmail, normalisePhone } from '../contact.ts';
import { counterDay } from '../counters.ts';
import type { Ctx } from '../context.ts';

type Row = typeof outbox.$inferInsert;
export type Counter = { bucket: string; period: string; limit: number; expiresAt: number };
export type Caps = { address: Counter; partner: Counter };

const HOUR_MS = 3600_000;

/** The counters a confirmation to `email` through `partnerId` at `now` is counted in. */
export async function capsFor(ctx: Pick<Ctx, 'keys' | 'config'>, email: string, partnerId: string, now: Date): Promise<Caps> {
  return {
    // A keyed hash of its own purpose: the counter cannot be matched to request_contacts.email_hash.
    address: dayCounter(`address:${await ctx.keys.hash('mail-cap', mailbox(email))}`, mail.confirmationsPerAddressPerDay, now),
    partner: partnerCounter(ctx, partnerId, now),
  };
}

/** The counters an SMS code to `phone` through `partnerId` at `now` is counted in: its number's day, its partner's hour. */
export async function smsCapsFor(ctx: Pick<Ctx, 'keys' | 'config'>, phone: string, partnerId: string, now: Date): Promise<Caps> {
  return {
    address: dayCounter(`phone:${await ctx.keys.hash('mail-cap', normalisePhone(phone))}`, confirmation.codesPerPhonePerDay, now),
    partner: partnerCounter(ctx, partnerId, now),
  };
}

const dayCounter = (bucket: string, limit: number, now: Date): Counter => ({
  bucket,
  period: counterDay(now),
  limit,
  // A Helsinki day lasts at most 25 hours (the autumn DST change): over by then whenever it began.
  expiresAt: now.getTime() + 25 * HOUR_MS,
});

const partnerCounter = (ctx: Pick<Ctx, 'config'>, partnerId: string, now: Date): Counter => ({
  bucket: `partner:${partnerId}`,
  // Helsinki's offsets are whole hours: the UTC hour is the Finnish hour.
  period: now.toISOString().slice(0, 13),
  limit: ctx.config.mailCaps.confirmationsPerPartnerPerHour,
  expiresAt: now.getTime() + HOUR_MS,
});

/** One mailbox however it is written: most providers deliver `name+anything@` to `name@`. */
export const mailbox = (email: string) => normaliseEmail(email).replace(/\+[^@]*@/, '@');

const sentIn = (c: Counter) => sql`COALESCE((SELECT sent FROM mail_caps WHERE bucket = ${c.bucket} AND period = ${c.period}), 0)`;
/** True while both counters allow one more (for a write that decides in its own WHERE, like a resent code). */
export const withinCaps = (caps: Caps) =>
  sql`${sentIn(caps.address)} < ${caps.address.limit} AND ${sentIn(caps.partner)} < ${caps.partner.limit}`;
const ms = (d: Date | undefined | null) => d?.getTime() ?? null;

/**
 * The confirmation (or an SMS code): `pending` while both counters allow one more, else `capped`
 * with the reason and no parameters.
 */
export function insertConfirmation(db: Database, row: Row, caps: Caps) {
  return db.run(sql`
    INSERT INTO outbox (id, template, mail_class, locale, to_request_id, request_id, params_enc, status, last_error, next_attempt_at, created_at)
    SELECT ${row.id}, ${row.template}, ${row.mailClass}, ${row.locale}, ${row.toRequestId}, ${row.requestId},
      CASE WHEN gate.reason IS NULL THEN ${row.paramsEnc} END,
      CASE WHEN gate.reason IS NULL THEN 'pending' ELSE 'capped' END, gate.reason,
      ${ms(row.nextAttemptAt)}, ${ms(row.createdAt)}
    FROM (SELECT CASE
      WHEN ${sentIn(caps.address)} >= ${caps.address.limit} THEN 'address_cap'
      WHEN ${sentIn(caps.partner)} >= ${caps.partner.limit} THEN 'partner_cap'
    END AS reason) gate`);
}

/**
 * One more sent in each of `counters`, if the confirmation `mailId` was let through: one
 * statement for all of them (issue 12: every statement of intake's batch costs its share).
 */
export function countConfirmation(db: Database, mailId: string, counters: Counter[]) {
  const rows = sql.join(
    counters.map((c) => sql`(${c.bucket}, ${c.period}, ${c.expiresAt})`),
    sql`, `,
  );
  return db.run(sql`
    INSERT INTO mail_caps (bucket, period, sent, expires_at)
    SELECT column1, column2, 1, column3 FROM (VALUES ${rows})
    WHERE EXISTS (SELECT 1 FROM outbox WHERE id = ${mailId} AND status = 'pending')
    ON CONFLICT (bucket, period) DO UPDATE SET sent = sent + 1`);
}

/** Later customer mails of the same request, in one statement: pending or capped as their confirmation `mailId` was. */
export function insertFollowUp(db: Database, rows: Row[], mailId: string) {
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}, ${r.template}, ${r.mailClass}, ${r.locale}, ${r.toRequestId}, ${r.requestId}, ${r.paramsEnc}, ${ms(r.nextAttemptAt)}, ${ms(r.createdAt)})`,
    ),
    sql`, `,
  );
  return db.run(sql`
    INSERT INTO outbox (id, template, mail_class, locale, to_request_id, request_id, params_enc, status, last_error, next_attempt_at, created_at)
    SELECT f.column1, f.column2, f.column3, f.column4, f.column5, f.column6,
      CASE WHEN c.status = 'capped' THEN NULL ELSE f.column7 END,
      CASE WHEN c.status = 'capped' THEN 'capped' ELSE 'pending' END,
      CASE WHEN c.status = 'capped' THEN c.last_error END,
      f.column8, f.column9
    FROM outbox c, (VALUES ${values}) f WHERE c.id = ${mailId}`);
}

/** For raw-SQL mail of a request (the purchase note): the reason its confirmation was capped, if it was. */
export const cappedConfirmationOf = (requestColumn: string) => `(SELECT o.last_error FROM outbox o
  WHERE o.request_id = ${requestColumn} AND o.template = 'request.confirmation' AND o.status = 'capped')`;
