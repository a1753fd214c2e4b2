// The files bookkeeping and e-invoicing read (S2), and the seller they name: a company name
// never runs as a spreadsheet formula, amounts stay numbers, XML escapes what it must, a credit
// invoice is INV02, and the seller comes from SELLER_* (a demo locally, nothing in production).
import { describe, expect, test } from 'vitest';
import { demoSeller } from '../../api/config.ts';
import { isIban, type Invoice } from '../../api/contract/billing.ts';
import { finvoiceXml, invoiceCsv, monthCsv } from '../../api/domain/billing/exports.ts';
import { configFromEnv, parseEnv } from '../../api/environment.ts';
import { now } from '../support/clock.ts';

const invoice = (over: Partial<Invoice> = {}): Invoice => ({
  id: 'i1',
  number: '202600007',
  reference: '2026000073',
  period: '2026-10',
  companyId: 'c1',
  companyName: '=HYPERLINK("x") & <Oy>',
  issuedAt: '2026-10-31T22:05:00.000Z',
  dueAt: '2026-11-14T22:05:00.000Z',
  vatBasisPoints: 2550,
  netCents: 2500,
  vatCents: 638,
  totalCents: 3138,
  buyer: {
    name: '=HYPERLINK("x") & <Oy>',
    businessId: '1234567-1',
    address: 'Katu 1\n00100 Helsinki',
    email: null,
    einvoiceAddress: '003712345671',
    einvoiceOperator: 'NDEAFIHH',
  },
  seller: { ...demoSeller },
  lines: [
    {
      position: 1,
      kind: 'purchase',
      date: '2026-10-10T10:00:00.000Z',
      purchaseId: 'p1',
      creditId: null,
      category: 'sauna',
      region: '06',
      amountCents: 5000,
    },
    {
      position: 2,
      kind: 'credit',
      date: '2026-10-12T10:00:00.000Z',
      purchaseId: 'p0',
      creditId: 'cr1',
      category: 'roof',
      region: '19',
      amountCents: -2500,
    },
  ],
  ...over,
});
const labels = new Map([
  ['sauna', 'Sauna'],
  ['roof', 'Katto'],
]);

describe('CSV', () => {
  test('a name that looks like a formula is quoted; a negative amount stays a number; dates are Finnish', () => {
    const text = invoiceCsv(invoice(), labels);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('lasku;202600007;viite;2026000073;päivä;2026-11-01;eräpäivä;2026-11-15');
    expect(text).toContain('2;hyvitys;2026-10-12;Katto;Lappi;-25,00;p0;cr1');
    const month = monthCsv([{ ...invoice(), businessId: '1234567-1' }]);
    expect(month).toContain(`;"'=HYPERLINK(""x"") & <Oy>";1234567-1;25,00;25,5;6,38;31,38`);
  });
});

describe('Finvoice 3.0', () => {
  test("escaped, amounts with a decimal comma, the reference as SPY, the buyer's e-invoice routing", () => {
    const xml = finvoiceXml(invoice(), labels, new Date('2026-11-01T08:00:00Z'));
    expect(xml).toContain('<BuyerOrganisationName>=HYPERLINK(&quot;x&quot;) &amp; &lt;Oy&gt;</BuyerOrganisationName>');
    expect(xml).not.toMatch(/<Oy>/);
    expect(xml).toContain('<InvoiceTypeCode>INV01</InvoiceTypeCode>');
    expect(xml).toContain('<InvoiceDate Format="CCYYMMDD">20261101</InvoiceDate>');
    expect(xml).toContain('<BuyerPostCodeIdentifier>00100</BuyerPostCodeIdentifier>');
    expect(xml).toContain('<RowVatExcludedAmount AmountCurrencyIdentifier="EUR">-25,00</RowVatExcludedAmount>');
    expect(xml).toContain('<EpiRemittanceInfoIdentifier IdentificationSchemeName="SPY">2026000073</EpiRemittanceInfoIdentifier>');
    expect(xml).toContain('<EpiAccountID IdentificationSchemeName="IBAN">FI2112345600000785</EpiAccountID>');
    // Every element that opens, closes.
    const opened = [...xml.matchAll(/<([A-Za-z]+)[\s>]/g)].map((m) => m[1]).filter((n) => n !== 'xml');
    const closed = [...xml.matchAll(/<\/([A-Za-z]+)>/g)].map((m) => m[1]);
    expect(closed.sort()).toEqual(opened.sort());
  });

  test('credits outweigh purchases: a credit invoice (INV02), nothing to pay', () => {
    const xml = finvoiceXml(invoice({ netCents: -2500, vatCents: -638, totalCents: -3138 }), labels, new Date(now()));
    expect(xml).toContain('<InvoiceTypeCode>INV02</InvoiceTypeCode><InvoiceTypeText>HYVITYSLASKU</InvoiceTypeText>');
    expect(xml).toContain('<EpiInstructedAmount AmountCurrencyIdentifier="EUR">0,00</EpiInstructedAmount>');
  });

  test('no e-invoice address: refused', () => {
    expect(() => finvoiceXml(invoice({ buyer: { ...invoice().buyer, einvoiceAddress: null } }), labels, new Date(now()))).toThrow();
  });
});

describe('the seller from the environment', () => {
  test('a local start without SELLER_* uses the demo seller; production has none until set', () => {
    expect(configFromEnv(parseEnv({})).seller).toEqual(demoSeller);
    expect(configFromEnv(parseEnv({ NODE_ENV: 'production' })).seller).toBeNull();
  });

  test('SELLER_* set: checked and used, the VAT ID derived from the business ID', () => {
    const seller = configFromEnv(
      parseEnv({
        SELLER_NAME: 'Linkki Oy',
        SELLER_BUSINESS_ID: '2345678-0',
        SELLER_IBAN: 'FI49 5000 9420 0287 30',
        SELLER_BIC: 'okoyfihh',
        SELLER_STREET: 'Aleksanterinkatu 1',
        SELLER_POSTAL_CODE: '00100',
        SELLER_TOWN: 'Helsinki',
        SELLER_EMAIL: 'laskutus@linkki.fi',
      }),
    ).seller;
    expect(seller).toMatchObject({
      name: 'Linkki Oy',
      businessId: '2345678-0',
      vatId: 'FI23456780',
      iban: 'FI4950009420028730',
      bic: 'OKOYFIHH',
    });
    expect(() => configFromEnv(parseEnv({ SELLER_NAME: 'Linkki Oy' }))).toThrow(/set all four/);
    expect(() => parseEnv({ SELLER_BUSINESS_ID: '1234567-2' })).toThrow(/SELLER_BUSINESS_ID/);
    expect(() => parseEnv({ SELLER_IBAN: 'FI4950009420028731' })).toThrow(/SELLER_IBAN/);
    expect(isIban(demoSeller.iban)).toBe(true);
  });
});
