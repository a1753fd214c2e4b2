// A company buys a request to see its contact details (S5), at the category's price in force;
// the purchase is what the monthly invoice bills (S2, S7). The race between buyers is settled
// by one conditional INSERT inside one write batch: no read-then-write, no interactive
// transaction, so it holds the same over a local file and over libSQL's HTTP protocol.
import type { InValue } from '@libsql/client';
import type { PurchaseCreated } from '../contract/leads.ts';
import { AppError } from './errors.ts';
import { assertWithinSpendCap, monthStartOf, spendCapAllows } from './billing/spend-cap.ts';
import { findAnswer, fingerprintOf, keyHashOf, keyReused, sealAnswer, storeAnswerWhen, type StoredAnswer } from './idempotency.ts';
import type { Ctx } from './context.ts';
import { booleanOrNull, integer, rowReader, text, textOrNull } from '../db/rows.ts';
import { companyOf, decryptContact, groupPurchases, readContact, revealContacts } from './leads.ts';
import { purchaseMail } from './notifications/enqueue.ts';
import type { SessionUser } from './session-user.ts';

export type Bought = { body: PurchaseCreated; status: 200 | 201; replayed: boolean };

/** What an Idempotency-Key remembers: never the contact details, which the customer may erase (S24). */
type Remembered = { purchaseId: string; requestId: string };

/** The purchase statement's RETURNING (purchaseBatch). */
const readBought = rowReader({ id: text, price_cents: integer });
/** Why no purchase was made; `company_active` is NULL when the company is gone. */
const readRefusal = rowReader({
  status: text,
  expires_at: integer,
  max_buyers: integer,
  buyers: integer,
  mine: textOrNull,
  company_active: booleanOrNull,
});

/**
 * `reveal: false` when the caller shows no contact details (the dashboard redirects to the lead
 * page, which reveals and audits them): the answer's `contact` is then null and no view is audited.
 */
export async function buyLead({
  ctx,
  actor,
  id,
  idempotencyKey,
  reveal = true,
}: {
  ctx: Ctx;
  actor: SessionUser;
  id: string;
  idempotencyKey?: string;
  reveal?: boolean;
}): Promise<Bought> {
  const company = companyOf(actor);
  const now = ctx.clock.now().getTime();
  // Scoped per company: another company sending the same key never sees this answer.
  const scope = `purchase:${company}`;
  const keyHash = await keyHashOf(idempotencyKey);
  // What a purchase key is for: this company buying this request.
  const fingerprint = keyHash ? await fingerprintOf({ company, requestId: id }) : null;
  const again = () => replay(ctx, actor, scope, keyHash!, { fingerprint: fingerprint!, requestId: id }, now, reveal);
  if (keyHash) {
    const first = await again();
    if (first) return first;
  }

  // A cap an admin raises between our write and our read is the one case worth a second try.
  for (let attempt = 0; attempt < 3; attempt++) {
    const purchaseId = crypto.randomUUID();
    let results;
    try {
      results = await ctx.client.batch(
        purchaseBatch({
          purchaseId,
          requestId: id,
          company,
          userId: actor.id,
          now,
          reveal,
          remember: keyHash
            ? await sealAnswer(ctx, { scope, keyHash, fingerprint: fingerprint! }, { purchaseId, requestId: id } satisfies Remembered, now)
            : null,
        }),
        'write',
      );
    } catch (err) {
      // A concurrent twin with the same key stored its record first: the batch rolled back whole.
      const first = keyHash ? await again() : null;
      if (first) return first;
      throw err;
    }
    const bought = results[keyHash ? 1 : 0]!.rows.map(readBought)[0];
    if (bought) {
      const contacts = reveal ? results.at(-1)!.rows.map(readContact)[0] : undefined;
      return {
        status: 201,
        replayed: false,
        body: {
          purchaseId,
          priceCents: bought.price_cents,
          contact: contacts ? await decryptContact(ctx, contacts) : null,
        },
      };
    }
    // No row: find out why, and answer for that.
    const { rows } = await ctx.client.execute({
      sql: `SELECT r.status, r.expires_at, c.max_buyers,
              (SELECT count(*) FROM purchases b WHERE b.request_id = r.id) AS buyers,
              -- Its own purchase of this request, else of another in its duplicate group.
              COALESCE((SELECT m.id FROM purchases m WHERE m.request_id = r.id AND m.company_id = :company),
                (SELECT m.id FROM ${groupPurchases('r', ':company')} LIMIT 1)) AS mine,
              (SELECT co.active FROM companies co WHERE co.id = :company) AS company_active
            FROM requests r JOIN categories c ON c.id = r.category_id WHERE r.id = :id`,
      args: { id, company },
    });
    const row = rows.map(readRefusal)[0];
    if (!row) throw new AppError('not_found');
    const status = row.status;
    if (row.mine !== null && status !== 'purged') {
      // Bought before (another tab, a retry without a key): the same purchase, never a second charge.
      if (keyHash) {
        const first = await again();
        if (first) return first;
      }
      // Or bought another request of its duplicate group: that purchase, and this request's details.
      return { status: 200, replayed: false, body: await existingPurchase(ctx, actor, row.mine, reveal, id) };
    }
    if (!row.company_active) throw new AppError('forbidden');
    if (status === 'sold_out') throw new AppError('sold_out');
    if (status !== 'open' || row.expires_at <= now) throw new AppError('gone');
    if (row.buyers >= row.max_buyers) throw new AppError('sold_out');
    await assertWithinSpendCap(ctx, company, id, now);
  }
  throw new AppError('sold_out');
}

