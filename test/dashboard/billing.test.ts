// Billing in Chromium (S2, S7): staff make last month's invoices, the contractor opens one and
// it prints as an A4 invoice; a credit claim from "My purchases" through staff's queue and back;
// "not for us"; the spend cap. Every page under the strict CSP, checked with axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { contractor, testPassword, type Account } from '../support/accounts.ts';
import { boughtAt, customerRequest, lastMonth, setPrice } from '../support/billing.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { admin, axe, openTab, signIn, withAdmin, type Tab } from './harness.ts';

let browser: Browser;
let server: TestServer;
let partnerKey: string;
const tabs: Tab[] = [];

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  await withAdmin(server);
  partnerKey = (await server.createPartner()).publicKey;
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});
afterEach(async () => {
  for (const t of tabs.splice(0)) {
    const trouble = await t.trouble();
    expect(trouble.violations).toEqual([]);
    expect(trouble.pageErrors).toEqual([]);
    for (const p of t.policies) expect(p.csp).toContain("default-src 'none'");
    await t.context.close();
  }
});

async function tab(opts: { bypassCSP?: boolean } = {}) {
  const t = await openTab(browser, server, opts);
  tabs.push(t);
  return t;
}

async function expectAccessible(page: Page) {
  const violations = await axe(page);
  expect(violations.map((v) => `${v.id}: ${v.nodes.join(' ')}`)).toEqual([]);
}

describe("a month's invoices", () => {
  test("staff make them; the contractor opens the invoice, and it prints as one A4 page without the site's frame", async () => {
    await setPrice(server, 'sauna', 1999);
    await setPrice(server, 'roof', 4990);
    const me = await contractor(server, { role: 'owner' });
    const last = lastMonth();
    await boughtAt(server, me, partnerKey, last.inside, { category: 'sauna', region: '06' });
    await boughtAt(server, me, partnerKey, last.inside + 60_000, { category: 'roof', region: '19' });

    const staff = await tab();
    await signIn(staff.page, admin.email, admin.password);
    await staff.page.getByRole('navigation', { name: 'Ylläpito' }).getByRole('link', { name: 'Laskut' }).click();
    await staff.page.getByRole('heading', { name: 'Laskut', level: 1 }).waitFor();
    expect(await staff.page.getByLabel('Kuukausi').inputValue()).toBe(last.period);
    await staff.page.getByRole('button', { name: `Tee kuukauden laskut (${last.period})` }).click();
    await staff.page
      .getByRole('status')
      .getByText(/Uusia laskuja [1-9]/)
      .waitFor();
    // Again: nothing new.
    await staff.page.getByRole('button', { name: `Tee kuukauden laskut (${last.period})` }).click();
    await staff.page
      .getByRole('status')
      .getByText(/Uusia laskuja 0; valmiina jo [1-9]/)
      .waitFor();
    const row = staff.page.getByRole('row').filter({
      hasText: (await server.db.execute({ sql: 'SELECT name FROM companies WHERE id = ?', args: [me.companyId] })).rows[0]!.name as string,
    });
    expect(await row.count()).toBe(1);

    const user = await tab();
    await signIn(user.page, me.email, testPassword);
    await user.page.getByRole('link', { name: 'Laskutus' }).click();
    await user.page.getByRole('heading', { name: 'Laskut', level: 2 }).waitFor();
    const number = (await user.page.getByRole('rowheader').first().textContent())!.trim();
    await user.page.getByRole('link', { name: number, exact: true }).click();
    await user.page.getByRole('heading', { name: `Lasku ${number}`, level: 1 }).waitFor();
    const text = (await user.page.locator('article.invoice').textContent())!.replace(/\s+/g, ' ');
    // 19.99 + 49.90 = 69.89 €; VAT 25.5 % = 17.822… → 17.82 €; total 87.71 €.
    for (const part of [
      'Sauna',
      'Pirkanmaa',
      '19,99',
      'Katto',
      'Lappi',
      '49,90',
      '69,89',
      'ALV 25,5 %',
      '17,82',
      '87,71',
      'FI21 1234 5600 0007 85',
      'Linkki Demo Oy',
      '14 päivää netto',
    ]) {
      expect(text).toContain(part);
    }
    const reference = (await user.page.locator('.invoice-doc .reference').textContent())!;
    expect(reference.replace(/\s/g, '')).toMatch(new RegExp(`^${number}\\d$`));

    // Printed: the site's navigation and the links around the invoice are not on paper.
    await user.page.emulateMedia({ media: 'print' });
    expect(await user.page.locator('header.site').isVisible()).toBe(false);
    expect(await user.page.locator('.no-print').first().isVisible()).toBe(false);
    expect(await user.page.locator('article.invoice').isVisible()).toBe(true);
    const pdf = (await user.page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes).toHaveLength(1);
    // A4 is 210 × 297 mm = 595.3 × 841.9 pt.
    expect(Math.abs(boxes[0]![0]! - 595.3)).toBeLessThan(2);
    expect(Math.abs(boxes[0]![1]! - 841.9)).toBeLessThan(2);
    await user.page.emulateMedia({ media: 'screen' });

    // The CSV link downloads the invoice's lines.
    const download = user.page.waitForEvent('download');
    await user.page.getByRole('link', { name: 'Lataa CSV' }).click();
    expect((await download).suggestedFilename()).toBe(`linkki-lasku-${number}.csv`);
  });

  test("billing pages pass axe: the billing page, an invoice, credits, the claim form, the rules, staff's pages", async () => {
    const me = await contractor(server, { role: 'owner' });
    await boughtAt(server, me, partnerKey, lastMonth().inside, { category: 'kitchen' });
    const fresh = await customerRequest(server, partnerKey);
    const purchase = await me.json('POST', `/v1/leads/${fresh.id}/purchase`);
    const claimed = await customerRequest(server, partnerKey);
    const other = await me.json('POST', `/v1/leads/${claimed.id}/purchase`);
    await me.json('POST', '/v1/credits', { body: { purchaseId: other.body.purchaseId, reason: 'other', note: 'Ei vastaa.' } });

    const staff = await tab({ bypassCSP: true });
    await signIn(staff.page, admin.email, admin.password);
    await staff.page.goto(`/dashboard/admin/invoices?period=${lastMonth().period}`);
    await staff.page.getByRole('button', { name: /^Tee kuukauden laskut/ }).click();
    await staff.page.getByRole('status').waitFor();
    await expectAccessible(staff.page);
    await staff.page.goto('/dashboard/admin/credits');
    await staff.page.getByRole('button', { name: 'Tallenna päätös' }).first().waitFor();
    await expectAccessible(staff.page);
    await staff.page.goto(`/dashboard/admin/companies/${me.companyId}/billing`);
    await expectAccessible(staff.page);

    const user = await tab({ bypassCSP: true });
    await signIn(user.page, me.email, testPassword);
    for (const path of [
      '/dashboard/invoices',
      '/dashboard/credits',
      `/dashboard/credits/new?purchase=${purchase.body.purchaseId}`,
      '/dashboard/credits/rules',
      '/dashboard/hidden',
    ]) {
      await user.page.goto(path);
      await user.page.getByRole('heading', { level: 1 }).waitFor();
      await expectAccessible(user.page);
    }
    await user.page.goto('/dashboard/invoices');
    await user.page.getByRole('rowheader').first().getByRole('link').click();
    await user.page.locator('article.invoice').waitFor();
    await expectAccessible(user.page);
  });
});

