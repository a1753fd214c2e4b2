// Credits for bad leads (hyvitys). A buyer claims within billing.claimDays of the purchase,
// naming a reason. Reasons a rule can check are decided in the same INSERT that stores the
// claim: the rule matched → approved at once; it did not → staff decide (never an automatic
// "no"). Reasons no rule can check go to staff. Approved credits become negative lines on the
// company's next invoice (issue-invoices.ts). The rules, as SQL over the claimed purchase `p`:
//
// - never_asked: the customer closed the request with their own manage link (S25; the audit
//   row `request.closed` by the customer, written even when it had already sold out) within
//   billing.neverAskedClosedWithinHours of sending it. Someone who never asked closes it as soon
//   as the confirmation reaches them; a customer who closes days later has usually been served.
// - duplicate: the same company bought a request with the same contact (the keyed hash of the
//   e-mail or of the phone in request_contacts) within billing.duplicateDays before this one.
//   Contact details the customer erased (S24) cannot match: staff decide.
// - bounced: the request's confirmation mail to the customer was refused for good by the
//   receiving mail server (the outbox row failed with a permanent SMTP 5xx reply). A mail that
//   is still being tried, was sent, or went through an HTTP provider (bounces come back later,
//   out of band) cannot match: staff decide.
// - wrong_contact, outside_area, other: staff decide.
import { inArray } from 'drizzle-orm';
import { billing } from '../../config.ts';
import { DAY_MS } from '../../contract/dates.ts';
import type { Credit, CreditReason } from '../../contract/billing.ts';
import { integer, integerOrNull, rowReader, text, textOrNull } from '../../db/rows.ts';
import { AppError, invalid, issue } from '../errors.ts';
import { requests } from '../../db/schema/requests.ts';
import { listCompanies } from '../companies.ts';
import { companyOf } from '../leads.ts';
import type { SessionUser } from '../session-user.ts';
import type { Ctx } from '../context.ts';

/** The automatic check of each reason, as a condition on the claimed purchase `p`; null = staff decide. */
export const creditRules: Record<CreditReason, string | null> = {
  never_asked: `EXISTS (
    SELECT 1 FROM requests r JOIN audit_events a ON a.request_id = r.id
    WHERE r.id = p.request_id AND a.action = 'request.closed' AND a.actor_kind = 'customer'
      AND a.at <= r.created_at + :closedWithinMs)`,
  duplicate: `EXISTS (
    SELECT 1 FROM purchases q
      JOIN request_contacts qc ON qc.request_id = q.request_id
      JOIN request_contacts pc ON pc.request_id = p.request_id
    WHERE q.company_id = p.company_id AND q.request_id <> p.request_id
      AND (q.created_at < p.created_at OR (q.created_at = p.created_at AND q.id < p.id))
      AND q.created_at >= p.created_at - :duplicateMs
      AND ((pc.email_hash IS NOT NULL AND qc.email_hash = pc.email_hash)
        OR (pc.phone_hash IS NOT NULL AND qc.phone_hash = pc.phone_hash)))`,
  bounced: `EXISTS (
    SELECT 1 FROM outbox o
    WHERE o.to_request_id = p.request_id AND o.template = 'request.confirmation'
      AND o.status = 'failed' AND o.last_error LIKE 'smtp\\_5%' ESCAPE '\\')`,
  wrong_contact: null,
  outside_area: null,
  other: null,
};

const creditColumns = `cr.*, p.created_at AS purchased_at, p.category_id, p.region_code, i.number AS invoice_number`;
const creditFrom = `credit_claims cr JOIN purchases p ON p.id = cr.purchase_id LEFT JOIN invoices i ON i.id = cr.invoice_id`;

const readCredit = rowReader({
  id: text,
  purchase_id: text,
  request_id: text,
  company_id: text,
  reason: text,
  note: textOrNull,
  status: text,
  check_result: textOrNull,
  decided_by: textOrNull,
  decision_note: textOrNull,
  decided_at: integerOrNull,
  amount_cents: integer,
  invoice_id: textOrNull,
  invoice_number: textOrNull,
  created_at: integer,
  purchased_at: integer,
  category_id: text,
  region_code: text,
});
const iso = (ms: number) => new Date(ms).toISOString();

