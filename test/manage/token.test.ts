// SPEC "Privacy by design": the manage link's secret rides in the fragment, leaves the address
// bar at once, and reaches the API only in the Authorization header. A dead or missing link says
// so in the page's language. The page runs under the strict CSP with Trusted Types, unbroken.
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { assertBuilt, customerRequest, focused, openTab, tabTo, type Tab } from './harness.ts';

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

describe('the token', () => {
  test('leaves the address bar and the history entry, and travels only as a Bearer header', async () => {
    const partner = await server.createPartner();
    const req = await customerRequest(server, partner.publicKey);
    tab = await openTab(browser, server);
    const { page } = tab;
    await page.goto(req.manageUrl);
    await page.locator('#stored-h').waitFor();

    expect(page.url()).toBe(`${server.url}/manage`);
    expect(await page.evaluate(() => [location.href, location.hash])).toEqual([`${server.url}/manage`, '']);

    // Every state change that calls the API: a language switch and a save.
    await tabTo(page, 'button[lang=en]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Stored data' }).waitFor();
    expect(page.url()).toBe(`${server.url}/manage?lang=en`);
    await tabTo(page, '#town');
    await page.keyboard.type('-Vantaa');
    await tabTo(page, 'form button[type=submit]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved.');

    expect(tab.urls.length).toBeGreaterThan(3);
    expect(tab.urls.filter((u) => u.includes(req.manageToken))).toEqual([]);
    expect(tab.apiCalls.map((c) => c.call)).toEqual(['GET /v1/manage', 'GET /v1/manage?lang=en', 'PATCH /v1/manage?lang=en']);
    expect(tab.apiCalls.every((c) => c.authorization === `Bearer ${req.manageToken}`)).toBe(true);
    // Nothing of it stays behind in the browser either.
    expect(await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length])).toEqual(['', 0, 0]);
    expect(await page.content()).not.toContain(req.manageToken);

    const trouble = await tab.trouble();
    expect(trouble.violations).toEqual([]);
    expect(trouble.pageErrors).toEqual([]);
    expect(tab.consoleErrors).toEqual([]);
  });

  test('"Download my data" saves a JSON file with the request in it (S21)', async () => {
    const partner = await server.createPartner();
    const req = await customerRequest(server, partner.publicKey, { locale: 'en' });
    tab = await openTab(browser, server);
    const { page } = tab;
    await page.goto(req.manageUrl);
    await tabTo(page, '#export');
    expect(await page.locator('#export').textContent()).toBe('Download my data (JSON)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe(`linkki-${req.id}.json`);
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(data.request.id).toBe(req.id);
    expect(data.request.contact.email).toBe(req.email);
    expect(data.request).not.toHaveProperty('manageTokenHash');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('The file has been downloaded.');
    expect(tab.apiCalls.map((c) => c.call)).toEqual(['GET /v1/manage', 'GET /v1/manage/export']);
    expect((await tab.trouble()).violations).toEqual([]);
  });

  test.each([
    { lang: 'fi', heading: 'Linkki ei kelpaa', privacy: 'Tietosuojaseloste (uusi välilehti)' },
    { lang: 'sv', heading: 'Länken gäller inte', privacy: 'Dataskyddsbeskrivning (ny flik)' },
  ])('an unknown token is refused by the API (401) and the page says so ($lang)', async ({ lang, heading, privacy }) => {
    tab = await openTab(browser, server);
    const { page } = tab;
    const unknown = 'x'.repeat(43);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname == '/v1/manage');
    await page.goto(`/manage?lang=${lang}#${unknown}`);
    expect((await answer).status()).toBe(401);
    await page.getByRole('heading', { name: heading }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.getByRole('link', { name: privacy }).getAttribute('href')).toBe(`/privacy?lang=${lang}`);
    expect(page.url()).toBe(`${server.url}/manage?lang=${lang}`);
    expect(await page.locator('form').count()).toBe(0);
    expect((await tab.trouble()).violations).toEqual([]);
  });

  test.each([
    { lang: 'fi', url: '/manage', heading: 'Linkistä puuttuu tunniste' },
    { lang: 'sv', url: '/manage?lang=sv#', heading: 'Länken saknar sin kod' },
    { lang: 'en', url: '/manage?lang=en', heading: 'The link has no key' },
  ])('no token: the page says so without asking the API ($url)', async ({ lang, url, heading }) => {
    tab = await openTab(browser, server);
    const { page } = tab;
    await page.goto(url);
    await page.getByRole('heading', { name: heading }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.getByRole('link', { name: /\(/ }).getAttribute('href')).toBe(`/privacy?lang=${lang}`);
    expect(tab.apiCalls).toEqual([]);
    expect((await tab.trouble()).violations).toEqual([]);
  });

  test('the language switch works on the refusal too, with the keyboard', async () => {
    tab = await openTab(browser, server);
    const { page } = tab;
    await page.goto('/manage');
    await page.getByRole('heading', { name: 'Linkistä puuttuu tunniste' }).waitFor();
    await tabTo(page, 'button[lang=sv]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Länken saknar sin kod' }).waitFor();
    expect(await focused(page)).toBe('button#');
    expect(await page.locator('button[lang=sv]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.title()).toBe('Din offertförfrågan');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
  });
});
