// Richer requests in the dashboard (issue 13): the customer's answers on the list (a short line)
// and on the lead (all of them), in the reader's language; the customer's language; the first
// name with a buyer's contact details only (S5); a duplicate's note, linked when this company may
// see the earlier request; the timing and property-type filters, labelled and kept on the next page.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { contractor, testPassword } from '../support/accounts.ts';
import { now } from '../support/clock.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { customerRequest, httpSignIn, openTab, signIn, type Tab } from './harness.ts';

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

const answers = { timing: 'asap', propertyType: 'apartment', size: 64, budget: '5k_15k', floorArea: 5, waterproofingAge: 'over_20' };
const signedIn = async (locale: 'fi' | 'sv' | 'en' = 'fi') =>
  httpSignIn(server, (await contractor(server, { locale })).email, testPassword);
const cardOf = (html: string, tag: string) => html.split('<li class="card">').find((card) => card.includes(tag)) ?? '';

describe('answers and the customer’s language', () => {
  test('the list: a short line of timing and property type, and the customer’s language, in the reader’s language', async () => {
    const lead = await customerRequest(server, partnerKey, { region: '04', answers, locale: 'sv' });
    const bare = await customerRequest(server, partnerKey, { region: '04' });
    const fi = cardOf(await (await (await signedIn()).get('/dashboard?region=04')).text(), lead.tag);
    expect(fi).toContain('<p class="answers">Aikataulu: Mahdollisimman pian · Kohde: Kerrostalo</p>');
    expect(fi).toContain('<dt>Asiakkaan kieli</dt><dd>ruotsi</dd>');
    // The short line only: the rest of the answers are on the lead's own page.
    expect(fi).not.toContain('Vedeneristyksen ikä');
    const sv = cardOf(await (await (await signedIn('sv')).get('/dashboard?region=04')).text(), lead.tag);
    expect(sv).toContain('<p class="answers">Tidtabell: Så snart som möjligt · Objekt: Höghus</p>');
    expect(sv).toContain('<dt>Kundens språk</dt><dd>svenska</dd>');
    const en = cardOf(await (await (await signedIn('en')).get('/dashboard?region=04')).text(), lead.tag);
    expect(en).toContain('<p class="answers">Timing: As soon as possible · Property: Block of flats</p>');
    expect(en).toContain('<dt>Customer&#39;s language</dt><dd>Swedish</dd>');
    const none = cardOf(await (await (await signedIn()).get('/dashboard?region=04')).text(), bare.tag);
    expect(none).toContain('<dt>Asiakkaan kieli</dt><dd>suomi</dd>');
    expect(none).not.toContain('class="answers"');
  });

  test('the lead: every answer in a definition list, in the order asked, under its own heading', async () => {
    const lead = await customerRequest(server, partnerKey, { answers, locale: 'en' });
    const bare = await customerRequest(server, partnerKey);
    const s = await signedIn();
    const page = await (await s.get(`/dashboard/leads/${lead.id}`)).text();
    expect(page).toContain('<dt>Asiakkaan kieli</dt><dd>englanti</dd>');
    expect(page).toContain('<h2 id="answers-heading">Asiakkaan vastaukset</h2>');
    const list = /<dl class="facts answers">([\s\S]*?)<\/dl>/.exec(page)![1]!;
    expect(list.replaceAll('\n', '')).toBe(
      [
        '<dt>Aikataulu</dt><dd>Mahdollisimman pian</dd>',
        '<dt>Kohde</dt><dd>Kerrostalo</dd>',
        '<dt>Kohteen koko (m²)</dt><dd>64 m²</dd>',
        '<dt>Budjetti</dt><dd>5 000–15 000 €</dd>',
        '<dt>Kylpyhuoneen lattiapinta-ala (m²)</dt><dd>5 m²</dd>',
        '<dt>Vedeneristyksen ikä</dt><dd>Yli 20 vuotta</dd>',
      ].join(''),
    );
    const en = await (await (await signedIn('en')).get(`/dashboard/leads/${lead.id}`)).text();
    expect(en).toContain('<dt>Age of the waterproofing</dt><dd>Over 20 years</dd>');
    const none = await (await s.get(`/dashboard/leads/${bare.id}`)).text();
    expect(none).toContain('<p>Asiakas ei vastannut lisäkysymyksiin.</p>');
    expect(none).not.toContain('class="facts answers"');
  });

  test('the first name: with a buyer’s contact details on the lead and in My purchases, never before buying (S5)', async () => {
    const firstName = `Aino${now().toString(36)}`;
    const lead = await customerRequest(server, partnerKey, { firstName, answers: { timing: 'later' } });
    const s = await signedIn();
    expect(await (await s.get(`/dashboard/leads/${lead.id}`)).text()).not.toContain(firstName);
    expect(await (await s.get('/dashboard')).text()).not.toContain(firstName);
    expect((await s.post(`/dashboard/leads/${lead.id}/buy`, {})).status).toBe(303);
    const bought = await (await s.get(`/dashboard/leads/${lead.id}`)).text();
    expect(bought).toContain(`<dt>Etunimi</dt><dd>${firstName}</dd>`);
    const purchases = cardOf(await (await s.get('/dashboard/purchases')).text(), lead.id);
    expect(purchases).toContain(`<dt>Etunimi</dt><dd>${firstName}</dd>`);
    expect(purchases).toContain('<p class="answers">Aikataulu: Myöhemmin</p>');
    expect(purchases).toContain('<dt>Asiakkaan kieli</dt><dd>suomi</dd>');
    // Another company still sees none of it.
    expect(await (await (await signedIn()).get(`/dashboard/leads/${lead.id}`)).text()).not.toContain(firstName);
  });

  test('a first name is escaped like the description', async () => {
    const lead = await customerRequest(server, partnerKey, { firstName: '<b>Aino</b>' });
    const s = await signedIn();
    expect((await s.post(`/dashboard/leads/${lead.id}/buy`, {})).status).toBe(303);
    const page = await (await s.get(`/dashboard/leads/${lead.id}`)).text();
    expect(page).toContain('<dd>&lt;b&gt;Aino&lt;/b&gt;</dd>');
    expect(page).not.toContain('<b>Aino</b>');
  });
});