describe('claiming a credit', () => {
  test('from My purchases: the form, a refused submit, the claim in the queue, staff approve it, the contractor sees it', async () => {
    const me = await contractor(server);
    const lead = await customerRequest(server, partnerKey, { category: 'painting', postalCode: '33100', town: 'Tampere' });
    const { body } = await me.json('POST', `/v1/leads/${lead.id}/purchase`);

    const user = await tab();
    await signIn(user.page, me.email, testPassword);
    await user.page.getByRole('link', { name: 'Ostetut' }).click();
    await user.page
      .getByRole('link', { name: /^Hae hyvitystä/ })
      .first()
      .click();
    await user.page.getByRole('heading', { name: 'Hae hyvitystä', level: 1 }).waitFor();
    // No reason chosen: the summary says so, and the title starts with "Virhe".
    await user.page.getByRole('button', { name: 'Lähetä hakemus' }).click();
    await user.page.getByRole('alert').waitFor();
    expect(await user.page.title()).toMatch(/^Virhe: /);
    await user.page.getByLabel('Yhteystiedot ovat väärät').check();
    await user.page.getByLabel('Lisätietoja').fill('Numero ei ole käytössä.');
    await user.page.getByRole('button', { name: 'Lähetä hakemus' }).click();
    await user.page.getByRole('status').getByText('Hakemus on vastaanotettu').waitFor();
    const claimRow = user.page.locator('table.claims tbody tr').first();
    expect(await claimRow.textContent()).toContain('Odottaa käsittelyä');

    const staff = await tab();
    await signIn(staff.page, admin.email, admin.password);
    await staff.page.goto('/dashboard/admin/credits');
    const card = staff.page.getByRole('listitem').filter({ hasText: lead.id });
    expect(await card.textContent()).toContain('Numero ei ole käytössä.');
    await card.getByLabel('Päätös').selectOption('approve');
    await card.getByLabel('Perustelu').fill('Tarkistettu: numero ei ole käytössä.');
    await card.getByRole('button', { name: 'Tallenna päätös' }).click();
    await staff.page.getByRole('status').getByText('Päätös on tallennettu').waitFor();
    expect(await staff.page.getByRole('listitem').filter({ hasText: lead.id }).count()).toBe(0);

    await user.page.reload();
    const decided = (await user.page.locator('table.claims tbody tr').first().textContent())!;
    expect(decided).toContain('Hyväksytty');
    expect(decided).toContain('Tarkistettu: numero ei ole käytössä.');
    expect(decided).toContain('Hyvitetään seuraavalla laskulla');
    // One claim per purchase: the link now leads to the list.
    await user.page.goto(`/dashboard/credits/new?purchase=${body.purchaseId}`);
    await user.page.waitForURL(/\/dashboard\/credits$/);
  });

  test('"the customer never sent it", and the customer had closed it at once: approved on the spot', async () => {
    const me = await contractor(server);
    const lead = await customerRequest(server, partnerKey);
    await me.json('POST', `/v1/leads/${lead.id}/purchase`);
    await fetch(`${server.url}/v1/manage/close`, { method: 'POST', headers: { authorization: `Bearer ${lead.manageToken}` } });

    const user = await tab();
    await signIn(user.page, me.email, testPassword);
    await user.page.goto('/dashboard/credits');
    await user.page
      .getByRole('link', { name: /^Hae hyvitystä/ })
      .first()
      .click();
    await user.page.getByLabel('Asiakas ei ole jättänyt pyyntöä').check();
    await user.page.getByRole('button', { name: 'Lähetä hakemus' }).click();
    await user.page.getByRole('status').getByText('hyväksyttiin heti').waitFor();
    expect(await user.page.locator('table.claims tbody tr').first().textContent()).toContain('Hyväksytty säännön perusteella heti.');
    // The rules are published, with config's numbers.
    await user.page.getByRole('link', { name: 'Hyvityssäännöt' }).first().click();
    expect(await user.page.locator('main').textContent()).toContain('48 tunnin kuluessa');
  });
});

