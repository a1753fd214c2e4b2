// A customer sends a request through a partner's widget (S1, S4, S9). The request, its
// encrypted contact details and the idempotency record land in one write batch: all or
// nothing, and a retried submission never makes a second request. The key sent again with
// another request is refused (idempotency.ts) and its first answer, manage token and all, kept.
import { sql } from 'drizzle-orm';
import { duplicates, privacyNoticeVersion, type RateLimitRule, retention } from '../config.ts';
import { addDays } from '../contract/dates.ts';
import type { RequestCreated } from '../contract/request.ts';
import type { RequestData } from '../contract/request-input.ts';
import { random, sha256Hex, toBase64Url } from '../adapters/keys.ts';
import { requestContacts, requests } from '../db/schema/requests.ts';
import { invalid, issue } from './errors.ts';
import { contactContext, normaliseEmail, normalisePhone } from './contact.ts';
import type { Partner } from './partners.ts';
import { countEvent } from './counters.ts';
import {
  answerFrom,
  answerStatement,
  type FoundAnswer,
  findAnswer,
  fingerprintOf,
  keyHashOf,
  keyReused,
  sealAnswer,
  storeAnswer,
} from './idempotency.ts';
import { rateLimited, rateLimitStep } from './rate-limit.ts';
import { checkProof, refuseSpentProof, spendProof } from './bot-check.ts';
import { activeCategories } from './categories.ts';
import { intakeMail } from './notifications/enqueue.ts';
import { countConfirmation, insertConfirmation, smsCapsFor } from './notifications/mail-caps.ts';
import { codeFor } from './confirm-contact.ts';
import { answerIssues } from '../contract/questions.ts';
import { lookupPostalCode } from './postal-codes.ts';
import type { Ctx } from './context.ts';

export type Submitted = { body: RequestCreated; replayed: boolean };

/** Who sends, for the intake's rate limit: counted in the same round trip as the key's look-up. */
export type Source = { scope: string; address: string; rule: RateLimitRule };

/**
 * Two round trips on the Worker: one that counts the source and reads the Idempotency-Key's
 * first answer, one write batch. On Node the source is counted in memory, so the write batch is
 * the one write transaction (and, with a key, a read before it). The partner and the categories
 * come from the shared cache.
 */