function toCredit(row: ReturnType<typeof readCredit>): Credit {
  return {
    id: row.id,
    purchaseId: row.purchase_id,
    requestId: row.request_id,
    companyId: row.company_id,
    reason: row.reason as Credit['reason'],
    note: row.note,
    status: row.status as Credit['status'],
    checkResult: row.check_result as Credit['checkResult'],
    decidedBy: row.decided_by as Credit['decidedBy'],
    decisionNote: row.decision_note,
    decidedAt: row.decided_at === null ? null : iso(row.decided_at),
    amountCents: row.amount_cents,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    createdAt: iso(row.created_at),
    purchasedAt: iso(row.purchased_at),
    category: row.category_id,
    region: row.region_code as Credit['region'],
  };
}

/** Why a claim stored nothing: the purchase's time, and the claim made before (if any). */
const readClaimed = rowReader({ created_at: integer, claim: textOrNull });

/** A buyer's claim, decided at once where a rule can decide it. */
export async function claimCredit({
  ctx,
  actor,
  input,
}: {
  ctx: Ctx;
  actor: SessionUser;
  input: { purchaseId: string; reason: CreditReason; note?: string };
}): Promise<Credit> {
  const company = companyOf(actor);
  const now = ctx.clock.now().getTime();
  const rule = creditRules[input.reason];
  const id = crypto.randomUUID();
  const matched = rule ? `(${rule})` : '0';
  const { rows } = await ctx.client.execute({
    // One statement: the window, the ownership, one claim per purchase, and the rule's decision.
    sql: `INSERT INTO credit_claims (id, purchase_id, company_id, request_id, user_id, reason, note, status,
            check_result, decided_by, decided_at, amount_cents, created_at)
          SELECT :id, p.id, p.company_id, p.request_id, :user, :reason, :note,
            CASE WHEN ${matched} THEN 'approved' ELSE 'pending' END,
            ${rule ? `CASE WHEN ${matched} THEN 'matched' ELSE 'no_match' END` : 'NULL'},
            CASE WHEN ${matched} THEN 'rule' END,
            CASE WHEN ${matched} THEN :now END,
            p.price_cents, :now
          FROM purchases p
          WHERE p.id = :purchase AND p.company_id = :company AND p.created_at > :now - :windowMs
          ON CONFLICT (purchase_id) DO NOTHING
          RETURNING id`,
    args: {
      id,
      user: actor.id,
      reason: input.reason,
      note: input.note || null,
      now,
      purchase: input.purchaseId,
      company,
      windowMs: billing.claimDays * DAY_MS,
      ...(input.reason === 'never_asked' ? { closedWithinMs: billing.neverAskedClosedWithinHours * 3600_000 } : {}),
      ...(input.reason === 'duplicate' ? { duplicateMs: billing.duplicateDays * DAY_MS } : {}),
    },
  });
  if (rows[0]) return getCredit({ ctx, actor, id });

  // Nothing stored: say why.
  const { rows: found } = await ctx.client.execute({
    sql: `SELECT p.created_at, (SELECT id FROM credit_claims WHERE purchase_id = p.id) AS claim
          FROM purchases p WHERE p.id = ? AND p.company_id = ?`,
    args: [input.purchaseId, company],
  });
  const purchase = found.map(readClaimed)[0];
  if (!purchase) throw new AppError('not_found');
  if (purchase.claim !== null) throw new AppError('already_claimed', { creditId: purchase.claim });
  throw invalid([issue('purchaseId', 'claim_window_closed')]);
}

export async function getCredit({ ctx, actor, id }: { ctx: Ctx; actor: SessionUser; id: string }): Promise<Credit> {
  const staff = actor.role === 'admin';
  const { rows } = await ctx.client.execute({
    sql: `SELECT ${creditColumns} FROM ${creditFrom} WHERE cr.id = :id ${staff ? '' : 'AND cr.company_id = :company'}`,
    args: { id, ...(staff ? {} : { company: companyOf(actor) }) },
  });
  const row = rows.map(readCredit)[0];
  if (!row) throw new AppError('not_found');
  return toCredit(row);
}

