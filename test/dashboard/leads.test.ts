// The contractor's side of a sale in the dashboard: filters and pages, prices in the reader's
// language, what happens when the request sells out or closes during the confirmation, a
// double submit, and a stale link (S5, S7, S18, S25).
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { contractor, testPassword } from '../support/accounts.ts';
import { confirmByCode, confirmByLink } from '../support/confirm.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { customerRequest, httpSignIn, openTab, signIn, type Tab } from './harness.ts';
import { now } from '../support/clock.ts';

let browser: Browser;
let server: TestServer;
let partnerKey: string;
let tab: Tab | undefined;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  partnerKey = (await server.createPartner()).publicKey;
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});
afterEach(async () => {
  await tab?.context.close();
  tab = undefined;
});

const purchasesOf = async (requestId: string) =>
  Number((await server.db.execute({ sql: 'SELECT count(*) AS n FROM purchases WHERE request_id = ?', args: [requestId] })).rows[0]!.n);

async function confirming(requestId: string) {
  const me = await contractor(server);
  tab = await openTab(browser, server);
  await signIn(tab.page, me.email, testPassword);
  await tab.page.goto(`/dashboard/leads/${requestId}/buy`);
  await tab.page.getByRole('button', { name: /^Osta hintaan/ }).waitFor();
  return { me, page: tab.page };
}

describe('buying', () => {
  test('sold out while the buyer was on the confirmation page: said plainly, nothing charged', async () => {
    const lead = await customerRequest(server, partnerKey);
    const { page } = await confirming(lead.id);
    for (let i = 0; i < 3; i++) expect((await (await contractor(server)).call('POST', `/v1/leads/${lead.id}/purchase`)).status).toBe(201);
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: /^Osta hintaan/ }).click();
    expect((await answer).status()).toBe(409);
    await page.getByRole('heading', { name: 'Pyyntö on myyty loppuun' }).waitFor();
    expect(await purchasesOf(lead.id)).toBe(3);
    expect(await page.content()).not.toContain(lead.email);
  });

  test('closed by the customer while the buyer was confirming: said plainly, nothing charged', async () => {
    const lead = await customerRequest(server, partnerKey);
    const { page } = await confirming(lead.id);
    await server.db.execute({ sql: "UPDATE requests SET status = 'closed', ended_at = ? WHERE id = ?", args: [now(), lead.id] });
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: /^Osta hintaan/ }).click();
    expect((await answer).status()).toBe(410);
    await page.getByRole('heading', { name: 'Pyyntö ei ole enää avoinna' }).waitFor();
    expect(await purchasesOf(lead.id)).toBe(0);
  });

  test('a double submit buys once; the confirmation page of a bought request leads to its contact details', async () => {
    const lead = await customerRequest(server, partnerKey);
    const s = await httpSignIn(server, (await contractor(server)).email, testPassword);
    const [a, b] = await Promise.all([s.post(`/dashboard/leads/${lead.id}/buy`, {}), s.post(`/dashboard/leads/${lead.id}/buy`, {})]);
    expect([a.status, a.headers.get('location')]).toEqual([303, `/dashboard/leads/${lead.id}`]);
    expect([b.status, b.headers.get('location')]).toEqual([303, `/dashboard/leads/${lead.id}`]);
    expect(await purchasesOf(lead.id)).toBe(1);
    const again = await s.get(`/dashboard/leads/${lead.id}/buy`);
    expect([again.status, again.headers.get('location')]).toEqual([303, `/dashboard/leads/${lead.id}`]);
    expect(await (await s.get(`/dashboard/leads/${lead.id}`)).text()).toContain(`mailto:${lead.email}`);
  });

  test('a purchase audits one view of the contact details: the page that shows them, not the purchase behind it (S5)', async () => {
    const lead = await customerRequest(server, partnerKey);
    const s = await httpSignIn(server, (await contractor(server)).email, testPassword);
    const audited = async () =>
      (
        await server.db.execute({
          sql: 'SELECT action, count(*) AS n FROM audit_events WHERE request_id = ? GROUP BY action ORDER BY action',
          args: [lead.id],
        })
      ).rows.map((r) => [r.action, Number(r.n)]);
    expect((await s.post(`/dashboard/leads/${lead.id}/buy`, {})).status).toBe(303);
    expect((await s.post(`/dashboard/leads/${lead.id}/buy`, {})).status).toBe(303); // a double submit shows nothing either
    expect(await audited()).toEqual([['lead.purchased', 1]]);
    expect(await (await s.get(`/dashboard/leads/${lead.id}`)).text()).toContain(`mailto:${lead.email}`);
    expect(await audited()).toEqual([
      ['contact.viewed', 1],
      ['lead.purchased', 1],
    ]);
  });

  test('a sold-out request: gone for others (a plain 404 page), kept with its contact details for buyers', async () => {
    const lead = await customerRequest(server, partnerKey);
    const buyers = await Promise.all([0, 1, 2].map(async () => httpSignIn(server, (await contractor(server)).email, testPassword)));
    for (const b of buyers) expect((await b.post(`/dashboard/leads/${lead.id}/buy`, {})).status).toBe(303);
    const buyer = await (await buyers[0]!.get(`/dashboard/leads/${lead.id}`)).text();
    expect(buyer).toContain('Myyty loppuun');
    expect(buyer).toContain('3/3 ostettu');
    expect(buyer).toContain(`mailto:${lead.email}`);
    const late = await httpSignIn(server, (await contractor(server)).email, testPassword);
    for (const path of [`/dashboard/leads/${lead.id}`, `/dashboard/leads/${lead.id}/buy`]) {
      const res = await late.get(path);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('<h1>Pyyntö ei ole saatavilla</h1>');
      expect(html).not.toContain(lead.email);
    }
    expect(await (await late.get('/dashboard')).text()).not.toContain(lead.tag);
  });
});

