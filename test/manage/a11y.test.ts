// WCAG 2.2 AA on the manage page, checked by axe-core in every state a customer meets, and the
// parts axe cannot judge alone: a visible focus ring and a 24px target on everything Tab reaches.
// Then the privacy notice the page links to: reached by keyboard, with config.ts's numbers.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { retention } from '../../api/config.ts';
import { contractor } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { assertBuilt, axe, customerRequest, focused, openTab, retype, tabTo, type Tab } from './harness.ts';

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

/** A request with a buyer, opened in a tab where axe can be injected (bypassCSP: axe is an inline script). */
async function openBought(lang: 'fi' | 'sv' | 'en') {
  const partner = await server.createPartner();
  const req = await customerRequest(server, partner.publicKey, { locale: lang });
  const buyer = await contractor(server);
  expect((await buyer.call('POST', `/v1/leads/${req.id}/purchase`)).status).toBe(201);
  tab = await openTab(browser, server, { bypassCSP: true });
  await tab.page.goto(req.manageUrl);
  await tab.page.locator('.manage-buyers').waitFor();
  return { page: tab.page, req };
}

async function expectClean(page: Page) {
  const result = await axe(page);
  expect(result.violations).toEqual([]);
  expect(result.checked).toBeGreaterThan(20);
}

type Stop = { el: string; outline: string; width: number; height: number };

/** Tabs once round the page, recording each stop's focus ring and size. */
async function tabRound(page: Page): Promise<Stop[]> {
  await page.locator('body').focus();
  const stops: Stop[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        el: `${el.tagName.toLowerCase()}#${el.id}${el.getAttribute('lang') ?? ''}`,
        outline: `${style.outlineStyle} ${style.outlineWidth}`,
        width: box.width,
        height: box.height,
      };
    });
    if (!stop || stops.some((s) => s.el === stop.el)) break;
    stops.push(stop);
  }
  return stops;
}

describe('axe-core, zero violations', () => {
  test.each(['fi', 'sv', 'en'] as const)('the request as stored, with a buyer (%s)', async (lang) => {
    const { page } = await openBought(lang);
    await expectClean(page);
  });

  test("the form showing the API's errors", async () => {
    const { page } = await openBought('fi');
    await tabTo(page, '#description');
    await retype(page, 'lyhyt');
    await tabTo(page, '#email');
    await retype(page, 'ei-osoite');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('textarea#description');
    expect(await page.locator('#description').getAttribute('aria-describedby')).toBe('description-h description-e');
    expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
    await expectClean(page);
  });

  test('each confirmation step, and the request closed and erased', async () => {
    const { page } = await openBought('fi');
    for (const kind of ['close', 'erase']) {
      await tabTo(page, `#${kind}-start`);
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toBe(`p#${kind}-q`);
      await expectClean(page);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.manage-notice').textContent()).toMatch(/suljettu|poistettu/);
    }
    expect(await page.locator('#close-start, #erase-start').count()).toBe(0);
    await expectClean(page);
  });

  test.each([
    { name: 'unknown token', url: '/manage#' + 'y'.repeat(43), heading: 'Linkki ei kelpaa' },
    { name: 'no token', url: '/manage?lang=sv', heading: 'Länken saknar sin kod' },
  ])('the refusal: $name', async ({ url, heading }) => {
    tab = await openTab(browser, server, { bypassCSP: true });
    await tab.page.goto(url);
    await tab.page.getByRole('heading', { name: heading }).waitFor();
    await expectClean(tab.page);
  });
});

describe('what axe cannot judge alone', () => {
  test('every Tab stop shows a 3px focus ring and is at least 24px square', async () => {
    const { page } = await openBought('fi');
    const stops = await tabRound(page);
    expect(stops.map((s) => s.el)).toEqual([
      'button#fi',
      'button#sv',
      'button#en',
      'textarea#description',
      'input#town',
      'input#firstName',
      'input#email',
      'input#phone',
      'input#marketingOptOut',
      'button#',
      'button#export',
      'button#close-start',
      'button#erase-start',
      'a#',
    ]);
    for (const stop of stops) {
      expect(stop.outline, stop.el).toBe('solid 3px');
      expect(Math.min(stop.width, stop.height), stop.el).toBeGreaterThanOrEqual(24);
    }
  });

  test('the live region is there before anything is said, and says "Tallennettu."', async () => {
    const { page } = await openBought('fi');
    const region = page.locator('[role=status]');
    expect(await region.count()).toBe(1);
    expect(await region.textContent()).toBe('');
    await tabTo(page, '#town');
    await page.keyboard.type(' keskusta');
    await page.keyboard.press('Enter');
    await expect.poll(() => region.textContent()).toBe('Tallennettu.');
  });
});

describe('the privacy notice', () => {
  const cases = [
    { lang: 'fi', link: 'Tietosuojaseloste (uusi välilehti)', title: 'Tietosuojaseloste', days: 'päivää', months: 'kuukautta' },
    { lang: 'sv', link: 'Dataskyddsbeskrivning (ny flik)', title: 'Dataskyddsbeskrivning', days: 'dagar', months: 'månader' },
  ] as const;

  test.each(cases)("is reached from the manage page by keyboard and shows config.ts's numbers ($lang)", async (s) => {
    const partner = await server.createPartner();
    const req = await customerRequest(server, partner.publicKey, { locale: s.lang });
    // Strict CSP here (no bypass): the notice's own answer must hold it too.
    tab = await openTab(browser, server);
    const { page, context } = tab;
    await page.goto(req.manageUrl);
    await page.locator('#stored-h').waitFor();
    await tabTo(page, 'a[href^="/privacy"]');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(s.link);
    const [notice] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await notice.waitForLoadState();
    expect(notice.url()).toBe(`${server.url}/privacy?lang=${s.lang}`);
    expect(await notice.locator('html').getAttribute('lang')).toBe(s.lang);
    await notice.getByRole('heading', { level: 1, name: s.title }).waitFor();
    const text = (await notice.locator('main').textContent())!;
    expect(text).toContain(`${retention.visibleDays} ${s.days}`);
    expect(text).toContain(`${retention.archiveMonths} ${s.months}`);
    expect(text).toContain(`${retention.backupDays} ${s.days}`);
    // The manage page stays open behind it, token and all.
    expect(await page.locator('#stored-h').count()).toBe(1);
    expect((await tab.trouble()).violations).toEqual([]);
    expect(await notice.evaluate(() => (globalThis as { __violations?: string[] }).__violations)).toEqual([]);
  });

  test.each(['fi', 'sv', 'en'])('axe: zero violations (%s)', async (lang) => {
    tab = await openTab(browser, server, { bypassCSP: true });
    await tab.page.goto(`/privacy?lang=${lang}`);
    await expectClean(tab.page);
  });

  test('its language links are reached and followed by keyboard', async () => {
    tab = await openTab(browser, server);
    const { page } = tab;
    await page.goto('/privacy?lang=fi');
    await tabTo(page, 'a[href="/privacy?lang=sv"]');
    await Promise.all([page.waitForURL('**/privacy?lang=sv'), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { level: 1, name: 'Dataskyddsbeskrivning' }).waitFor();
  });
});
