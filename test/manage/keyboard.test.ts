// The customer's rights over their request, used with the keyboard alone, in Finnish and in
// Swedish: see everything stored (S21), correct it (S22), forbid marketing (S23), close the
// request (S25) and erase the contact details (S24), each proved in the database.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { compactPhone } from '../../api/contract/request.ts';
import { contractor } from '../support/accounts.ts';
import { uniqueContact } from '../support/intake.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { assertBuilt, contactRow, customerRequest, focused, openTab, requestRow, retype, tabTo, type Tab } from './harness.ts';

let browser: Browser;
let server: TestServer;
let tab: Tab | undefined;

beforeAll(async () => {
  assertBuilt();
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});
afterEach(async () => {
  await tab?.context.close();
  tab = undefined;
});

const cases = [
  {
    lang: 'fi',
    region: 'Uusimaa',
    category: 'Kylpyhuone',
    stored: 'Tallennetut tiedot',
    badEmail: 'Tarkista sähköpostiosoite.',
    fix: 'Tarkista merkityt kohdat (1).',
    saved: 'Tallennettu.',
    closed: 'Pyyntösi on suljettu.',
    erased: 'Yhteystietosi on poistettu.',
    stateClosed: 'Tila: Suljettu',
    notStored: 'ei tallennettu',
    yes: 'Kyllä',
  },
  {
    lang: 'sv',
    region: 'Nyland',
    category: 'Badrum',
    stored: 'Sparade uppgifter',
    badEmail: 'Kontrollera e-postadressen.',
    fix: 'Kontrollera de markerade fälten (1).',
    saved: 'Sparat.',
    closed: 'Din förfrågan är stängd.',
    erased: 'Dina kontaktuppgifter är raderade.',
    stateClosed: 'Status: Stängd',
    notStored: 'inte sparad',
    yes: 'Ja',
  },
] as const;

describe('the manage page with the keyboard only', () => {
  test.each(cases)('$lang: see, correct, forbid marketing, close and erase (S21–S25)', async (s) => {
    const partner = await server.createPartner();
    const { phone } = uniqueContact();
    const req = await customerRequest(server, partner.publicKey, { locale: s.lang, phone });
    const buyer = await contractor(server);
    expect((await buyer.call('POST', `/v1/leads/${req.id}/purchase`)).status).toBe(201);
    const buyerName = String(
      (await server.db.execute({ sql: 'SELECT name FROM companies WHERE id = ?', args: [buyer.companyId] })).rows[0]!.name,
    );

    tab = await openTab(browser, server);
    const { page } = tab;
    const status = page.getByRole('status');
    await page.goto(req.manageUrl);

    // S21: everything stored, in the request's own language.
    await page.getByRole('heading', { name: s.stored }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(s.lang);
    const facts = page.locator('.manage-facts');
    for (const value of [req.id, req.email, compactPhone(phone), '00100', s.region, 'Helsinki', s.category]) {
      expect(await facts.textContent()).toContain(value);
    }
    expect(await page.locator('.manage-buyers').textContent()).toContain(buyerName);

    // S22 with a mistake first: the API's 422 lands on the field, tied to it, with focus.
    const newEmail = `korjattu-${req.id.slice(0, 8)}@example.fi`;
    await tabTo(page, '#email');
    await retype(page, 'ei-osoite');
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toBe(s.fix);
    expect(await focused(page)).toBe('input#email');
    const email = page.locator('#email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toBe('email-e');
    expect(await page.locator('#email-e').textContent()).toBe(s.badEmail);

    await retype(page, newEmail);
    // S23: the marketing ban, a checkbox toggled with Space.
    await tabTo(page, '#marketingOptOut');
    await page.keyboard.press('Space');
    await tabTo(page, 'form button[type=submit]');
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toBe(s.saved);
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    expect(await facts.textContent()).toContain(newEmail);

    const saved = await contactRow(server, req.id);
    expect(await server.deps.keys.decrypt(String(saved!.email_enc), `request_contacts:${req.id}:email`)).toBe(newEmail);
    expect(Number((await requestRow(server, req.id)).marketing_opt_out)).toBe(1);

    // S25: close, with a confirmation step that Tab reaches next.
    await tabTo(page, '#close-start');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('p#close-q');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('manage-danger');
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toBe(s.closed);
    await expect.poll(() => focused(page)).toBe('h2#state-h');
    expect(await page.locator('#state-h').textContent()).toBe(s.stateClosed);
    expect(await page.locator('#close-start').count()).toBe(0);
    const closed = await requestRow(server, req.id);
    expect(closed.status).toBe('closed');
    expect(closed.ended_at).not.toBeNull();

    // S24: erase, with its own confirmation; the buyer loses the details too.
    await tabTo(page, '#erase-start');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('p#erase-q');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toBe(s.erased);
    await expect.poll(() => focused(page)).toBe('h2#stored-h');
    expect(await contactRow(server, req.id)).toBeUndefined();
    expect(await facts.textContent()).not.toContain(newEmail);
    expect(await facts.textContent()).toContain(s.notStored);
    const lead = await buyer.json('GET', `/v1/purchases`);
    expect(lead.text).not.toContain(newEmail);
    expect(lead.text).not.toContain(req.email);

    const trouble = await tab.trouble();
    expect(trouble.violations).toEqual([]);
    expect(trouble.pageErrors).toEqual([]);
    // Chromium logs every 4xx answer: the one here is the 422 the test provoked.
    expect(tab.consoleErrors).toEqual([expect.stringContaining('status of 422')]);
  });

  test('a cancelled confirmation changes nothing and gives focus back', async () => {
    const partner = await server.createPartner();
    const req = await customerRequest(server, partner.publicKey);
    tab = await openTab(browser, server);
    const { page } = tab;
    await page.goto(req.manageUrl);
    await tabTo(page, '#close-start');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('p#close-q');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('button#close-start');
    expect((await requestRow(server, req.id)).status).toBe('open');
    expect(tab.apiCalls.map((c) => c.call)).toEqual(['GET /v1/manage']);
  });
});
