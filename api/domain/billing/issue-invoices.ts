// Issuing a month's invoices (S2, S7): one invoice per company per month, numbered without gaps
// per year of issue, idempotent. Each invoice is one write batch (one SQLite write transaction,
// the same over a local file and over libSQL's HTTP protocol): the year's counter is raised only
// when the invoice row is written, and every later statement depends on that row existing. A
// second run for the same month, or a concurrent one, finds the invoice (UNIQUE company, period)
// and writes nothing, so no number is ever taken without an invoice.
import type { InValue } from '@libsql/client';
import { billing } from '../../config.ts';
import { addDays } from '../../contract/dates.ts';
import type { GenerateResult, Seller } from '../../contract/billing.ts';
import { boolean, rowReader, text } from '../../db/rows.ts';
import { AppError, invalid, issue } from '../errors.ts';
import { invoiceMailSql } from '../notifications/enqueue.ts';
import type { SessionUser } from '../session-user.ts';
import { vatSql } from './money.ts';
import { statement } from './statement.ts';
import { month as monthOf, yearOf, type Month } from './periods.ts';
import type { Ctx } from '../context.ts';

/** Something to bill: a purchase in the month, or an approved credit not yet on any invoice. */
const billable = `(
  EXISTS (SELECT 1 FROM purchases p WHERE p.company_id = :company AND p.created_at >= :start AND p.created_at < :end)
  OR EXISTS (SELECT 1 FROM credit_claims cr WHERE cr.company_id = :company AND cr.status = 'approved'
             AND cr.invoice_id IS NULL AND cr.decided_at < :end))`;
const notYet = 'NOT EXISTS (SELECT 1 FROM invoices i WHERE i.company_id = :company AND i.period = :period)';
const ours = 'EXISTS (SELECT 1 FROM invoices WHERE id = :invoice)';

export function invoiceBatch(a: { invoice: string; company: string; month: Month; now: number; seller: Seller }) {
  const year = yearOf(a.now);
  const args: Record<string, InValue> = {
    invoice: a.invoice,
    company: a.company,
    period: a.month.period,
    start: a.month.start,
    end: a.month.end,
    year,
    now: a.now,
    due: addDays(new Date(a.now), billing.dueDays).getTime(),
    vat: billing.vatBasisPoints,
    seller: JSON.stringify(a.seller),
    digits: billing.sequenceDigits,
  };
  const s = (sql: string) => statement(sql, args);
  return [
    s('INSERT INTO invoice_counters (year, last) VALUES (:year, 0) ON CONFLICT (year) DO NOTHING'),
    // The number is taken here, under the same conditions as the invoice row below, in the same transaction.
    s(`UPDATE invoice_counters SET last = last + 1
       WHERE year = :year AND EXISTS (SELECT 1 FROM companies WHERE id = :company) AND ${notYet} AND ${billable}`),
    s(`INSERT INTO invoices (id, company_id, period, year, seq, number, issued_at, due_at, vat_basis_points,
         net_cents, vat_cents, total_cents, buyer_name, buyer_business_id, buyer_address, buyer_email,
         buyer_einvoice_address, buyer_einvoice_operator, seller)
       SELECT :invoice, co.id, :period, :year, ic.last, printf('%d%0*d', :year, :digits, ic.last), :now, :due, :vat,
         0, 0, 0, co.name, co.business_id, co.billing_address, co.billing_email,
         cb.einvoice_address, cb.einvoice_operator, :seller
       FROM companies co JOIN invoice_counters ic ON ic.year = :year
         LEFT JOIN company_billing cb ON cb.company_id = co.id
       WHERE co.id = :company AND ${notYet} AND ${billable}`),
    // One line per purchase of the month, oldest first; category and region were copied at purchase time.
    s(`INSERT INTO invoice_lines (invoice_id, position, kind, purchase_id, credit_id, occurred_at, category_id, region_code, amount_cents)
       SELECT :invoice, row_number() OVER (ORDER BY p.created_at, p.id), 'purchase', p.id, NULL, p.created_at,
         p.category_id, p.region_code, p.price_cents
       FROM purchases p
       WHERE p.company_id = :company AND p.created_at >= :start AND p.created_at < :end AND ${ours}`),
    // Then one negative line per approved credit not yet on an invoice (decided before the month ended).
    s(`INSERT INTO invoice_lines (invoice_id, position, kind, purchase_id, credit_id, occurred_at, category_id, region_code, amount_cents)
       SELECT :invoice, (SELECT count(*) FROM invoice_lines WHERE invoice_id = :invoice) + row_number() OVER (ORDER BY cr.decided_at, cr.id),
         'credit', cr.purchase_id, cr.id, cr.decided_at, p.category_id, p.region_code, -cr.amount_cents
       FROM credit_claims cr JOIN purchases p ON p.id = cr.purchase_id
       WHERE cr.company_id = :company AND cr.status = 'approved' AND cr.invoice_id IS NULL AND cr.decided_at < :end AND ${ours}`),
    s(`UPDATE credit_claims SET invoice_id = :invoice
       WHERE id IN (SELECT credit_id FROM invoice_lines WHERE invoice_id = :invoice AND kind = 'credit')`),
    s(`UPDATE invoices SET net_cents = (SELECT coalesce(sum(amount_cents), 0) FROM invoice_lines WHERE invoice_id = :invoice)
       WHERE id = :invoice`),
    s(`UPDATE invoices SET vat_cents = ${vatSql('net_cents', 'vat_basis_points')},
         total_cents = net_cents + ${vatSql('net_cents', 'vat_basis_points')}
       WHERE id = :invoice`),
    // The owners' mail, in this batch: a rolled-back or already issued invoice announces nothing.
    s(invoiceMailSql),
    s('SELECT number FROM invoices WHERE id = :invoice'),
  ];
}

