// Reading invoices: a company sees its own, staff see every company's. Everything shown comes
// from the invoice's own rows (lines, copied buyer and seller), so an invoice reads the same
// after its requests are purged (S19, S20) and after prices, names or settings change.
import type { Row } from '@libsql/client';
import type { Balance, Invoice, InvoiceLine, InvoiceSummary, Seller } from '../../contract/billing.ts';
import { AppError } from '../errors.ts';
import { companyOf } from '../leads.ts';
import type { SessionUser } from '../session-user.ts';
import { vatCents } from './money.ts';
import { month, periodOf } from './periods.ts';
import { referenceNumber } from './reference.ts';
import { spendStatus } from './spend-cap.ts';
import type { Ctx } from '../context.ts';

const iso = (ms: unknown) => new Date(Number(ms)).toISOString();
const str = (x: unknown) => (x === null || x === undefined ? null : String(x));

const summaryColumns = `i.id, i.number, i.period, i.company_id, i.buyer_name, i.issued_at, i.due_at,
  i.vat_basis_points, i.net_cents, i.vat_cents, i.total_cents`;

function toSummary(row: Row): InvoiceSummary {
  const number = String(row.number);
  return {
    id: String(row.id),
    number,
    reference: referenceNumber(number),
    period: String(row.period),
    companyId: String(row.company_id),
    companyName: String(row.buyer_name),
    issuedAt: iso(row.issued_at),
    dueAt: iso(row.due_at),
    vatBasisPoints: Number(row.vat_basis_points),
    netCents: Number(row.net_cents),
    vatCents: Number(row.vat_cents),
    totalCents: Number(row.total_cents),
  };
}

function toLine(row: Row): InvoiceLine {
  return {
    position: Number(row.position),
    kind: String(row.kind) as InvoiceLine['kind'],
    date: iso(row.occurred_at),
    purchaseId: String(row.purchase_id),
    creditId: str(row.credit_id),
    category: String(row.category_id),
    region: String(row.region_code) as InvoiceLine['region'],
    amountCents: Number(row.amount_cents),
  };
}

/** A company's invoices, newest first; staff: a month's invoices of every company (or the latest). */
export async function listInvoices({ ctx, actor, period }: { ctx: Ctx; actor: SessionUser; period?: string }): Promise<InvoiceSummary[]> {
  if (actor.role === 'admin') {
    const { rows } = await ctx.client.execute(
      period
        ? { sql: `SELECT ${summaryColumns} FROM invoices i WHERE i.period = ? ORDER BY i.number`, args: [period] }
        : { sql: `SELECT ${summaryColumns} FROM invoices i ORDER BY i.issued_at DESC, i.number DESC LIMIT 200`, args: [] },
    );
    return rows.map(toSummary);
  }
  const company = companyOf(actor);
  const { rows } = await ctx.client.execute({
    sql: `SELECT ${summaryColumns} FROM invoices i WHERE i.company_id = ? ${period ? 'AND i.period = ?' : ''}
          ORDER BY i.period DESC`,
    args: period ? [company, period] : [company],
  });
  return rows.map(toSummary);
}

/** One invoice with its lines; another company's invoice answers like a missing one. */
export async function getInvoice({ ctx, actor, id }: { ctx: Ctx; actor: SessionUser; id: string }): Promise<Invoice> {
  const scope = actor.role === 'admin' ? '' : 'AND i.company_id = :company';
  const [head, lines] = await ctx.client.batch(
    [
      {
        sql: `SELECT ${summaryColumns}, i.buyer_business_id, i.buyer_address, i.buyer_email,
              i.buyer_einvoice_address, i.buyer_einvoice_operator, i.seller
            FROM invoices i WHERE i.id = :id ${scope}`,
        args: { id, ...(scope ? { company: companyOf(actor) } : {}) },
      },
      { sql: 'SELECT * FROM invoice_lines WHERE invoice_id = :id ORDER BY position', args: { id } },
    ],
    'read',
  );
  const row = head!.rows[0];
  if (!row) throw new AppError('not_found');
  return {
    ...toSummary(row),
    buyer: {
      name: String(row.buyer_name),
      businessId: String(row.buyer_business_id),
      address: str(row.buyer_address),
      email: str(row.buyer_email),
      einvoiceAddress: str(row.buyer_einvoice_address),
      einvoiceOperator: str(row.buyer_einvoice_operator),
    },
    seller: JSON.parse(String(row.seller)) as Seller,
    lines: lines!.rows.map(toLine),
  };
}

/**
 * The running balance for the month in progress: what its invoice would say if the month ended
 * now (its purchases, and approved credits not yet invoiced), with the spend cap beside it.
 */
export async function currentBalance({ ctx, actor }: { ctx: Ctx; actor: SessionUser }): Promise<Balance> {
  const company = companyOf(actor);
  const now = ctx.clock.now().getTime();
  const m = month(periodOf(now));
  const [purchases, credits] = await ctx.client.batch(
    [
      {
        sql: `SELECT 'purchase' AS kind, p.id AS purchase_id, NULL AS credit_id, p.created_at AS occurred_at,
              p.category_id, p.region_code, p.price_cents AS amount_cents
            FROM purchases p WHERE p.company_id = :company AND p.created_at >= :start AND p.created_at < :end
            ORDER BY p.created_at, p.id`,
        args: { company, start: m.start, end: m.end },
      },
      {
        sql: `SELECT 'credit' AS kind, cr.purchase_id, cr.id AS credit_id, cr.decided_at AS occurred_at,
              p.category_id, p.region_code, -cr.amount_cents AS amount_cents
            FROM credit_claims cr JOIN purchases p ON p.id = cr.purchase_id
            WHERE cr.company_id = :company AND cr.status = 'approved' AND cr.invoice_id IS NULL
            ORDER BY cr.decided_at, cr.id`,
        args: { company },
      },
    ],
    'read',
  );
  const lines = [...purchases!.rows, ...credits!.rows].map((row, i) => toLine({ ...row, position: i + 1 } as unknown as Row));
  const net = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const vat = vatCents(net);
  const spend = await spendStatus(ctx, company, now);
  return {
    period: m.period,
    lines,
    netCents: net,
    vatCents: vat,
    totalCents: net + vat,
    spentCents: spend.spentCents,
    spendCapCents: spend.capCents,
  };
}
