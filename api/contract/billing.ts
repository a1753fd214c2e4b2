// Billing payloads: invoices, the month's running balance, credit claims, spend cap and
// e-invoicing settings, staff's month run. Money is integer cents, VAT excluded unless named.
import * as v from 'valibot';
import { billing } from '../config.ts';
import { regionCodes } from './regions.ts';

const iso = v.pipe(v.string(), v.isoTimestamp());
const cents = (description: string) => v.pipe(v.number(), v.integer(), v.description(description));

/** A calendar month in Finnish time, YYYY-MM. */
export const Period = v.pipe(v.string('required'), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'invalid_period'));
export const PeriodQuery = v.object({ period: v.optional(Period) });
export const GenerateInput = v.object({ period: Period });

export const creditReasons = ['never_asked', 'duplicate', 'bounced', 'wrong_contact', 'outside_area', 'other'] as const;
export type CreditReason = (typeof creditReasons)[number];
export const creditStatuses = ['pending', 'approved', 'rejected'] as const;

const note = v.pipe(v.string(), v.trim(), v.maxLength(billing.noteMaxLength, 'too_long'));

export const CreditClaimInput = v.pipe(
  v.object({
    purchaseId: v.pipe(v.string('required'), v.regex(/^[0-9a-f-]{36}$/, 'invalid_choice')),
    reason: v.picklist(creditReasons, 'invalid_choice'),
    note: v.optional(note),
  }),
  // "other" says nothing by itself: the contractor tells staff what was wrong.
  v.forward(
    v.partialCheck([['reason'], ['note']], (i) => i.reason !== 'other' || Boolean(i.note), 'required'),
    ['note'],
  ),
);

export const CreditDecisionInput = v.object({
  decision: v.picklist(['approve', 'reject'], 'invalid_choice'),
  note: v.pipe(note, v.minLength(1, 'required')),
});

export const CreditQuery = v.object({ status: v.optional(v.picklist(creditStatuses, 'invalid_choice')) });

export const Credit = v.object({
  id: v.string(),
  purchaseId: v.string(),
  requestId: v.string(),
  companyId: v.string(),
  reason: v.picklist(creditReasons),
  note: v.nullable(v.string()),
  status: v.picklist(creditStatuses),
  checkResult: v.pipe(
    v.nullable(v.picklist(['matched', 'no_match'])),
    v.description('What the automatic rule found; null for reasons no rule checks.'),
  ),
  decidedBy: v.nullable(v.picklist(['rule', 'staff'])),
  decisionNote: v.nullable(v.string()),
  decidedAt: v.nullable(iso),
  amountCents: cents('The purchase price, credited in full, VAT excluded.'),
  invoiceId: v.pipe(v.nullable(v.string()), v.description('The invoice carrying the credit line, once issued.')),
  invoiceNumber: v.nullable(v.string()),
  createdAt: iso,
  purchasedAt: iso,
  category: v.string(),
  region: v.picklist(regionCodes),
});
export type Credit = v.InferOutput<typeof Credit>;
export const CreditList = v.object({ items: v.array(Credit) });

export const Seller = v.object({
  name: v.string(),
  businessId: v.string(),
  vatId: v.string(),
  street: v.string(),
  postalCode: v.string(),
  town: v.string(),
  iban: v.string(),
  bic: v.string(),
  email: v.string(),
  einvoiceAddress: v.nullable(v.string()),
  einvoiceOperator: v.nullable(v.string()),
});
export type Seller = v.InferOutput<typeof Seller>;

export const InvoiceLine = v.object({
  position: v.pipe(v.number(), v.integer()),
  kind: v.picklist(['purchase', 'credit']),
  date: v.pipe(iso, v.description('When the purchase was made, or when the credit was approved.')),
  purchaseId: v.string(),
  creditId: v.nullable(v.string()),
  category: v.string(),
  region: v.picklist(regionCodes),
  amountCents: cents('VAT excluded; negative for a credit.'),
});
export type InvoiceLine = v.InferOutput<typeof InvoiceLine>;