describe('the list', () => {
  test('filters by region and category, pages on with the filters kept', async () => {
    const rovaniemi = { postalCode: '96100', town: 'Rovaniemi', category: 'heating' };
    const leads = [];
    for (let i = 0; i < 21; i++) leads.push(await customerRequest(server, partnerKey, rovaniemi));
    const sauna = await customerRequest(server, partnerKey, { ...rovaniemi, category: 'sauna' });
    const s = await httpSignIn(server, (await contractor(server)).email, testPassword);
    const first = await (await s.get('/dashboard?region=19&category=heating')).text();
    expect(first.match(/<li class="card">/g)).toHaveLength(20);
    expect(first).not.toContain(sauna.tag);
    expect(first).toContain(leads.at(-1)!.tag);
    const more = /<a href="(\/dashboard\?[^"]+)">Lisää pyyntöjä<\/a>/.exec(first)![1]!.replaceAll('&amp;', '&');
    expect(more).toMatch(/region=19&category=heating&cursor=/);
    const second = await (await s.get(more)).text();
    expect(second.match(/<li class="card">/g)).toHaveLength(1);
    expect(second).toContain(leads[0]!.tag);
    expect(second).not.toContain('Lisää pyyntöjä');
    const unknown = await s.get('/dashboard?region=03&category=%3Cx%3E');
    expect(unknown.status).toBe(200);
  });

  test("prices and questions in the reader's language: en and sv", async () => {
    const lead = await customerRequest(server, partnerKey);
    const en = await httpSignIn(server, (await contractor(server, { locale: 'en' })).email, testPassword);
    const enPage = await (await en.get(`/dashboard/leads/${lead.id}/buy`)).text();
    expect(enPage).toContain('<html lang="en">');
    expect(enPage).toContain('<h1>Buy this request for €25.00 + VAT?</h1>');
    const sv = await httpSignIn(server, (await contractor(server, { locale: 'sv' })).email, testPassword);
    const svPage = await (await sv.get(`/dashboard/leads/${lead.id}/buy`)).text();
    expect(svPage).toContain('<html lang="sv">');
    expect(svPage).toMatch(/<h1>Köpa den här förfrågan för 25,00\s€ \+ moms\?<\/h1>/);
  });
});

