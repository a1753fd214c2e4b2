// Owners manage their company's users, users their own data (S26), staff partners, prices and
// moderation — all through plain forms, with errors beside the fields they concern.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { contractor, testPassword } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { admin, customerRequest, httpSignIn, openTab, signIn, withAdmin, type Tab } from './harness.ts';
import { now } from '../support/clock.ts';

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
  await Promise.all(tabs.splice(0).map((t) => t.context.close()));
});

async function tab(): Promise<Page> {
  const t = await openTab(browser, server);
  tabs.push(t);
  return t.page;
}

/** The error message the field points at with aria-describedby. */
async function errorOf(page: Page, label: string): Promise<string | null> {
  const field = page.getByLabel(label, { exact: true });
  if ((await field.getAttribute('aria-invalid')) !== 'true') return null;
  const ids = (await field.getAttribute('aria-describedby'))!.split(' ');
  return page.locator(`#${ids.find((id) => id.endsWith('-error'))}`).textContent();
}

describe("an owner and the company's users", () => {
  test('invite (link shown once), accept once, remove after confirming; the removed user cannot sign in', async () => {
    const owner = await contractor(server, { role: 'owner' });
    const page = await tab();
    await signIn(page, owner.email, testPassword);
    await page.getByRole('link', { name: 'Yritys' }).click();
    const email = `jussi-${now()}@yritys.example`;
    await page.getByLabel('Nimi').fill('Jussi Jäsen');
    await page.getByLabel('Sähköposti').fill('ei-sahkoposti');
    await page.getByRole('button', { name: 'Luo kutsulinkki' }).click();
    expect(await errorOf(page, 'Sähköposti')).toContain('nimi@esimerkki.fi');
    expect(await page.getByLabel('Nimi').inputValue()).toBe('Jussi Jäsen');
    await page.getByLabel('Sähköposti').fill(email);
    await page.getByRole('button', { name: 'Luo kutsulinkki' }).click();
    const link = await page.getByLabel('Kutsulinkki').inputValue();

    const invited = await tab();
    await invited.goto(link);
    await invited.getByLabel('Uusi salasana').fill('lyhyt');
    await invited.getByLabel('Salasana uudelleen').fill('lyhyt');
    await invited.getByRole('button', { name: 'Tallenna salasana' }).click();
    expect(await errorOf(invited, 'Uusi salasana')).toBe('Tämä on liian lyhyt.');
    await invited.getByLabel('Uusi salasana').fill('jussin-salasana-1');
    await invited.getByLabel('Salasana uudelleen').fill('jussin-salasana-2');
    await invited.getByRole('button', { name: 'Tallenna salasana' }).click();
    expect(await errorOf(invited, 'Salasana uudelleen')).toBe('Salasanat eivät ole samat.');
    await invited.getByLabel('Uusi salasana').fill('jussin-salasana-1');
    await invited.getByLabel('Salasana uudelleen').fill('jussin-salasana-1');
    await invited.getByRole('button', { name: 'Tallenna salasana' }).click();
    await invited.getByText('Salasana on asetettu').waitFor();
    // The token is in the fragment, which the server never sees: a spent link is refused on submit.
    await invited.goto(link);
    await invited.getByLabel('Uusi salasana').fill('jussin-salasana-3');
    await invited.getByLabel('Salasana uudelleen').fill('jussin-salasana-3');
    const [again] = await Promise.all([
      invited.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/invite'),
      invited.getByRole('button', { name: 'Tallenna salasana' }).click(),
    ]);
    expect(again.status()).toBe(404);
    await invited.getByRole('heading', { name: 'Kutsulinkki ei ole voimassa' }).waitFor();
    await httpSignIn(server, email, 'jussin-salasana-1');

    await page.reload();
    const row = page.getByRole('row', { name: /Jussi Jäsen/ });
    expect(await row.textContent()).toContain('Käytössä');
    await row.getByRole('link', { name: 'Poista Jussi Jäsen' }).click();
    await page.getByRole('heading', { name: 'Poistetaanko käyttäjä?' }).waitFor();
    await page.getByRole('button', { name: 'Poista käyttäjä' }).click();
    await page.getByText('Käyttäjä poistettu.').waitFor();
    expect(await page.getByRole('row', { name: /Jussi Jäsen/ }).textContent()).toContain('Poistettu');
    await expect(httpSignIn(server, email, 'jussin-salasana-1')).rejects.toThrow('401');
  });
});

