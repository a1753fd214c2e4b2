import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { companies } from './companies.ts';
import { purchases } from './purchases.ts';
import { requests } from './requests.ts';
import { users } from './users.ts';
import { creditReasons, creditStatuses } from '../../contract/billing.ts';

/** A company's billing settings, kept beside the company: the optional monthly spend cap and e-invoicing. */
export const companyBilling = sqliteTable('company_billing', {
  companyId: text('company_id')
    .primaryKey()
    .references(() => companies.id),
  /** Purchases in one calendar month (Finnish time) may not exceed this, VAT excluded; null = no cap. */
  spendCapCents: integer('spend_cap_cents'),
  /** Finvoice: the buyer's e-invoice address (OVT code or IBAN) and its operator's identifier. */
  einvoiceAddress: text('einvoice_address'),
  einvoiceOperator: text('einvoice_operator'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** The last invoice number used per year: raised in the same write as the invoice it numbers, so numbers never skip. */
export const invoiceCounters = sqliteTable('invoice_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/**
 * One company's invoice for one month. Immutable once written: the buyer's and seller's details
 * are copied in as they were on the day of issue, and corrections are credit lines on a later one.
 */
export const invoices = sqliteTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    /** The billed month, YYYY-MM (Finnish time). */
    period: text('period').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** YYYY + the year's sequence number, five digits: 202600001. The reference number is it plus a check digit. */
    number: text('number').notNull(),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }).notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    vatBasisPoints: integer('vat_basis_points').notNull(),
    netCents: integer('net_cents').notNull(),
    vatCents: integer('vat_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
    buyerName: text('buyer_name').notNull(),
    buyerBusinessId: text('buyer_business_id').notNull(),
    buyerAddress: text('buyer_address'),
    buyerEmail: text('buyer_email'),
    buyerEinvoiceAddress: text('buyer_einvoice_address'),
    buyerEinvoiceOperator: text('buyer_einvoice_operator'),
    /** JSON of the seller's details from the environment on the day of issue. */
    seller: text('seller').notNull(),
  },
  (t) => [
    // A second run for the same month finds this and issues nothing.
    uniqueIndex('invoices_company_period_idx').on(t.companyId, t.period),
    uniqueIndex('invoices_year_seq_idx').on(t.year, t.seq),
    uniqueIndex('invoices_number_idx').on(t.number),
    // Staff list and export a month's invoices.
    index('invoices_period_idx').on(t.period),
  ],
);

/** Invoice lines: a purchase (positive) or a credit (negative), with what the invoice shows copied in. */
export const invoiceLines = sqliteTable(
  'invoice_lines',
  {
    invoiceId: text('invoice_id')
      .notNull()
      .references(() => invoices.id),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['purchase', 'credit'] }).notNull(),
    purchaseId: text('purchase_id').notNull(),
    creditId: text('credit_id'),
    /** When the purchase was made, or when the credit was approved. */
    occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull(),
    categoryId: text('category_id').notNull(),
    regionCode: text('region_code').notNull(),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.invoiceId, t.position] })],
);

/** A buyer's claim that a bought request was bad; approved ones are credited on the next invoice. */
export const creditClaims = sqliteTable(
  'credit_claims',
  {
    id: text('id').primaryKey(),
    /** One claim per purchase. */
    purchaseId: text('purchase_id')
      .notNull()
      .unique()
      .references(() => purchases.id),
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason', { enum: creditReasons }).notNull(),
    /** The contractor's words; cleared when the request is purged. */
    note: text('note'),
    status: text('status', { enum: creditStatuses }).notNull(),
    /** What the automatic rule found: matched, no_match, or null for reasons no rule checks. */
    checkResult: text('check_result', { enum: ['matched', 'no_match'] }),
    decidedBy: text('decided_by', { enum: ['rule', 'staff'] }),
    decidedByUserId: text('decided_by_user_id'),
    decisionNote: text('decision_note'),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    /** The purchase price, credited in full, VAT excluded. */
    amountCents: integer('amount_cents').notNull(),
    /** The invoice that carries the credit line; null until then. */
    invoiceId: text('invoice_id').references(() => invoices.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    // A company's claims, newest first.
    index('credit_claims_company_idx').on(t.companyId, t.createdAt),
    // Staff's queue: pending claims, oldest first.
    index('credit_claims_status_idx').on(t.status, t.createdAt),
    // Invoicing finds approved credits not yet on an invoice.
    index('credit_claims_unbilled_idx').on(t.companyId, t.status, t.invoiceId),
  ],
);

/** "Not for us": a company hid an open request from its own list. No charge, no effect on others. */
export const leadDismissals = sqliteTable(
  'lead_dismissals',
  {
    companyId: text('company_id')
      .notNull()
      .references(() => companies.id),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.requestId] })],
);