describe('"not for us" and the spend cap', () => {
  test('a lead hidden from the list and shown again; a purchase past the cap refused with the numbers', async () => {
    await setPrice(server, 'yard', 2500);
    const me: Account = await contractor(server, { role: 'owner' });
    const lead = await customerRequest(server, partnerKey, { category: 'yard', region: '10', postalCode: '50100', town: 'Mikkeli' });

    const user = await tab();
    await signIn(user.page, me.email, testPassword);
    await user.page.goto(`/dashboard/leads/${lead.id}`);
    await user.page.getByRole('button', { name: 'Ei meille' }).click();
    await user.page.getByRole('status').getByText('Pyyntö on piilotettu').waitFor();
    await user.page.goto('/dashboard?region=10');
    expect(await user.page.locator('main').textContent()).not.toContain('Mikkeli');
    await user.page.getByRole('link', { name: 'Piilotetut pyynnöt' }).click();
    await user.page.getByRole('button', { name: /^Näytä taas listalla/ }).click();
    await user.page.getByRole('status').getByText('näkyy taas').waitFor();
    await user.page.goto('/dashboard?region=10');
    expect(await user.page.locator('main').textContent()).toContain('Mikkeli');

    // The owner sets a cap of 20 €: a 25 € lead is refused, and the page says why.
    await user.page.getByRole('link', { name: 'Laskutus' }).click();
    await user.page.getByLabel('Kulukatto euroina (alv 0 %)').fill('20');
    await user.page.getByRole('button', { name: 'Tallenna kulukatto' }).click();
    await user.page.getByRole('status').waitFor();
    expect(await user.page.locator('main').textContent()).toMatch(/kulukatto 20,00\s€/);
    await user.page.goto(`/dashboard/leads/${lead.id}/buy`);
    await user.page.getByRole('button', { name: /^Osta hintaan/ }).click();
    await user.page.getByRole('heading', { name: 'Kuukauden kulukatto täynnä' }).waitFor();
    expect(await user.page.locator('main').textContent()).toMatch(/kulukaton 20,00\s€/);
    expect(
      Number((await server.db.execute({ sql: 'SELECT count(*) AS n FROM purchases WHERE request_id = ?', args: [lead.id] })).rows[0]!.n),
    ).toBe(0);
  });
});