describe('my account (S26)', () => {
  test('name and language change at once; email needs the current password, and the right one', async () => {
    const me = await contractor(server);
    const page = await tab();
    await signIn(page, me.email, testPassword);
    await page.getByRole('link', { name: 'Omat tiedot' }).click();
    await page.getByLabel('Nimi').fill('Uusi Nimi');
    await page.getByLabel('Sähköposti').fill(`uusi-${me.email}`);
    await page.getByRole('button', { name: 'Tallenna' }).click();
    expect(await errorOf(page, 'Nykyinen salasana')).toBe('Anna nykyinen salasanasi, kun vaihdat sähköpostin tai salasanan.');
    expect(await page.getByLabel('Nimi').inputValue()).toBe('Uusi Nimi');
    await page.getByLabel('Nykyinen salasana').fill('väärä salasana');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    expect(await errorOf(page, 'Nykyinen salasana')).toBe('Nykyinen salasana ei ole oikein.');
    await page.getByLabel('Nykyinen salasana').fill(testPassword);
    await page.getByLabel('Kieli').selectOption('en');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByLabel('Email').inputValue()).toBe(`uusi-${me.email}`);
    expect(await page.getByLabel('Name').inputValue()).toBe('Uusi Nimi');
    await page.getByRole('link', { name: 'Requests' }).click();
    await page.getByRole('heading', { name: 'Requests', level: 1 }).waitFor();
  });

  test('a new password must be typed twice alike; then it is the one that signs in', async () => {
    const me = await contractor(server);
    const page = await tab();
    await signIn(page, me.email, testPassword);
    await page.goto('/dashboard/account');
    await page.getByLabel('Uusi salasana', { exact: true }).fill('toinen-salasana-1');
    await page.getByLabel('Uusi salasana uudelleen').fill('toinen-salasana-2');
    await page.getByLabel('Nykyinen salasana').fill(testPassword);
    await page.getByRole('button', { name: 'Tallenna' }).click();
    expect(await errorOf(page, 'Uusi salasana uudelleen')).toBe('Salasanat eivät ole samat.');
    await page.getByLabel('Uusi salasana', { exact: true }).fill('toinen-salasana-1');
    await page.getByLabel('Uusi salasana uudelleen').fill('toinen-salasana-1');
    await page.getByLabel('Nykyinen salasana').fill(testPassword);
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.getByText('Tiedot tallennettu.').waitFor();
    await httpSignIn(server, me.email, 'toinen-salasana-1');
  });
});

