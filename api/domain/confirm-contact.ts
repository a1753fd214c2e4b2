// Confirmed contacts (issue 13): the customer proves the e-mail is theirs with the confirmation
// mail's one-click link, or the phone with a code an SMS brought (only a customer who gave no
// e-mail gets one). Contractors see `confirmed`; with REQUIRE_CONFIRMED_CONTACT a request waits
// in 'unconfirmed', unlisted, until it is confirmed (life-cycle.ts deletes it after 48 h).
// The token holder acts: the manage token says which request (manage-request.ts, tokenHolder).
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { confirmation } from '../config.ts';
import type { CodeSent, ConfirmInput, Confirmed } from '../contract/confirm.ts';
import type { Locale } from '../contract/request.ts';
import { integer, rowReader, textOrNull } from '../db/rows.ts';
import { random } from '../adapters/keys.ts';
import { requestContacts, requests } from '../db/schema/requests.ts';
import { AppError } from './errors.ts';
import { audit } from './audit.ts';
import { instantAlerts, paramsContext } from './notifications/enqueue.ts';
import { countConfirmation, smsCapsFor, withinCaps } from './notifications/mail-caps.ts';
import { contactContext } from './contact.ts';
import type { Ctx, TokenHolder, Verb } from './context.ts';

/** The outbox row that carries a code: not a mail, the sender hands it to the SMS adapter (send-mail.ts). */
export const smsCodeTemplate = 'sms.code';

/**
 * The confirmation link's proof: a keyed hash of the request, so nothing is stored, it confirms
 * this request only, and only someone who read the mail has it (the manage token alone does
 * not do: the widget showed it to whoever sent the form). 128 bits.
 */
export async function linkProof(ctx: Pick<Ctx, 'keys'>, requestId: string): Promise<string> {
  return (await ctx.keys.hash('confirm-link', requestId)).slice(0, 32);
}

/** `confirmation.codeDigits` uniform random digits (rejection sampling: no digit is likelier). */
export function newCode(): string {
  const range = 10 ** confirmation.codeDigits;
  const limit = Math.floor(0x1_0000_0000 / range) * range;
  for (;;) {
    const [n] = new Uint32Array(random(4).buffer);
    if (n! < limit) return String(n! % range).padStart(confirmation.codeDigits, '0');
  }
}

const codeHash = (ctx: Pick<Ctx, 'keys'>, requestId: string, code: string) => ctx.keys.hash('sms-code', `${requestId}:${code}`);

/**
 * A new code for a request: its hash and expiry for the contact row, and the outbox row that
 * texts it with the manage link (code and token only in the row's encrypted parameters, dropped
 * once sent, like a confirmation mail's token).
 */
export async function codeFor(ctx: Pick<Ctx, 'keys'>, r: { requestId: string; manageToken: string; locale: Locale; now: Date }) {
  const code = newCode();
  const id = crypto.randomUUID();
  return {
    hash: await codeHash(ctx, r.requestId, code),
    expiresAt: new Date(r.now.getTime() + confirmation.codeMinutes * 60_000),
    sms: {
      id,
      template: smsCodeTemplate,
      mailClass: 'service' as const,
      locale: r.locale,
      toRequestId: r.requestId,
      toUserId: null,
      requestId: r.requestId,
      companyId: null,
      paramsEnc: await ctx.keys.encrypt(JSON.stringify({ code, manageToken: r.manageToken }), paramsContext(id)),
      dedupeKey: null,
      nextAttemptAt: r.now,
      createdAt: r.now,
    },
  };
}

const readCode = rowReader({ code_hash: textOrNull, code_attempts: integer });
const readState = rowReader({ code_hash: textOrNull, code_expires_at: integer, code_attempts: integer, email_enc: textOrNull });

/**
 * POST /v1/requests/confirm. Idempotent: an already confirmed request answers confirmed. A code
 * is counted before it is compared, in one statement (race: parallel guesses each spend a try,
 * so `codeAttempts` is all anyone gets per code); the confirmation is one write batch.
 */
