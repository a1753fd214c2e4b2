// Reading invoices: a company sees its own, staff see every company's. Everything shown comes
// from the invoice's own rows (lines, copied buyer and seller), so an invoice reads the same
// after its requests are purged (S19, S20) and after prices, names or settings change.
import type { Balance, Invoice, InvoiceLine, InvoiceSummary, Seller } from '../../contract/billing.ts';
import { integer, rowReader, text, textOrNull } from '../../db/rows.ts';
import { AppError } from '../errors.ts';
import { companyOf } from '../leads.ts';
import type { SessionUser } from '../session-user.ts';
import { vatCents } from './money.ts';
import { month, periodOf } from './periods.ts';
import { referenceNumber } from './reference.ts';
import { spendStatus } from './spend-cap.ts';
import type { Ctx } from '../context.ts';

const iso = (ms: number) => new Date(ms).toISOString();

const summaryColumns = `i.id, i.number, i.period, i.company_id, i.buyer_name, i.issued_at, i.due_at,
  i.vat_basis_points, i.net_cents, i.vat_cents, i.total_cents`;
const summaryShape = {
  id: text,
  number: text,
  period: text,
  company_id: text,
  buyer_name: text,
  issued_at: integer,
  due_at: integer,
  vat_basis_points: integer,
  net_cents: integer,
  vat_cents: integer,
  total_cents: integer,
};
const readSummary = rowReader(summaryShape);
const readInvoice = rowReader({
  ...summaryShape,
  buyer_business_id: text,
  buyer_address: textOrNull,
  buyer_email: textOrNull,
  buyer_einvoice_address: textOrNull,
  buyer_einvoice_operator: textOrNull,
  seller: text,
});

function toSummary(row: ReturnType<typeof readSummary>): InvoiceSummary {
  return {
    id: row.id,
    number: row.number,
    reference: referenceNumber(row.number),
    period: row.period,
    companyId: row.company_id,
    companyName: row.buyer_name,
    issuedAt: iso(row.issued_at),
    dueAt: iso(row.due_at),
    vatBasisPoints: row.vat_basis_points,
    netCents: row.net_cents,
    vatCents: row.vat_cents,
    totalCents: row.total_cents,
  };
}

/** An invoice's line as stored (invoice_lines), or as the running balance's queries name the same columns. */
const lineShape = {
  kind: text,
  purchase_id: text,
  credit_id: textOrNull,
  occurred_at: integer,
  category_id: text,
  region_code: text,
  amount_cents: integer,
};
const readLine = rowReader({ ...lineShape, position: integer });
const readBalanceLine = rowReader(lineShape);

function toLine(row: ReturnType<typeof readLine>): InvoiceLine {
  return {
    position: row.position,
    kind: row.kind as InvoiceLine['kind'],
    date: iso(row.occurred_at),
    purchaseId: row.purchase_id,
    creditId: row.credit_id,
    category: row.category_id,
    region: row.region_code as InvoiceLine['region'],
    amountCents: row.amount_cents,
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
    return rows.map(readSummary).map(toSummary);
  }
  const company = companyOf(actor);
  const { rows } = await ctx.client.execute({
    sql: `SELECT ${summaryColumns} FROM invoices i WHERE i.company_id = ? ${period ? 'AND i.period = ?' : ''}
          ORDER BY i.period DESC`,
    args: period ? [company, period] : [company],
  });
  return rows.map(readSummary).map(toSummary);
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
  const row = head!.rows.map(readInvoice)[0];
  if (!row) throw new AppError('not_found');
  return {
    ...toSummary(row),
    buyer: {
      name: row.buyer_name,
      businessId: row.buyer_business_id,
      address: row.buyer_address,
      email: row.buyer_email,
      einvoiceAddress: row.buyer_einvoice_address,
      einvoiceOperator: row.buyer_einvoice_operator,
    },
    seller: JSON.parse(row.seller) as Seller,
    lines: lines!.rows.map(readLine).map(toLine),
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
  const lines = [...purchases!.rows, ...credits!.rows].map((row, i) => toLine({ ...readBalanceLine(row), position: i + 1 }));
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