describe('confirmed contacts (issue 13)', () => {
  /** A request as a customer sends it, with a tag only it carries, and its manage token for the confirmation. */
  async function sent(overrides: Record<string, unknown>) {
    const tag = `vahv-${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const description = `Remontti ${tag}: työtä tiedossa.`;
    // A number of its own: SMS codes are capped per number and day.
    const phone = `040${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const res = await postRequest(server.url, validRequest(partnerKey, { description, phone, ...overrides }));
    expect(res.status).toBe(201);
    const { id, manageToken } = await res.json();
    return { id, manageToken, tag };
  }

  test('the list marks confirmed leads in words, and the checkbox lists only those, its label tied to it', async () => {
    const where = { region: '12', category: 'plumbing' };
    const mailed = await sent(where);
    const texted = await sent({ ...where, email: undefined });
    const not = await sent(where);
    expect((await confirmByLink(server, mailed)).status).toBe(200);
    expect((await confirmByCode(server, texted)).status).toBe(200);
    const me = await contractor(server);
    tab = await openTab(browser, server);
    const { page } = tab;
    await signIn(page, me.email, testPassword);
    await page.goto('/dashboard?region=12&category=plumbing');
    const card = (r: { tag: string }) => page.locator('li.card', { hasText: r.tag });
    expect(await card(mailed).getByRole('heading').textContent()).toContain('Vahvistettu sähköpostilla');
    expect(await card(texted).getByRole('heading').textContent()).toContain('Vahvistettu puhelimella');
    expect(await card(not).getByRole('heading').textContent()).not.toContain('Vahvistettu');

    const only = page.getByLabel('Vain vahvistetut yhteystiedot');
    expect(await only.isChecked()).toBe(false);
    await only.check();
    await page.getByRole('button', { name: 'Näytä' }).click();
    await page.waitForURL((url) => url.searchParams.get('confirmed') === 'true');
    expect(new URL(page.url()).searchParams.get('region')).toBe('12');
    expect(await page.getByLabel('Vain vahvistetut yhteystiedot').isChecked()).toBe(true);
    expect(await card(mailed).count()).toBe(1);
    expect(await card(texted).count()).toBe(1);
    expect(await card(not).count()).toBe(0);
    expect(await tab.trouble()).toMatchObject({ violations: [], consoleErrors: [], pageErrors: [] });
  });

  test('the filter is kept on the next page; confirmed=false, which the form cannot show, is dropped', async () => {
    const where = { region: '17', category: 'moisture_damage' };
    // Unconfirmed ones at both ends: a page that lost the filter shows one of them.
    const oldest = await sent(where);
    const confirmed = [];
    for (let i = 0; i < 21; i++) confirmed.push(await sent(where));
    const newest = await sent(where);
    for (const r of confirmed) expect((await confirmByLink(server, r)).status).toBe(200);
    const s = await httpSignIn(server, (await contractor(server)).email, testPassword);
    const first = await (await s.get('/dashboard?region=17&category=moisture_damage&confirmed=true')).text();
    expect(first.match(/<li class="card">/g)).toHaveLength(20);
    expect(first.match(/<span class="badge">Vahvistettu sähköpostilla<\/span>/g)).toHaveLength(20);
    expect(first).not.toContain(newest.tag);
    expect(first).toMatch(/<input type="checkbox" id="filter-confirmed" name="confirmed" value="true" checked>/);
    const more = /<a href="(\/dashboard\?[^"]+)">Lisää pyyntöjä<\/a>/.exec(first)![1]!.replaceAll('&amp;', '&');
    expect(more).toMatch(/region=17&category=moisture_damage&confirmed=true&cursor=/);
    const second = await (await s.get(more)).text();
    expect(second.match(/<li class="card">/g)).toHaveLength(1);
    expect(second).toContain(confirmed[0]!.tag);
    expect(second).not.toContain(oldest.tag);

    const unfiltered = await (await s.get('/dashboard?region=17&category=moisture_damage&confirmed=false')).text();
    expect(unfiltered).toContain(newest.tag);
    expect(unfiltered).toContain(confirmed.at(-1)!.tag);
    expect(unfiltered).not.toMatch(/name="confirmed" value="true" checked/);
  });

  test('the lead page says whether and how, in the reader’s language; the filter’s label too', async () => {
    const texted = await sent({ region: '13', category: 'electrical', email: undefined });
    const not = await sent({ region: '13', category: 'electrical' });
    expect((await confirmByCode(server, texted)).status).toBe(200);
    const fi = await httpSignIn(server, (await contractor(server)).email, testPassword);
    expect(await (await fi.get(`/dashboard/leads/${texted.id}`)).text()).toContain('<dt>Vahvistus</dt><dd>Vahvistettu puhelimella</dd>');
    expect(await (await fi.get(`/dashboard/leads/${not.id}`)).text()).toContain('<dt>Vahvistus</dt><dd>Ei vahvistettu</dd>');
    const sv = await httpSignIn(server, (await contractor(server, { locale: 'sv' })).email, testPassword);
    expect(await (await sv.get(`/dashboard/leads/${texted.id}`)).text()).toContain('<dt>Bekräftelse</dt><dd>Bekräftad via telefon</dd>');
    expect(await (await sv.get('/dashboard')).text()).toContain('<label for="filter-confirmed">Endast bekräftade kontaktuppgifter</label>');
    const en = await httpSignIn(server, (await contractor(server, { locale: 'en' })).email, testPassword);
    const enList = await (await en.get('/dashboard?region=13&category=electrical')).text();
    expect(enList).toContain('<span class="badge">Confirmed by phone</span>');
    // An unconfirmed lead says so in the list too (words, not a missing mark).
    expect(enList).toContain('<span class="badge plain">Not confirmed</span>');
    expect(enList).toContain('<label for="filter-confirmed">Confirmed contacts only</label>');
  });
});