export const InvoiceSummary = v.object({
  id: v.string(),
  number: v.string(),
  reference: v.pipe(v.string(), v.description('Finnish reference number (viitenumero): the invoice number and its 7-3-1 check digit.')),
  period: v.string(),
  companyId: v.string(),
  companyName: v.string(),
  issuedAt: iso,
  dueAt: iso,
  vatBasisPoints: v.pipe(v.number(), v.integer(), v.description('2550 = 25.5 %')),
  netCents: cents('Sum of the lines, VAT excluded.'),
  vatCents: cents('VAT on the net total, rounded half away from zero to the cent.'),
  totalCents: cents('Net plus VAT: the amount to pay (negative: to be refunded).'),
});
export type InvoiceSummary = v.InferOutput<typeof InvoiceSummary>;
export const InvoiceList = v.object({ items: v.array(InvoiceSummary) });

export const Invoice = v.object({
  ...InvoiceSummary.entries,
  buyer: v.object({
    name: v.string(),
    businessId: v.string(),
    address: v.nullable(v.string()),
    email: v.nullable(v.string()),
    einvoiceAddress: v.nullable(v.string()),
    einvoiceOperator: v.nullable(v.string()),
  }),
  seller: Seller,
  lines: v.array(InvoiceLine),
});
export type Invoice = v.InferOutput<typeof Invoice>;

export const Balance = v.object({
  period: v.string(),
  lines: v.array(InvoiceLine),
  netCents: cents('What the next invoice for this month would say, so far.'),
  vatCents: cents('VAT on the net so far.'),
  totalCents: cents('Net plus VAT so far.'),
  spentCents: cents('Purchases this month (what the spend cap counts).'),
  spendCapCents: v.nullable(cents('The monthly spend cap, VAT excluded; null = none.')),
});
export type Balance = v.InferOutput<typeof Balance>;

export const GenerateResult = v.object({
  period: v.string(),
  issued: v.array(v.object({ id: v.string(), number: v.string(), companyId: v.string() })),
  alreadyIssued: v.pipe(v.number(), v.integer(), v.description('Invoices this month had before this run.')),
});
export type GenerateResult = v.InferOutput<typeof GenerateResult>;

/** An e-invoice address (OVT code or IBAN) or an operator code (OVT code or BIC). */
const einvoiceId = v.nullable(v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{8,35}$/, 'invalid_einvoice')));
const cap = v.nullable(
  v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(0, 'too_small'), v.maxValue(100_000_000, 'too_large')),
);

/** An owner sets the company's own cap; staff set the cap and the e-invoicing details. */
export const OwnerBillingPatch = v.object({ spendCapCents: cap });
export const StaffBillingPatch = v.pipe(
  v.object({
    spendCapCents: v.optional(cap),
    einvoiceAddress: v.optional(einvoiceId),
    einvoiceOperator: v.optional(einvoiceId),
  }),
  // Finvoice needs both: where to, and through whom.
  v.forward(
    v.partialCheck(
      [['einvoiceAddress'], ['einvoiceOperator']],
      (i) => (i.einvoiceAddress === undefined) === (i.einvoiceOperator === undefined) && !i.einvoiceAddress === !i.einvoiceOperator,
      'einvoice_pair',
    ),
    ['einvoiceOperator'],
  ),
);

export const CompanyBilling = v.object({
  companyId: v.string(),
  spendCapCents: v.nullable(v.pipe(v.number(), v.integer())),
  spentThisMonthCents: v.pipe(v.number(), v.integer()),
  einvoiceAddress: v.nullable(v.string()),
  einvoiceOperator: v.nullable(v.string()),
});
export type CompanyBilling = v.InferOutput<typeof CompanyBilling>;

/** An IBAN's own check (ISO 13616: letters to numbers, the whole mod 97 is 1). */
export function isIban(value: string): boolean {
  const iban = value.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}
