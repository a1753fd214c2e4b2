// Monthly invoices over real HTTP on both engines (S2: contractors are invoiced; S7: purchases
// are recorded and billed): one invoice per company per month, lines per purchase, VAT 25.5 % on
// the net total, gap-free numbers, a Finnish reference number, CSV and Finvoice, and the job.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { billing } from '../../api/config.ts';
import { addDays } from '../../api/contract/dates.ts';
import { vatCents } from '../../api/domain/billing/money.ts';
import { month, previousPeriod } from '../../api/domain/billing/periods.ts';
import { isReferenceNumber } from '../../api/domain/billing/reference.ts';
import { boughtAt, contractor, lastMonth, setPrice, staff } from '../support/billing.ts';
import type { Account } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { now } from '../support/clock.ts';
import { helsinkiWall } from '../../api/contract/dates.ts';

let server: TestServer;
let partnerKey: string;
let admin: Account;
const last = lastMonth();

beforeAll(async () => {
  server = await startServer();
  partnerKey = (await server.createPartner()).publicKey;
  admin = await staff(server);
});
afterAll(() => server.close());

const generate = (period = last.period) => admin.json('POST', '/v1/invoices/generate', { body: { period } });
const invoiceOf = async (who: Account) => {
  const list = await who.json('GET', `/v1/invoices?period=${last.period}`);
  expect(list.status).toBe(200);
  return list.body.items[0] ? (await who.json('GET', `/v1/invoices/${list.body.items[0].id}`)).body : undefined;
};

describe('an invoice for last month (S2, S7)', () => {
  test('one line per purchase, VAT on the net total rounded half up, number, reference, due date, seller', async () => {
    await setPrice(server, 'sauna', 1999);
    await setPrice(server, 'yard', 2001);
    const me = await contractor(server);
    const a = await boughtAt(server, me, partnerKey, last.inside, { category: 'sauna', region: '06' });
    const b = await boughtAt(server, me, partnerKey, last.inside + 3600_000, { category: 'yard', region: '19' });
    // This month's purchase waits for this month's invoice.
    await boughtAt(server, me, partnerKey, now(), { category: 'sauna' });

    const run = await generate();
    expect(run.status).toBe(200);
    expect(run.body.issued.map((i: { companyId: string }) => i.companyId)).toContain(me.companyId);

    const invoice = await invoiceOf(me);
    expect(invoice.lines).toEqual([
      {
        position: 1,
        kind: 'purchase',
        date: new Date(last.inside).toISOString(),
        purchaseId: a.purchaseId,
        creditId: null,
        category: 'sauna',
        region: '06',
        amountCents: 1999,
      },
      {
        position: 2,
        kind: 'purchase',
        date: new Date(last.inside + 3600_000).toISOString(),
        purchaseId: b.purchaseId,
        creditId: null,
        category: 'yard',
        region: '19',
        amountCents: 2001,
      },
    ]);
    // 40.00 € × 25.5 % = 10.20 €
    expect(invoice).toMatchObject({
      period: last.period,
      companyId: me.companyId,
      vatBasisPoints: 2550,
      netCents: 4000,
      vatCents: 1020,
      totalCents: 5020,
    });
    expect(invoice.number).toMatch(new RegExp(`^${helsinkiWall(now()).year}\\d{5}$`));
    expect(invoice.reference.startsWith(invoice.number)).toBe(true);
    expect(isReferenceNumber(invoice.reference)).toBe(true);
    expect(Date.parse(invoice.dueAt)).toBe(addDays(new Date(invoice.issuedAt), billing.dueDays).getTime());
    expect(invoice.seller).toMatchObject({ name: 'Linkki Demo Oy', businessId: '1234567-1', iban: 'FI2112345600000785' });
    expect(invoice.buyer.businessId).toMatch(/^\d{7}-\d$/);
  });

  test.each([
    // net cents, VAT cents: 25.5 % of 1.00 € is 25.5 cents → 26 (half up); 3.00 € → 76.5 → 77;
    // 0.01 € → 0.255 → 0; 0.02 € → 0.51 → 1; 19.99 € → 509.745 → 510; 33.33 € → 849.915 → 850.
    [100, 26],
    [300, 77],
    [1, 0],
    [2, 1],
    [1999, 510],
    [3333, 850],
    [123_457, 31_482],
  ])('awkward amount: a net of %i cents carries %i cents of VAT', async (net, vat) => {
    expect(vatCents(net)).toBe(vat);
    expect(vatCents(-net)).toBe(vat ? -vat : 0);
    await setPrice(server, 'painting', net);
    const me = await contractor(server);
    await boughtAt(server, me, partnerKey, last.inside, { category: 'painting' });
    expect((await generate()).status).toBe(200);
    expect(await invoiceOf(me)).toMatchObject({ netCents: net, vatCents: vat, totalCents: net + vat });
  });

  test('running it again never makes a second invoice; a company with nothing to bill gets none', async () => {
    await setPrice(server, 'floors', 2500);
    const me = await contractor(server);
    const idle = await contractor(server);
    await boughtAt(server, me, partnerKey, last.inside, { category: 'floors' });
    const first = await generate();
    const again = await generate();
    expect(again.status).toBe(200);
    expect(again.body.issued).toEqual([]);
    expect(again.body.alreadyIssued).toBe(first.body.issued.length + first.body.alreadyIssued);
    const rows = await server.db.execute({ sql: 'SELECT count(*) AS n FROM invoices WHERE company_id = ?', args: [me.companyId] });
    expect(Number(rows.rows[0]!.n)).toBe(1);
    expect((await idle.json('GET', '/v1/invoices')).body.items).toEqual([]);
  });

  test('a month that has not ended cannot be invoiced: 422', async () => {
    const res = await generate(month(previousPeriod(addDays(new Date(now()), 40))).period);
    expect(res.status).toBe(422);
    expect(res.body.issues[0]).toMatchObject({ path: 'period', code: 'period_not_ended' });
    expect((await generate('2026-13')).status).toBe(422);
  });
});

