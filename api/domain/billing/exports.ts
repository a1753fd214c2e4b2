// What bookkeeping and e-invoicing read: a CSV per invoice and per month (semicolons, decimal
// commas and a BOM, so a Finnish spreadsheet opens it right), and Finvoice 3.0 XML per invoice
// for companies with an e-invoice address and operator. Both are built from the stored invoice
// alone, so they read the same after the requests are purged. Who may read which invoice is
// getInvoice's and listInvoices' rule (invoices.ts): each export reads through them.
import { and, eq, isNotNull } from 'drizzle-orm';
import { regions } from '../../contract/regions.ts';
import type { Invoice, InvoiceSummary } from '../../contract/billing.ts';
import { invoices } from '../../db/schema/billing.ts';
import { rowReader, text } from '../../db/rows.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../session-user.ts';
import { getInvoice, listInvoices } from './invoices.ts';
import { decimal, vatPercent } from './money.ts';
import { localDate } from './periods.ts';
import type { Ctx, Verb } from '../context.ts';

/** A file to download, named for what it holds. */
export type ExportFile = { filename: string; contentType: 'text/csv' | 'application/xml'; body: string };

/** One invoice as CSV: a company's own, or any for staff. */
export async function exportInvoiceCsv({ ctx, actor, input: { id } }: Verb<{ id: string }, SessionUser>): Promise<ExportFile> {
  const invoice = await getInvoice({ ctx, actor, id });
  return {
    filename: `linkki-lasku-${invoice.number}.csv`,
    contentType: 'text/csv',
    body: invoiceCsv(invoice, await categoryLabelsFi(ctx)),
  };
}

/** One invoice as Finvoice XML, stamped with the time it is made. */
export async function exportFinvoice({ ctx, actor, input: { id } }: Verb<{ id: string }, SessionUser>): Promise<ExportFile> {
  const invoice = await getInvoice({ ctx, actor, id });
  const body = finvoiceXml(invoice, await categoryLabelsFi(ctx), ctx.clock.now());
  return { filename: `linkki-finvoice-${invoice.number}.xml`, contentType: 'application/xml', body };
}

/** A month's invoices as one CSV, for bookkeeping (staff: every company's). */
export async function exportMonthCsv({ ctx, actor, input: { period } }: Verb<{ period: string }, SessionUser>): Promise<ExportFile> {
  const list = await listInvoices({ ctx, actor, period });
  return { filename: `linkki-laskut-${period}.csv`, contentType: 'text/csv', body: monthCsv(await monthForExport(ctx, period, list)) };
}

const readLabel = rowReader({ id: text, label_fi: text });

/** Category labels in Finnish, the invoice's language (category ids never change; labels may). */
async function categoryLabelsFi(ctx: Pick<Ctx, 'client'>): Promise<Map<string, string>> {
  const { rows } = await ctx.client.execute('SELECT id, label_fi FROM categories');
  return new Map(rows.map(readLabel).map((r) => [r.id, r.label_fi]));
}

const regionFi = (code: string) => regions.find((r) => r.code === code)?.fi ?? code;