describe('duplicates', () => {
  const sentence = 'Sama asiakas kuin aiemmassa pyynnössä.';
  const link = (id: string) => `<p class="duplicate">Sama asiakas kuin <a href="/dashboard/leads/${id}">aiemmassa pyynnössä</a>.</p>`;

  test('a duplicate links to the earlier request this company may see; a first says nothing', async () => {
    const first = await customerRequest(server, partnerKey, { category: 'painting' });
    const dup = await customerRequest(server, partnerKey, { category: 'painting', email: first.email, phone: '' });
    const s = await signedIn();
    expect(await (await s.get(`/dashboard/leads/${dup.id}`)).text()).toContain(link(first.id));
    expect(await (await s.get(`/dashboard/leads/${first.id}`)).text()).not.toContain('class="duplicate"');
    const en = await (await (await signedIn('en')).get(`/dashboard/leads/${dup.id}`)).text();
    expect(en).toContain(`The same customer as <a href="/dashboard/leads/${first.id}">an earlier request</a>.`);
  });

  test('a plain sentence when the earlier request is closed for this company; still a link for its buyer, with no view audited', async () => {
    const first = await customerRequest(server, partnerKey, { category: 'floors' });
    const dup = await customerRequest(server, partnerKey, { category: 'floors', email: first.email, phone: '' });
    const buyer = await signedIn();
    expect((await buyer.post(`/dashboard/leads/${first.id}/buy`, {})).status).toBe(303);
    await server.db.execute({ sql: "UPDATE requests SET status = 'closed', ended_at = ? WHERE id = ?", args: [now(), first.id] });
    const other = await (await (await signedIn()).get(`/dashboard/leads/${dup.id}`)).text();
    expect(other).toContain(`<p class="duplicate">${sentence}</p>`);
    expect(other).not.toContain(`href="/dashboard/leads/${first.id}"`);

    const viewed = async (id: string) =>
      Number(
        (
          await server.db.execute({
            sql: "SELECT count(*) AS n FROM audit_events WHERE action = 'contact.viewed' AND request_id = ?",
            args: [id],
          })
        ).rows[0]!.n,
      );
    const before = await viewed(first.id);
    // The buyer of the first has the duplicate too (S7): its page shows the duplicate's contact
    // details (one audited view) and links to the first, whose details it neither reads nor audits.
    const page = await (await buyer.get(`/dashboard/leads/${dup.id}`)).text();
    expect(page).toContain(link(first.id));
    expect(page).toContain(`mailto:${first.email}`);
    expect(await viewed(first.id)).toBe(before);
    expect(await viewed(dup.id)).toBe(1);
  });
});