describe('staff', () => {
  test('a partner: origins checked line by line, then the public key and the embed code', async () => {
    const page = await tab();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Kumppanit' }).first().click();
    await page.getByLabel('Nimi').fill('Testikauppa');
    await page.getByLabel('Tyyppi').selectOption('housing_company');
    await page.getByLabel('Sallitut osoitteet').fill('https://kauppa.example\nhttps://kauppa.example/sivu');
    await page.getByRole('button', { name: 'Luo kumppani' }).click();
    expect(await errorOf(page, 'Sallitut osoitteet')).toContain('ilman polkua');
    expect(await page.getByLabel('Tyyppi').inputValue()).toBe('housing_company');
    await page.getByLabel('Sallitut osoitteet').fill('https://kauppa.example\nhttps://www.kauppa.example/');
    await page.getByRole('button', { name: 'Luo kumppani' }).click();
    const snippet = await page.getByLabel('Upotuskoodi kumppanin sivulle').inputValue();
    const key = /partner="(pk_[A-Za-z0-9_-]+)"/.exec(snippet)![1]!;
    expect(snippet).toContain(`<script type="module" src="${server.url}/widget.js"></script>`);
    expect(await page.getByRole('row', { name: /Testikauppa/ }).textContent()).toContain(key);
    const { rows } = await server.db.execute({
      sql: 'SELECT po.origin FROM partner_origins po JOIN partners p ON p.id = po.partner_id WHERE p.public_key = ? ORDER BY 1',
      args: [key],
    });
    expect(rows.map((r) => r.origin)).toEqual(['https://kauppa.example', 'https://www.kauppa.example']);
  });

  test("a category's price in euros and its buyer cap reach the contractors' list; the audit log shows the change", async () => {
    const lead = await customerRequest(server, partnerKey, { category: 'sauna' });
    const page = await tab();
    await signIn(page, admin.email, admin.password);
    await page.goto('/dashboard/admin/categories');
    const sauna = page.getByRole('region', { name: 'Sauna' });
    await sauna.getByLabel('Hinta (€, alv 0 %)').fill('kolmekymppiä');
    await sauna.getByLabel('Ostajia enintään').fill('0');
    await sauna.getByRole('button', { name: 'Tallenna' }).click();
    expect(await page.getByRole('region', { name: 'Sauna' }).getByRole('alert').textContent()).toMatch(
      /Anna hinta euroina[\s\S]*Anna kokonaisluku 1–10/,
    );
    await page.getByRole('region', { name: 'Sauna' }).getByLabel('Hinta (€, alv 0 %)').fill('32,5');
    await page.getByRole('region', { name: 'Sauna' }).getByLabel('Ostajia enintään').fill('2');
    await page.getByRole('region', { name: 'Sauna' }).getByRole('button', { name: 'Tallenna' }).click();
    await page.getByText('Hinta ja ostajamäärä tallennettu.').waitFor();
    expect(await page.getByRole('region', { name: 'Sauna' }).getByLabel('Hinta (€, alv 0 %)').inputValue()).toBe('32,50');

    const me = await httpSignIn(server, (await contractor(server)).email, testPassword);
    const html = await (await me.get(`/dashboard/leads/${lead.id}`)).text();
    expect(html).toMatch(/32,50\s€ \+ alv/);
    expect(html).toContain('0/2 ostettu');

    await page.getByRole('link', { name: 'Tapahtumaloki' }).click();
    expect(await page.getByRole('row', { name: /category\.updated/ }).count()).toBeGreaterThan(0);
  });

  test('take a request down by its id: gone from the list at once; an unknown id is an error beside the field', async () => {
    const lead = await customerRequest(server, partnerKey);
    const member = await httpSignIn(server, (await contractor(server)).email, testPassword);
    expect(await (await member.get('/dashboard')).text()).toContain(lead.tag);
    const page = await tab();
    await signIn(page, admin.email, admin.password);
    await page.getByRole('link', { name: 'Poista pyyntö' }).first().click();
    await page.getByLabel('Pyynnön tunnus').fill('00000000-0000-0000-0000-000000000000');
    await page.getByRole('button', { name: 'Poista pyyntö' }).click();
    expect(await errorOf(page, 'Pyynnön tunnus')).toBe('Avointa pyyntöä ei löytynyt tällä tunnuksella.');
    await page.getByLabel('Pyynnön tunnus').fill(lead.id);
    await page.getByRole('button', { name: 'Poista pyyntö' }).click();
    await page.getByText('Pyyntö poistettu näkyvistä.').waitFor();
    expect(await (await member.get('/dashboard')).text()).not.toContain(lead.tag);
    expect((await member.get(`/dashboard/leads/${lead.id}`)).status).toBe(404);
  });
});