/** A spreadsheet must not run a cell as a formula (a company name starting with "="). */
function cell(value: string | number | null): string {
  let shown = value === null ? '' : String(value);
  // A plain amount ("-25,00") stays a number; any other text starting like a formula is quoted.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(shown) && !/^-?\d+(,\d+)?$/.test(shown)) shown = `'${shown}`;
  return /[";\r\n]/.test(shown) ? `"${shown.replaceAll('"', '""')}"` : shown;
}

const csv = (rows: (string | number | null)[][]) => `\uFEFF${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;

export function invoiceCsv(invoice: Invoice, labels: Map<string, string>): string {
  const head = ['rivi', 'laji', 'päivä', 'luokka', 'maakunta', 'hinta_alv0', 'osto_id', 'hyvitys_id'];
  return csv([
    [
      'lasku',
      invoice.number,
      'viite',
      invoice.reference,
      'päivä',
      localDate(new Date(invoice.issuedAt)),
      'eräpäivä',
      localDate(new Date(invoice.dueAt)),
    ],
    head,
    ...invoice.lines.map((l) => [
      l.position,
      l.kind === 'purchase' ? 'osto' : 'hyvitys',
      localDate(new Date(l.date)),
      labels.get(l.category) ?? l.category,
      regionFi(l.region),
      decimal(l.amountCents),
      l.purchaseId,
      l.creditId,
    ]),
    ['', '', '', '', 'veroton', decimal(invoice.netCents)],
    ['', '', '', '', `alv ${vatPercent(invoice.vatBasisPoints)} %`, decimal(invoice.vatCents)],
    ['', '', '', '', 'yhteensä', decimal(invoice.totalCents)],
  ]);
}

export function monthCsv(invoices: (InvoiceSummary & { businessId: string })[]): string {
  return csv([
    ['laskunumero', 'viitenumero', 'laskupäivä', 'eräpäivä', 'kausi', 'asiakas', 'y_tunnus', 'veroton', 'alv_pros', 'alv', 'yhteensä'],
    ...invoices.map((i) => [
      i.number,
      i.reference,
      localDate(new Date(i.issuedAt)),
      localDate(new Date(i.dueAt)),
      i.period,
      i.companyName,
      i.businessId,
      decimal(i.netCents),
      vatPercent(i.vatBasisPoints),
      decimal(i.vatCents),
      decimal(i.totalCents),
    ]),
  ]);
}

const readBusinessId = rowReader({ id: text, buyer_business_id: text });

/** The month's invoices with the buyer's business ID copied on them, in number order. */
async function monthForExport(ctx: Pick<Ctx, 'client'>, period: string, list: InvoiceSummary[]) {
  const { rows } = await ctx.client.execute({ sql: 'SELECT id, buyer_business_id FROM invoices WHERE period = ?', args: [period] });
  const ids = new Map(rows.map(readBusinessId).map((r) => [r.id, r.buyer_business_id]));
  return list.map((i) => ({ ...i, businessId: ids.get(i.id) ?? '' }));
}

const esc = (s: string | null | undefined) =>
  (s ?? '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const ymd = (iso: string) => localDate(new Date(iso)).replaceAll('-', '');
const eur = (cents: number) => `AmountCurrencyIdentifier="EUR">${decimal(cents)}`;

/** A street line and "00100 Helsinki" out of the free-form billing address, as well as it can. */
function splitAddress(address: string | null) {
  const lines = (address ?? '')
    .split(/\r?\n|,/)
    .map((x) => x.trim())
    .filter(Boolean);
  const post = lines.map((l) => /^(\d{5})\s+(.+)$/.exec(l)).find(Boolean);
  return { street: lines.find((l) => !/^\d{5}\s/.test(l)) ?? '', postCode: post?.[1] ?? '', town: post?.[2] ?? '' };
}

/**
 * Finvoice 3.0 (Finanssiala): one invoice message. INV01 LASKU, or INV02 HYVITYSLASKU when the
 * credits outweigh the purchases. Amounts use a decimal comma, dates CCYYMMDD, the reference
 * travels as SPY in the payment instruction.
 */
export function finvoiceXml(invoice: Invoice, labels: Map<string, string>, at: Date): string {
  const s = invoice.seller;
  const b = invoice.buyer;
  if (!b.einvoiceAddress || !b.einvoiceOperator)
    throw new AppError('not_found', { message: 'This company has no e-invoice address and operator.' });
  const buyerAddress = splitAddress(b.address);
  const credit = invoice.totalCents < 0;
  const rate = vatPercent(invoice.vatBasisPoints);
  const x: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Finvoice Version="3.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="Finvoice3.0.xsd">',
    '<MessageTransmissionDetails>',
    `<MessageSenderDetails><FromIdentifier>${esc(s.einvoiceAddress ?? `0037${s.businessId.replace('-', '')}`)}</FromIdentifier><FromIntermediator>${esc(s.einvoiceOperator ?? s.bic)}</FromIntermediator></MessageSenderDetails>`,
    `<MessageReceiverDetails><ToIdentifier>${esc(b.einvoiceAddress)}</ToIdentifier><ToIntermediator>${esc(b.einvoiceOperator)}</ToIntermediator></MessageReceiverDetails>`,
    `<MessageDetails><MessageIdentifier>${esc(invoice.number)}</MessageIdentifier><MessageTimeStamp>${at.toISOString().replace(/\.\d{3}Z$/, 'Z')}</MessageTimeStamp></MessageDetails>`,
    '</MessageTransmissionDetails>',
    '<SellerPartyDetails>',
    `<SellerPartyIdentifier>${esc(s.businessId)}</SellerPartyIdentifier><SellerOrganisationName>${esc(s.name)}</SellerOrganisationName><SellerOrganisationTaxCode>${esc(s.vatId)}</SellerOrganisationTaxCode>`,
    `<SellerPostalAddressDetails><SellerStreetName>${esc(s.street)}</SellerStreetName><SellerTownName>${esc(s.town)}</SellerTownName><SellerPostCodeIdentifier>${esc(s.postalCode)}</SellerPostCodeIdentifier><CountryCode>FI</CountryCode></SellerPostalAddressDetails>`,
    '</SellerPartyDetails>',
    '<SellerInformationDetails>',
    `<SellerCommonEmailaddressIdentifier>${esc(s.email)}</SellerCommonEmailaddressIdentifier>`,
    `<SellerAccountDetails><SellerAccountID IdentificationSchemeName="IBAN">${esc(s.iban)}</SellerAccountID><SellerBic IdentificationSchemeName="BIC">${esc(s.bic)}</SellerBic></SellerAccountDetails>`,
    '</SellerInformationDetails>',
    '<BuyerPartyDetails>',
    `<BuyerPartyIdentifier>${esc(b.businessId)}</BuyerPartyIdentifier><BuyerOrganisationName>${esc(b.name)}</BuyerOrganisationName><BuyerOrganisationTaxCode>FI${esc(b.businessId.replace('-', ''))}</BuyerOrganisationTaxCode>`,
    `<BuyerPostalAddressDetails><BuyerStreetName>${esc(buyerAddress.street)}</BuyerStreetName><BuyerTownName>${esc(buyerAddress.town)}</BuyerTownName><BuyerPostCodeIdentifier>${esc(buyerAddress.postCode)}</BuyerPostCodeIdentifier><CountryCode>FI</CountryCode></BuyerPostalAddressDetails>`,
    '</BuyerPartyDetails>',
    `<BuyerOrganisationUnitNumber>${esc(b.einvoiceAddress)}</BuyerOrganisationUnitNumber>`,
    '<InvoiceDetails>',
    `<InvoiceTypeCode>${credit ? 'INV02' : 'INV01'}</InvoiceTypeCode><InvoiceTypeText>${credit ? 'HYVITYSLASKU' : 'LASKU'}</InvoiceTypeText><OriginCode>Original</OriginCode>`,
    `<InvoiceNumber>${esc(invoice.number)}</InvoiceNumber><InvoiceDate Format="CCYYMMDD">${ymd(invoice.issuedAt)}</InvoiceDate>`,
    `<SellerReferenceIdentifier>${esc(invoice.reference)}</SellerReferenceIdentifier>`,
    `<InvoiceTotalVatExcludedAmount ${eur(invoice.netCents)}</InvoiceTotalVatExcludedAmount>`,
    `<InvoiceTotalVatAmount ${eur(invoice.vatCents)}</InvoiceTotalVatAmount>`,
    `<InvoiceTotalVatIncludedAmount ${eur(invoice.totalCents)}</InvoiceTotalVatIncludedAmount>`,
    `<VatSpecificationDetails><VatBaseAmount ${eur(invoice.netCents)}</VatBaseAmount><VatRatePercent>${rate}</VatRatePercent><VatRateAmount ${eur(invoice.vatCents)}</VatRateAmount></VatSpecificationDetails>`,
    `<InvoiceFreeText>Linkki: tarjouspyynnöt ${esc(invoice.period)}</InvoiceFreeText>`,
    `<PaymentTermsDetails><PaymentTermsFreeText>${Math.round((Date.parse(invoice.dueAt) - Date.parse(invoice.issuedAt)) / 86_400_000)} päivää netto</PaymentTermsFreeText><InvoiceDueDate Format="CCYYMMDD">${ymd(invoice.dueAt)}</InvoiceDueDate></PaymentTermsDetails>`,
    '</InvoiceDetails>',
    ...invoice.lines.map((l) =>
      [
        '<InvoiceRow>',
        `<ArticleName>${esc(`${l.kind === 'credit' ? 'Hyvitys: ' : ''}${labels.get(l.category) ?? l.category}, ${regionFi(l.region)}`)}</ArticleName>`,
        `<DeliveredQuantity QuantityUnitCode="kpl">${l.kind === 'credit' ? '-1' : '1'}</DeliveredQuantity>`,
        `<UnitPriceAmount ${eur(Math.abs(l.amountCents))}</UnitPriceAmount>`,
        `<RowIdentifier>${esc(l.creditId ?? l.purchaseId)}</RowIdentifier>`,
        `<RowFreeText>${l.kind === 'credit' ? 'Hyväksytty' : 'Ostettu'} ${localDate(new Date(l.date))}</RowFreeText>`,
        `<RowVatRatePercent>${rate}</RowVatRatePercent>`,
        `<RowVatExcludedAmount ${eur(l.amountCents)}</RowVatExcludedAmount>`,
        '</InvoiceRow>',
      ].join(''),
    ),
    '<EpiDetails>',
    `<EpiIdentificationDetails><EpiDate Format="CCYYMMDD">${ymd(invoice.issuedAt)}</EpiDate><EpiReference>${esc(invoice.number)}</EpiReference></EpiIdentificationDetails>`,
    '<EpiPartyDetails>',
    `<EpiBfiPartyDetails><EpiBfiIdentifier IdentificationSchemeName="BIC">${esc(s.bic)}</EpiBfiIdentifier></EpiBfiPartyDetails>`,
    `<EpiBeneficiaryPartyDetails><EpiNameAddressDetails>${esc(s.name)}</EpiNameAddressDetails><EpiBei>${esc(s.businessId)}</EpiBei><EpiAccountID IdentificationSchemeName="IBAN">${esc(s.iban)}</EpiAccountID></EpiBeneficiaryPartyDetails>`,
    '</EpiPartyDetails>',
    '<EpiPaymentInstructionDetails>',
    `<EpiRemittanceInfoIdentifier IdentificationSchemeName="SPY">${esc(invoice.reference)}</EpiRemittanceInfoIdentifier>`,
    `<EpiInstructedAmount ${eur(Math.max(0, invoice.totalCents))}</EpiInstructedAmount>`,
    '<EpiCharge ChargeOption="SHA">SHA</EpiCharge>',
    `<EpiDateOptionDate Format="CCYYMMDD">${ymd(invoice.dueAt)}</EpiDateOptionDate>`,
    '</EpiPaymentInstructionDetails>',
    '</EpiDetails>',
    '</Finvoice>',
  ];
  return `${x.join('\n')}\n`;
}

/** Staff: which of a month's invoices can go out as Finvoice (the buyer had an e-invoice address and operator). */
export async function einvoiceReady({
  ctx,
  actor,
  input: { period },
}: Verb<{ period: string }, SessionUser, Pick<Ctx, 'db'>>): Promise<Set<string>> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  const rows = await ctx.db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.period, period), isNotNull(invoices.buyerEinvoiceAddress), isNotNull(invoices.buyerEinvoiceOperator)));
  return new Set(rows.map((r) => r.id));
}