type BatchInput = {
  purchaseId: string;
  requestId: string;
  company: string;
  userId: string;
  now: number;
  /** Whether the answer carries the contact details: only then are they read and their view audited. */
  reveal: boolean;
  remember: StoredAnswer | null;
};

/**
 * The purchase as one write transaction. Statement 1 (after the optional expired-key cleanup)
 * is the whole decision: it inserts only while the request is open, unexpired and under its
 * cap and the company within its monthly spend cap (billing/spend-cap.ts) and has bought no
 * request of its duplicate group (a duplicate of a bought request is never charged again: the
 * caller answers with the group's purchase), and the UNIQUE (request_id, company_id) index turns
 * a second purchase by the same company into no row.
 * SQLite runs one writer at a time, so the counts and sums each INSERT sees already include
 * every purchase committed before it: concurrent buyers never exceed either cap.
 * Every later statement depends on the purchase row existing, so a refused purchase writes nothing.
 */
export function purchaseBatch(b: BatchInput): { sql: string; args: Record<string, InValue> }[] {
  const made = 'EXISTS (SELECT 1 FROM purchases WHERE id = :purchase)';
  // The answer is remembered only if the purchase was made (idempotency.ts).
  const remember = b.remember ? storeAnswerWhen(b.remember, b.now, { sql: made, args: { purchase: b.purchaseId } }) : null;
  return [
    ...(remember ? [remember.clearExpired] : []),
    {
      sql: `INSERT INTO purchases (id, request_id, company_id, user_id, price_cents, category_id, region_code, created_at)
            SELECT :purchase, r.id, :company, :user, c.price_cents, r.category_id, r.region_code, :now
            FROM requests r JOIN categories c ON c.id = r.category_id
            WHERE r.id = :request AND r.status = 'open' AND r.expires_at > :now
              AND (SELECT count(*) FROM purchases b WHERE b.request_id = r.id) < c.max_buyers
              AND EXISTS (SELECT 1 FROM companies co WHERE co.id = :company AND co.active = 1)
              AND NOT EXISTS (SELECT 1 FROM ${groupPurchases('r', ':company')})
              AND ${spendCapAllows}
            ON CONFLICT (request_id, company_id) DO NOTHING
            RETURNING id, price_cents`,
      args: {
        purchase: b.purchaseId,
        company: b.company,
        user: b.userId,
        now: b.now,
        request: b.requestId,
        monthStart: monthStartOf(b.now),
      },
    },
    {
      // The last buyer closes the sale: the request leaves every other company's list (S5).
      sql: `UPDATE requests SET status = 'sold_out', ended_at = :now
            WHERE id = :request AND status = 'open'
              AND (SELECT count(*) FROM purchases b WHERE b.request_id = requests.id)
                  >= (SELECT c.max_buyers FROM categories c WHERE c.id = requests.category_id)`,
      args: { now: b.now, request: b.requestId },
    },
    {
      sql: `INSERT INTO audit_events (id, at, actor_user_id, actor_kind, action, request_id, company_id)
            SELECT :audit, :now, :user, 'user', 'lead.purchased', :request, :company WHERE ${made}`,
      args: { audit: crypto.randomUUID(), now: b.now, user: b.userId, request: b.requestId, company: b.company, purchase: b.purchaseId },
    },
    ...(b.reveal
      ? [
          {
            // The answer carries the contact details: their view is audited with the purchase.
            sql: `INSERT INTO audit_events (id, at, actor_user_id, actor_kind, action, request_id, company_id)
            SELECT :audit, :now, :user, 'user', 'contact.viewed', rc.request_id, :company
            FROM request_contacts rc
            WHERE rc.request_id = :request AND (rc.email_enc IS NOT NULL OR rc.phone_enc IS NOT NULL) AND ${made}`,
            args: {
              audit: crypto.randomUUID(),
              now: b.now,
              user: b.userId,
              request: b.requestId,
              company: b.company,
              purchase: b.purchaseId,
            },
          },
        ]
      : []),
    // The buyer's receipt and the customer's note, sent later by the outbox's sender.
    ...purchaseMail(b),
    // No OR IGNORE: a record stored meanwhile by a twin with the same key fails the whole batch.
    ...(remember ? [remember.insert] : []),
    ...(b.reveal
      ? [
          {
            sql: `SELECT request_id, email_enc, phone_enc, first_name_enc FROM request_contacts
            WHERE request_id = :request AND (email_enc IS NOT NULL OR phone_enc IS NOT NULL) AND ${made}`,
            args: { request: b.requestId, purchase: b.purchaseId },
          },
        ]
      : []),
  ];
}

