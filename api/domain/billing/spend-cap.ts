// The optional monthly spend cap: purchases a company makes in one calendar month (Finnish
// time), VAT excluded, may not exceed it. It is one more condition inside the purchase's own
// conditional INSERT (buy-lead.ts), so two purchases racing at the cap cannot both pass: SQLite
// runs one writer at a time, and each INSERT's sum already includes every purchase before it.
// Credits do not lower the month's spend: the cap limits what is bought, not what is paid.
import { integer, integerOrNull, rowReader } from '../../db/rows.ts';
import { AppError } from '../errors.ts';
import { monthStartOf } from './periods.ts';
import type { Ctx } from '../context.ts';

/**
 * SQL for the purchase's WHERE: true while the purchase keeps the company within its cap.
 * Binds `:company` and `:monthStart`; `c` is the request's category (its price is the price paid).
 */
export const spendCapAllows = `NOT EXISTS (
  SELECT 1 FROM company_billing cb
  WHERE cb.company_id = :company AND cb.spend_cap_cents IS NOT NULL
    AND (SELECT coalesce(sum(s.price_cents), 0) FROM purchases s
         WHERE s.company_id = :company AND s.created_at >= :monthStart) + c.price_cents > cb.spend_cap_cents)`;

export { monthStartOf };

export type SpendStatus = { capCents: number | null; spentCents: number };

const readSpend = rowReader({ cap: integerOrNull, spent: integer });

export async function spendStatus(ctx: Ctx, company: string, now: number): Promise<SpendStatus> {
  const { rows } = await ctx.client.execute({
    sql: `SELECT (SELECT spend_cap_cents FROM company_billing WHERE company_id = :company) AS cap,
            (SELECT coalesce(sum(price_cents), 0) FROM purchases WHERE company_id = :company AND created_at >= :monthStart) AS spent`,
    args: { company, monthStart: monthStartOf(now) },
  });
  const row = rows.map(readSpend)[0]!;
  return { capCents: row.cap, spentCents: row.spent };
}

const readPrice = rowReader({ price_cents: integer });

/**
 * Why a refused purchase was refused, when the cap is the reason: 409 spend_cap_reached with
 * the numbers, so the contractor sees how far they are and what the lead would cost.
 */
export async function assertWithinSpendCap(ctx: Ctx, company: string, requestId: string, now: number): Promise<void> {
  const { capCents, spentCents } = await spendStatus(ctx, company, now);
  if (capCents === null) return;
  const { rows } = await ctx.client.execute({
    sql: 'SELECT c.price_cents FROM requests r JOIN categories c ON c.id = r.category_id WHERE r.id = ?',
    args: [requestId],
  });
  const priceCents = rows.map(readPrice)[0]?.price_cents ?? 0;
  if (spentCents + priceCents > capCents) {
    throw new AppError('spend_cap_reached', {
      capCents,
      spentCents,
      priceCents,
      message: 'This purchase would take your company past its monthly spend cap. An owner can raise the cap, or wait for next month.',
    });
  }
}