describe('who sees which invoice', () => {
  test("a company sees only its own; another company's invoice answers 404; contractors cannot generate", async () => {
    const me = await contractor(server);
    const other = await contractor(server);
    await boughtAt(server, me, partnerKey, last.inside, { category: 'kitchen' });
    await generate();
    const mine = await invoiceOf(me);
    expect((await other.json('GET', `/v1/invoices/${mine.id}`)).status).toBe(404);
    expect((await other.json('GET', `/v1/invoices/${mine.id}/csv`)).status).toBe(404);
    expect((await other.json('GET', '/v1/invoices')).body.items.map((i: { id: string }) => i.id)).not.toContain(mine.id);
    expect((await me.json('POST', '/v1/invoices/generate', { body: { period: last.period } })).status).toBe(403);
    expect((await me.json('GET', `/v1/invoices/export?period=${last.period}`)).status).toBe(403);
    expect((await me.json('GET', `/v1/invoices/${mine.id}/finvoice`)).status).toBe(403);
    // Staff see any company's.
    expect((await admin.json('GET', `/v1/invoices/${mine.id}`)).body.id).toBe(mine.id);
  });

  test('not signed in → 401; a generate from another site → 403', async () => {
    expect((await fetch(`${server.url}/v1/invoices`)).status).toBe(401);
    const res = await admin.call('POST', '/v1/invoices/generate', {
      body: { period: last.period },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
  });
});

describe('numbers are gap-free and sequential per year', () => {
  test('four staff runs and the scheduled job at once: every company one invoice, numbers 1…N without a gap', async () => {
    await setPrice(server, 'roof', 2500);
    const companies = await Promise.all(Array.from({ length: 6 }, () => contractor(server)));
    for (const c of companies) await boughtAt(server, c, partnerKey, last.inside, { category: 'roof' });
    const runs = await Promise.all([generate(), generate(), generate(), generate(), server.runScheduled(new Date(now())).then(() => null)]);
    for (const r of runs) if (r) expect(r.status).toBe(200);

    const year = helsinkiWall(now()).year;
    const { rows } = await server.db.execute({
      sql: 'SELECT company_id, seq, number FROM invoices WHERE year = ? ORDER BY seq',
      args: [year],
    });
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    expect(rows.map((r) => String(r.number))).toEqual(rows.map((_, i) => `${year}${String(i + 1).padStart(5, '0')}`));
    const counter = await server.db.execute({ sql: 'SELECT last FROM invoice_counters WHERE year = ?', args: [year] });
    expect(Number(counter.rows[0]!.last)).toBe(rows.length);
    for (const c of companies) expect(rows.filter((r) => r.company_id === c.companyId)).toHaveLength(1);
  });
});

describe('files for the accountant and for e-invoicing', () => {
  test('CSV per invoice and per month; Finvoice 3.0 for a company with an e-invoice address and operator', async () => {
    await setPrice(server, 'heating', 4990);
    const me = await contractor(server);
    await boughtAt(server, me, partnerKey, last.inside, { category: 'heating', region: '17' });
    const set = await admin.json('PATCH', `/v1/admin/companies/${me.companyId}/billing`, {
      body: { einvoiceAddress: '003712345671', einvoiceOperator: 'NDEAFIHH' },
    });
    expect(set.status).toBe(200);
    await generate();
    const invoice = await invoiceOf(me);

    const csv = await me.call('GET', `/v1/invoices/${invoice.id}/csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain(`linkki-lasku-${invoice.number}.csv`);
    const text = await csv.text();
    expect(text).toContain(`lasku;${invoice.number};viite;${invoice.reference}`);
    expect(text).toContain('1;osto;');
    expect(text).toContain(';Lämmitys ja lämpöpumput;Pohjois-Pohjanmaa;49,90;');
    expect(text).toContain(';alv 25,5 %;12,72');
    expect(text).toContain(';yhteensä;62,62');

    const month = await admin.call('GET', `/v1/invoices/export?period=${last.period}`);
    const rows = (await month.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('laskunumero;viitenumero;laskupäivä;eräpäivä;kausi;asiakas;y_tunnus;veroton;alv_pros;alv;yhteensä');
    const line = rows.find((r) => r.startsWith(`${invoice.number};`))!;
    expect(line.split(';').slice(-4)).toEqual(['49,90', '25,5', '12,72', '62,62']);

    const xml = await (await admin.call('GET', `/v1/invoices/${invoice.id}/finvoice`)).text();
    expect(xml).toContain('<Finvoice Version="3.0"');
    expect(xml).toContain('<ToIdentifier>003712345671</ToIdentifier><ToIntermediator>NDEAFIHH</ToIntermediator>');
    expect(xml).toContain(`<InvoiceNumber>${invoice.number}</InvoiceNumber>`);
    expect(xml).toContain('<InvoiceTotalVatIncludedAmount AmountCurrencyIdentifier="EUR">62,62</InvoiceTotalVatIncludedAmount>');
    expect(xml).toContain('<VatRatePercent>25,5</VatRatePercent>');
    expect(xml).toContain(`<EpiRemittanceInfoIdentifier IdentificationSchemeName="SPY">${invoice.reference}</EpiRemittanceInfoIdentifier>`);

    // Without an e-invoice address there is no Finvoice to make.
    const plain = await contractor(server);
    await boughtAt(server, plain, partnerKey, last.inside, { category: 'heating' });
    await generate();
    expect((await admin.call('GET', `/v1/invoices/${(await invoiceOf(plain)).id}/finvoice`)).status).toBe(404);
  });

  test('an e-invoice address needs its operator: 422', async () => {
    const me = await contractor(server);
    const res = await admin.json('PATCH', `/v1/admin/companies/${me.companyId}/billing`, { body: { einvoiceAddress: '003712345671' } });
    expect(res.status).toBe(422);
  });
});

describe('the monthly job (S2)', () => {
  test("a scheduled run in this month issues last month's invoices; a second run changes nothing", async () => {
    await setPrice(server, 'electrical', 3000);
    const me = await contractor(server);
    await boughtAt(server, me, partnerKey, last.inside, { category: 'electrical' });
    await server.runScheduled(new Date(now()));
    const invoice = await invoiceOf(me);
    expect(invoice).toMatchObject({ period: last.period, netCents: 3000, vatCents: 765, totalCents: 3765 });
    await server.runScheduled(new Date(now()));
    expect((await me.json('GET', '/v1/invoices')).body.items).toHaveLength(1);
  });
});

describe('the running balance of this month', () => {
  test("this month's purchases with VAT so far, and the spend cap beside them", async () => {
    await setPrice(server, 'windows_doors', 1250);
    const me = await contractor(server, { role: 'owner' });
    await boughtAt(server, me, partnerKey, now(), { category: 'windows_doors' });
    await boughtAt(server, me, partnerKey, last.inside, { category: 'windows_doors' });
    await me.json('PATCH', '/v1/company/billing', { body: { spendCapCents: 10_000 } });
    const res = await me.json('GET', '/v1/invoices/current');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ netCents: 1250, vatCents: 319, totalCents: 1569, spentCents: 1250, spendCapCents: 10_000 });
    expect(res.body.lines).toHaveLength(1);
  });
});

test('the OpenAPI document describes the billing endpoints from their schemas', async () => {
  const doc = await (await fetch(`${server.url}/v1/openapi.json`)).json();
  for (const path of [
    '/v1/invoices',
    '/v1/invoices/{id}',
    '/v1/invoices/current',
    '/v1/invoices/generate',
    '/v1/invoices/export',
    '/v1/credits',
    '/v1/credits/{id}/decision',
    '/v1/leads/{id}/not-for-us',
    '/v1/company/billing',
  ]) {
    expect(doc.paths[path], path).toBeDefined();
  }
  const claim = doc.paths['/v1/credits'].post.requestBody.content['application/json'].schema;
  expect(claim.properties.reason.enum).toEqual(['never_asked', 'duplicate', 'bounced', 'wrong_contact', 'outside_area', 'other']);
  const invoice = doc.paths['/v1/invoices/{id}'].get.responses['200'].content['application/json'].schema;
  expect(Object.keys(invoice.properties)).toEqual(
    expect.arrayContaining(['number', 'reference', 'netCents', 'vatCents', 'totalCents', 'lines', 'seller', 'buyer']),
  );
});