export async function submitRequest({
  ctx,
  partner,
  input,
  idempotencyKey,
  source,
  sender = 'browser',
}: {
  ctx: Ctx;
  partner: Partner;
  input: RequestData;
  idempotencyKey?: string;
  source?: Source;
  /** A browser's request carries a proof of work; `server` (a partner's secret key, the demo's seed) does not. */
  sender?: 'browser' | 'server';
}): Promise<Submitted> {
  const now = ctx.clock.now();
  const scope = `intake:${partner.id}`;
  const keyHash = await keyHashOf(idempotencyKey);
  // What the key is for: the request as validated, so a retry written differently is still the
  // same one; the proof of work is how it came, not what it is (a retry may carry a fresh one).
  const { altcha: _proofOfWork, ...request } = input;
  const fingerprint = keyHash ? await fingerprintOf(request) : null;
  const limit = source && (await rateLimitStep(ctx, source.scope, source.address, source.rule));
  const answer = keyHash ? answerStatement(scope, keyHash, now.getTime()) : null;
  // On Node the source was counted in memory (statement null): no write before the write batch,
  // and the key's answer is one plain read.
  const results = limit?.statement
    ? await ctx.client.batch([limit.statement, ...(answer ? [answer] : [])], 'write')
    : answer
      ? [await ctx.client.execute(answer)]
      : [];
  if (limit) {
    // Counted before anything is encrypted or stored; a refused request stores nothing.
    const verdict = limit.verdict(limit.statement ? results[0] : undefined);
    if (!verdict.ok) throw rateLimited(verdict.retryAfterSeconds);
  }
  if (keyHash) {
    const first = await replayOf(answerFrom<RequestCreated>(ctx, scope, keyHash, results.at(-1)!), fingerprint!);
    if (first) return { body: first, replayed: true };
  }

  const category = (await activeCategories({ ctx })).find((c) => c.id === input.category);
  const place = lookupPostalCode(input.postalCode);
  const regionCode = input.region ?? place?.region.code;
  const issues = [
    ...(category ? [] : [issue('category', 'unknown_category')]),
    // The category's questions (api/contract/questions.ts): an unknown question or value is refused.
    ...(category && input.answers ? answerIssues(category.id, input.answers).map(([path, code, bound]) => issue(path, code, bound)) : []),
    // A code Posti doesn't know yet is fine when the customer chose the region themselves.
    ...(regionCode ? [] : [issue('postalCode', 'unknown_postal_code')]),
  ];
  if (issues.length) throw invalid(issues);

  // The proof of work, after the key's replay (a retry carries the proof its first try spent)
  // and before anything is encrypted or stored. It is spent in the request's own batch below.
  const proof = sender === 'browser' ? await checkProof(ctx, partner.publicKey, input.altcha) : null;

  const id = crypto.randomUUID();
  const manageToken = toBase64Url(random(32));
  const expiresAt = addDays(now, retention.visibleDays);
  const body: RequestCreated = {
    id,
    manageToken,
    manageUrl: `${ctx.config.publicUrl}/manage#${manageToken}`,
    expiresAt: expiresAt.toISOString(),
    confirmBy: input.email ? 'email' : 'sms',
    listed: !ctx.config.requireConfirmedContact,
  };

  // Honeypot filled: answer like a success so the bot learns nothing, store nothing.
  if (input.website) return { body, replayed: false };

  const email = input.email || null;
  const phone = input.phone || null;
  const emailHash = email ? await ctx.keys.hash('email', normaliseEmail(email)) : null;
  const phoneHash = phone ? await ctx.keys.hash('phone', normalisePhone(phone)) : null;
  // REQUIRE_CONFIRMED_CONTACT: unlisted until the customer confirms (confirm-contact.ts).
  const held = ctx.config.requireConfirmedContact;
  // Only a customer with no e-mail is texted a code: the confirmation mail's link confirms the rest.
  const code = phone && !email ? await codeFor(ctx, { requestId: id, manageToken, locale: input.locale ?? 'fi', now }) : null;
  const statements = [
    ctx.db.insert(requests).values({
      id,
      partnerId: partner.id,
      customerType: input.customerType,
      categoryId: input.category,
      description: input.description,
      answers: input.answers && Object.keys(input.answers).length ? input.answers : null,
      postalCode: input.postalCode,
      municipalityCode: place?.municipalityCode ?? null,
      regionCode: regionCode!,
      town: input.town || null,
      locale: input.locale ?? 'fi',
      consentNoticeVersion: privacyNoticeVersion,
      status: held ? 'unconfirmed' : 'open',
      duplicateOf: firstOfGroup({ emailHash, phoneHash, categoryId: input.category, now }),
      manageTokenHash: await sha256Hex(manageToken),
      createdAt: now,
      expiresAt,
    }),
    // A proof used before makes the whole batch fail: nothing of this request is stored.
    ...(proof ? [spendProof(ctx.db, proof)] : []),
    ctx.db.insert(requestContacts).values({
      requestId: id,
      emailEnc: email ? await ctx.keys.encrypt(email, contactContext(id, 'email')) : null,
      phoneEnc: phone ? await ctx.keys.encrypt(phone, contactContext(id, 'phone')) : null,
      firstNameEnc: input.firstName ? await ctx.keys.encrypt(input.firstName, contactContext(id, 'firstName')) : null,
      emailHash,
      phoneHash,
      ...(code ? { codeHash: code.hash, codeExpiresAt: code.expiresAt, codeSends: 1 } : {}),
      createdAt: now,
    }),
    // The code is capped like a confirmation: per number per day, per partner per hour (mail-caps.ts).
    ...(code ? await cappedText(ctx, code.sms, phone!, partner.id, now) : []),
    // S13: the partner's "sent" counter, no personal data.
    countEvent(ctx.db, partner.id, 'sent', now),
    // The confirmation, the reminder before expiry and contractors' alerts join the same batch.
    ...(await intakeMail(ctx, {
      id,
      partnerId: partner.id,
      locale: input.locale ?? 'fi',
      email,
      manageToken,
      regionCode: regionCode!,
      categoryId: input.category,
      now,
      expiresAt,
      held,
    })),
  ] as const;

  if (!keyHash) {
    await ctx.db.batch(statements).catch(refuseSpentProof);
    return { body, replayed: false };
  }
  try {
    // A concurrent twin with the same key makes this batch fail and roll back whole (idempotency.ts).
    const answer = await sealAnswer(ctx, { scope, keyHash, fingerprint: fingerprint! }, body, now.getTime());
    await ctx.db.batch([...storeAnswer(ctx.db, answer, now.getTime()), ...statements]);
    return { body, replayed: false };
  } catch (err) {
    // A concurrent twin stored its record first: its answer if it was the same request, else 422.
    const first = await replayOf(await findAnswer<RequestCreated>(ctx, scope, keyHash, now.getTime()), fingerprint!);
    if (first) return { body: first, replayed: true };
    return refuseSpentProof(err);
  }
}

/**
 * The request this one duplicates, decided inside the insert (no read first, no round trip):
 * the earliest first request (not itself a duplicate) with the same e-mail or phone hash in the
 * same category within duplicates.linkDays, not taken down or purged. Race: two such intakes at
 * once are two write transactions, one after the other, so the second sees the first.
 */
export function firstOfGroup(r: { emailHash: string | null; phoneHash: string | null; categoryId: string; now: Date }) {
  // The contact's hashes lead (a multi-index OR over both hash indexes, then each request by its
  // key): CROSS JOIN and the unary + keep the planner off requests_duplicate_of_idx, which it
  // otherwise walked for every first request there is (test/api/duplicates.test.ts, the plan).
  return sql`(SELECT f.id FROM request_contacts c CROSS JOIN requests f ON f.id = c.request_id
    WHERE (c.email_hash = ${r.emailHash} OR c.phone_hash = ${r.phoneHash}) AND f.category_id = ${r.categoryId}
      AND f.created_at >= ${addDays(r.now, -duplicates.linkDays).getTime()} AND +f.duplicate_of IS NULL
      AND f.status NOT IN ('removed', 'purged')
    ORDER BY f.created_at, f.id LIMIT 1)`;
}

/** The SMS code's outbox row, `capped` over a cap, and its count when it was let through. */
async function cappedText(ctx: Ctx, row: Parameters<typeof insertConfirmation>[1], phone: string, partnerId: string, now: Date) {
  const caps = await smsCapsFor(ctx, phone, partnerId, now);
  return [insertConfirmation(ctx.db, row, caps), countConfirmation(ctx.db, row.id, [caps.address, caps.partner])];
}

/** The first answer to this key, if it was for this request; 422 if it was for another (never its answer). */
async function replayOf(stored: FoundAnswer<RequestCreated> | null, fingerprint: string): Promise<RequestCreated | null> {
  if (!stored) return null;
  // A record from before fingerprints (NULL) cannot show it was this request: refused, not replayed.
  if (stored.fingerprint !== fingerprint) throw keyReused();
  return stored.open();
}