/** A company's claims, newest first; staff: every company's, by status (the queue: pending, oldest first). */
export async function listCredits({ ctx, actor, status }: { ctx: Ctx; actor: SessionUser; status?: Credit['status'] }): Promise<Credit[]> {
  const staff = actor.role === 'admin';
  const where = [staff ? '1' : 'cr.company_id = :company', status ? 'cr.status = :status' : '1'];
  const order = staff && status === 'pending' ? 'cr.created_at ASC' : 'cr.created_at DESC';
  const { rows } = await ctx.client.execute({
    sql: `SELECT ${creditColumns} FROM ${creditFrom} WHERE ${where.join(' AND ')} ORDER BY ${order}, cr.id LIMIT 500`,
    args: { ...(staff ? {} : { company: companyOf(actor) }), ...(status ? { status } : {}) },
  });
  return rows.map(readCredit).map(toCredit);
}

/** Staff approve or reject a pending claim, with a note the contractor sees. Decided once. */
export async function decideCredit({
  ctx,
  actor,
  id,
  input,
}: {
  ctx: Ctx;
  actor: SessionUser;
  id: string;
  input: { decision: 'approve' | 'reject'; note: string };
}): Promise<Credit> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  const { rows } = await ctx.client.execute({
    sql: `UPDATE credit_claims SET status = :status, decided_by = 'staff', decided_by_user_id = :user,
            decision_note = :note, decided_at = :now
          WHERE id = :id AND status = 'pending' RETURNING id`,
    args: {
      id,
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      user: actor.id,
      note: input.note,
      now: ctx.clock.now().getTime(),
    },
  });
  if (!rows[0]) {
    await getCredit({ ctx, actor, id }); // 404 when there is no such claim
    throw new AppError('already_decided');
  }
  return getCredit({ ctx, actor, id });
}

const readClaimable = rowReader({
  id: text,
  request_id: text,
  created_at: integer,
  category_id: text,
  region_code: text,
  price_cents: integer,
});

/** Purchases this company may still claim for (within the window, no claim yet), newest first. */
export async function claimablePurchases({ ctx, actor }: { ctx: Ctx; actor: SessionUser }) {
  const company = companyOf(actor);
  const now = ctx.clock.now().getTime();
  const { rows } = await ctx.client.execute({
    sql: `SELECT p.id, p.request_id, p.created_at, p.category_id, p.region_code, p.price_cents FROM purchases p
          WHERE p.company_id = :company AND p.created_at > :since
            AND NOT EXISTS (SELECT 1 FROM credit_claims cr WHERE cr.purchase_id = p.id)
          ORDER BY p.created_at DESC`,
    args: { company, since: now - billing.claimDays * DAY_MS },
  });
  return rows.map(readClaimable).map((r) => ({
    purchaseId: r.id,
    requestId: r.request_id,
    purchasedAt: iso(r.created_at),
    claimUntil: iso(r.created_at + billing.claimDays * DAY_MS),
    category: r.category_id,
    region: r.region_code,
    priceCents: r.price_cents,
  }));
}

export type QueuedCredit = Credit & { companyName: string; postalCode: string | null };

/**
 * Staff's claims queue: pending claims oldest first with the request's postal code (until the
 * purge), and the last 20 decided; each with the company's name.
 */
export async function creditQueue({ ctx, actor }: { ctx: Ctx; actor: SessionUser }) {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  const [pending, all, companies] = await Promise.all([
    listCredits({ ctx, actor, status: 'pending' }),
    listCredits({ ctx, actor }),
    listCompanies({ ctx, actor }),
  ]);
  const names = new Map(companies.map((x) => [x.id, x.name]));
  const ids = pending.map((p) => p.requestId);
  const postal = new Map(
    ids.length === 0
      ? []
      : (await ctx.db.select({ id: requests.id, postalCode: requests.postalCode }).from(requests).where(inArray(requests.id, ids))).map(
          (r) => [r.id, r.postalCode],
        ),
  );
  const item = (cr: Credit): QueuedCredit => ({
    ...cr,
    companyName: names.get(cr.companyId) ?? cr.companyId,
    postalCode: postal.get(cr.requestId) ?? null,
  });
  return {
    pending: pending.map(item),
    decided: all
      .filter((x) => x.status !== 'pending')
      .slice(0, 20)
      .map(item),
  };
}