const readPurchase = rowReader({ id: text, request_id: text, price_cents: integer });

/**
 * A purchase this company made, with the contact details as they are now (audited) when `reveal`:
 * of `asked`, a request of the purchase's duplicate group, by default the purchase's own.
 */
async function existingPurchase(
  ctx: Ctx,
  actor: SessionUser,
  purchaseId: string,
  reveal: boolean,
  asked?: string,
): Promise<PurchaseCreated> {
  const { rows } = await ctx.client.execute({
    sql: 'SELECT id, request_id, price_cents FROM purchases WHERE id = :id AND company_id = :company',
    args: { id: purchaseId, company: companyOf(actor) },
  });
  const row = rows.map(readPurchase)[0];
  if (!row) throw new AppError('not_found');
  const requestId = asked ?? row.request_id;
  const contact = reveal ? ((await revealContacts(ctx, actor, [requestId])).get(requestId) ?? null) : null;
  return { purchaseId, priceCents: row.price_cents, contact };
}

/** The first answer to this key, if it was for this purchase; 422 idempotency_key_reused if it was for another. */
async function replay(
  ctx: Ctx,
  actor: SessionUser,
  scope: string,
  keyHash: string,
  want: { fingerprint: string; requestId: string },
  now: number,
  reveal: boolean,
): Promise<Bought | null> {
  const stored = await findAnswer<Remembered>(ctx, scope, keyHash, now);
  if (!stored) return null;
  const first = await stored.open();
  // One key, one purchase: the same key sent for another request is a client bug, not a retry.
  // (A record from before fingerprints has none: the request it remembers decides.)
  if ((stored.fingerprint !== null && stored.fingerprint !== want.fingerprint) || first.requestId !== want.requestId) throw keyReused();
  return { status: 201, replayed: true, body: await existingPurchase(ctx, actor, first.purchaseId, reveal) };
}