export async function confirmContact({ ctx, actor, input }: Verb<ConfirmInput, TokenHolder>): Promise<Confirmed> {
  const r = actor.request;
  const now = ctx.clock.now();
  if (r.status === 'removed') throw new AppError('gone');
  if (r.confirmedAt) return { confirmed: true, via: r.confirmedVia ?? 'email', listed: r.status === 'open' };

  const via = input.link !== undefined ? 'email' : 'sms';
  if (input.link !== undefined) {
    if (input.link !== (await linkProof(ctx, r.id))) throw new AppError('confirm_failed', { field: 'link', reason: 'wrong' });
  } else {
    const counted = await ctx.client.execute({
      sql: `UPDATE request_contacts SET code_attempts = code_attempts + 1
            WHERE request_id = ? AND code_hash IS NOT NULL AND code_attempts < ? AND code_expires_at > ?
            RETURNING code_hash, code_attempts`,
      args: [r.id, confirmation.codeAttempts, now.getTime()],
    });
    const row = counted.rows.map(readCode)[0];
    if (!row) throw new AppError('confirm_failed', { field: 'code', reason: await whyNoCode(ctx, r.id, now) });
    if (row.code_hash !== (await codeHash(ctx, r.id, input.code!))) {
      throw new AppError('confirm_failed', { field: 'code', reason: 'wrong', attemptsLeft: confirmation.codeAttempts - row.code_attempts });
    }
  }

  const wasHeld = r.status === 'unconfirmed';
  await ctx.db.batch([
    ctx.db
      .update(requests)
      .set({ confirmedAt: now, confirmedVia: via, status: sql`CASE status WHEN 'unconfirmed' THEN 'open' ELSE status END` })
      .where(and(eq(requests.id, r.id), isNull(requests.confirmedAt))),
    ctx.db.update(requestContacts).set({ codeHash: null, codeExpiresAt: null }).where(eq(requestContacts.requestId, r.id)),
    // A held request reaches contractors now, with the alerts it did not send at intake. Race:
    // two confirmations at once both see it held; the alerts' dedupe key lets one per user through.
    ...(wasHeld ? [instantAlerts(ctx.db, { id: r.id, regionCode: r.regionCode, categoryId: r.categoryId, now })] : []),
    audit(ctx.db, now, actor, 'request.confirmed', { requestId: r.id }),
  ]);
  return { confirmed: true, via, listed: wasHeld || r.status === 'open' };
}

async function whyNoCode(ctx: Pick<Ctx, 'client'>, requestId: string, now: Date): Promise<'expired' | 'used_up' | 'none'> {
  const { rows } = await ctx.client.execute({
    sql: 'SELECT code_hash, coalesce(code_expires_at, 0) AS code_expires_at, code_attempts, email_enc FROM request_contacts WHERE request_id = ?',
    args: [requestId],
  });
  const c = rows.map(readState)[0];
  if (!c?.code_hash) return 'none';
  if (c.code_attempts >= confirmation.codeAttempts) return 'used_up';
  return c.code_expires_at <= now.getTime() ? 'expired' : 'none';
}

/**
 * POST /v1/requests/confirm/code: a new code by SMS, for a customer who gave only a phone. One
 * write batch whose first statement decides (race: two asks at once cannot both pass the last
 * of `codeSends`, nor the number's daily cap): it stores the new code's hash only while both
 * allow; the text and its count are written only if that code is the one stored.
 */
export async function resendCode({ ctx, actor, input }: Verb<{ manageToken: string }, TokenHolder>): Promise<CodeSent> {
  const r = actor.request;
  const now = ctx.clock.now();
  if (r.status === 'removed') throw new AppError('gone');
  if (r.confirmedAt) throw new AppError('already_confirmed');
  const contact = await ctx.db.query.requestContacts.findFirst({ where: eq(requestContacts.requestId, r.id) });
  // A request with an e-mail confirms by its link; one with no phone (erased) has nowhere to text.
  if (!contact?.phoneEnc || contact.emailEnc) throw new AppError('confirm_failed', { field: 'code', reason: 'none' });
  if (contact.codeSends >= confirmation.codeSends) throw new AppError('codes_used_up');
  const phone = await ctx.keys.decrypt(contact.phoneEnc, contactContext(r.id, 'phone'));
  const caps = await smsCapsFor(ctx, phone, r.partnerId, now);
  const next = await codeFor(ctx, { requestId: r.id, manageToken: input.manageToken, locale: r.locale, now });
  const [stored] = await ctx.db.batch([
    ctx.db
      .update(requestContacts)
      .set({ codeHash: next.hash, codeExpiresAt: next.expiresAt, codeAttempts: 0, codeSends: sql`${requestContacts.codeSends} + 1` })
      .where(and(eq(requestContacts.requestId, r.id), lt(requestContacts.codeSends, confirmation.codeSends), withinCaps(caps)))
      .returning({ sends: requestContacts.codeSends }),
    ctx.db.run(sql`
      INSERT INTO outbox (id, template, mail_class, locale, to_request_id, request_id, params_enc, status, attempts, next_attempt_at, created_at)
      SELECT ${next.sms.id}, ${next.sms.template}, 'service', ${next.sms.locale}, ${r.id}, ${r.id}, ${next.sms.paramsEnc}, 'pending', 0,
        ${now.getTime()}, ${now.getTime()}
      WHERE EXISTS (SELECT 1 FROM request_contacts WHERE request_id = ${r.id} AND code_hash = ${next.hash})`),
    countConfirmation(ctx.db, next.sms.id, [caps.address, caps.partner]),
  ]);
  const sent = stored[0];
  if (!sent) throw new AppError('codes_used_up');
  return { sendsLeft: confirmation.codeSends - sent.sends, expiresAt: next.expiresAt.toISOString() };
}