/** The batch's last statement: the number the invoice took. */
const readNumber = rowReader({ number: text });

/** One company's invoice for one month; null when it exists already or there is nothing to bill. */
export async function issueInvoice(
  ctx: Pick<Ctx, 'client' | 'config'>,
  company: string,
  m: Month,
  now: number,
): Promise<{ id: string; number: string } | null> {
  const seller = ctx.config.seller;
  if (!seller) throw new AppError('seller_not_configured');
  const invoice = crypto.randomUUID();
  try {
    const results = await ctx.client.batch(invoiceBatch({ invoice, company, month: m, now, seller }), 'write');
    const row = results.at(-1)!.rows.map(readNumber)[0];
    return row ? { id: invoice, number: row.number } : null;
  } catch (err) {
    // A concurrent run wrote this company's invoice between our look-up and our write, and the
    // UNIQUE index rolled our batch back whole (the counter with it): theirs is the invoice.
    const { rows } = await ctx.client.execute({
      sql: 'SELECT 1 FROM invoices WHERE company_id = ? AND period = ?',
      args: [company, m.period],
    });
    if (rows.length) return null;
    throw err;
  }
}

const readBillable = rowReader({ id: text, done: boolean });

/** Every company with something to bill in the month and no invoice for it yet, invoiced. Safe to repeat. */
export async function issueMonth(ctx: Pick<Ctx, 'client' | 'config'>, period: string, now: number): Promise<GenerateResult> {
  const m = monthOf(period);
  const { rows } = await ctx.client.execute({
    sql: `SELECT co.id,
            EXISTS (SELECT 1 FROM invoices i WHERE i.company_id = co.id AND i.period = :period) AS done
          FROM companies co
          WHERE EXISTS (SELECT 1 FROM invoices i WHERE i.company_id = co.id AND i.period = :period)
             OR ${billable.replaceAll(':company', 'co.id')}
          ORDER BY co.name, co.id`,
    args: { period, start: m.start, end: m.end },
  });
  const result: GenerateResult = { period, issued: [], alreadyIssued: 0 };
  for (const row of rows.map(readBillable)) {
    if (row.done) {
      result.alreadyIssued++;
      continue;
    }
    const issued = await issueInvoice(ctx, row.id, m, now);
    if (issued) result.issued.push({ ...issued, companyId: row.id });
    else result.alreadyIssued += await hasInvoice(ctx, row.id, period);
  }
  return result;
}

async function hasInvoice(ctx: Pick<Ctx, 'client' | 'config'>, company: string, period: string): Promise<number> {
  const { rows } = await ctx.client.execute({ sql: 'SELECT 1 FROM invoices WHERE company_id = ? AND period = ?', args: [company, period] });
  return rows.length;
}

/** Staff, on demand: a month that has ended (an invoice never changes, so it waits for the whole month). */
export async function generateInvoices({ ctx, actor, period }: { ctx: Ctx; actor: SessionUser; period: string }): Promise<GenerateResult> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  const now = ctx.clock.now().getTime();
  if (monthOf(period).end > now) throw invalid([issue('period', 'period_not_ended')]);
  return issueMonth(ctx, period, now);
}