describe('the filters', () => {
  test('timing and property type: labelled selects that filter, kept on the next page with the others', async () => {
    const where = { region: '11', category: 'windows_doors' };
    const wanted = [];
    // Others at both ends and between: a page that lost a filter shows one of them.
    const oldest = await customerRequest(server, partnerKey, { ...where, answers: { timing: 'asap', propertyType: 'detached' } });
    for (let i = 0; i < 21; i++) {
      wanted.push(
        await customerRequest(server, partnerKey, { ...where, answers: { timing: 'asap', propertyType: 'apartment', count: i + 1 } }),
      );
      if (i % 10 === 0) await customerRequest(server, partnerKey, { ...where, answers: { timing: 'later', propertyType: 'apartment' } });
    }
    const newest = await customerRequest(server, partnerKey, { ...where, answers: { propertyType: 'apartment' } });
    const s = await signedIn();
    const first = await (await s.get('/dashboard?region=11&category=windows_doors&timing=asap&propertyType=apartment')).text();
    expect(first.match(/<li class="card">/g)).toHaveLength(20);
    expect(first).not.toContain(newest.tag);
    expect(first).toContain(wanted.at(-1)!.tag);
    expect(first).toMatch(/<label for="filter-timing">Aikataulu<\/label>/);
    expect(first).toMatch(/<label for="filter-propertyType">Kohde<\/label>/);
    expect(first).toContain('<option value="asap" selected>Mahdollisimman pian</option>');
    expect(first).toContain('<option value="apartment" selected>Kerrostalo</option>');
    const more = /<a href="(\/dashboard\?[^"]+)">Lisää pyyntöjä<\/a>/.exec(first)![1]!.replaceAll('&amp;', '&');
    expect(more).toMatch(/^\/dashboard\?region=11&category=windows_doors&timing=asap&propertyType=apartment&cursor=/);
    const second = await (await s.get(more)).text();
    expect(second.match(/<li class="card">/g)).toHaveLength(1);
    expect(second).toContain(wanted[0]!.tag);
    expect(second).not.toContain(oldest.tag);
    // A value the API does not take came from a URL: dropped, the list shown unfiltered.
    const odd = await s.get('/dashboard?region=11&category=windows_doors&timing=tomorrow&propertyType=%3Cx%3E');
    expect(odd.status).toBe(200);
    const unfiltered = await odd.text();
    expect(unfiltered).toContain(newest.tag);
    expect(unfiltered).not.toContain('<x>');
  });

  test('in Chromium: chosen by their labels, applied, and shown chosen after the reload', async () => {
    const where = { region: '16', category: 'kitchen' };
    const flat = await customerRequest(server, partnerKey, { ...where, answers: { timing: '3_months', propertyType: 'apartment' } });
    const house = await customerRequest(server, partnerKey, { ...where, answers: { timing: '3_months', propertyType: 'detached' } });
    const me = await contractor(server, { locale: 'en' });
    tab = await openTab(browser, server);
    const { page } = tab;
    await signIn(page, me.email, testPassword);
    await page.goto('/dashboard?region=16&category=kitchen');
    await page.getByLabel('Timing').selectOption({ label: 'Within 3 months' });
    await page.getByLabel('Property').selectOption({ label: 'Block of flats' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL((url) => url.searchParams.get('propertyType') === 'apartment');
    expect(new URL(page.url()).searchParams.get('timing')).toBe('3_months');
    expect(await page.getByLabel('Property').inputValue()).toBe('apartment');
    expect(await page.locator('li.card', { hasText: flat.tag }).count()).toBe(1);
    expect(await page.locator('li.card', { hasText: house.tag }).count()).toBe(0);
    await page.locator('li.card', { hasText: flat.tag }).getByText('Property: Block of flats').waitFor();
    expect(await tab.trouble()).toMatchObject({ violations: [], consoleErrors: [], pageErrors: [] });
  });
});
