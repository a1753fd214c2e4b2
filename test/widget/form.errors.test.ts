// What the visitor is told when something is wrong: each invalid field is marked, described
// and focused (WCAG 3.3.1, 3.3.3); the API's refusals are said in the visitor's language and
// nothing typed is lost (SPEC "Quality bars").
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { countRequests, focusedInWidget, launchBrowser, openPartnerPage, startPartnerSite, type PartnerSite } from './harness.ts';

let browser: Browser;
let api: TestServer;
let site: PartnerSite;
let page: Page;

beforeAll(async () => {
  [browser, api, site] = await Promise.all([launchBrowser(), startServer(), startPartnerSite()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), api?.close(), site?.close()]);
});
afterEach(async () => {
  await page?.context().close();
});

async function open(...args: Parameters<typeof openPartnerPage> extends [unknown, unknown, unknown, ...infer R] ? R : never) {
  const opened = await openPartnerPage(browser, api, site, ...args);
  page = opened.page;
  return opened;
}

/** The error sentence a control points to with aria-describedby, or '' when it has none. */
function errorOf(control: Locator): Promise<string> {
  return control.evaluate((el) => {
    const root = el.getRootNode() as ShadowRoot;
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ');
    return ids
      .filter((id) => id.endsWith('-e'))
      .map((id) => root.getElementById(id)?.textContent ?? '')
      .join(' ');
  });
}

async function fillValid(widget: Locator) {
  await widget.getByLabel('Työn laji').selectOption('roof');
  await widget.getByLabel('Kuvaus työstä').fill('Vesikatto vuotaa, tiilikatto 1970-luvulta, noin 150 m².');
  await widget.getByLabel('Työkohteen postinumero').fill('00100');
  await expect.poll(() => widget.getByLabel('Maakunta').inputValue()).toBe('01');
  await widget.getByLabel('Sähköposti').fill('katto@example.fi');
  await widget.getByRole('checkbox', { name: /Hyväksyn/ }).check();
}

describe('invalid input', () => {
  test('an empty form: every missing field is marked, described and the first one focused; nothing is sent', async () => {
    const { partner } = await open();
    const widget = page.locator('linkki-request');
    await widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' }).click();

    await expect.poll(() => focusedInWidget(page)).toBe('select#category');
    const expected: [Locator, string][] = [
      [widget.getByLabel('Työn laji'), 'Tieto puuttuu.'],
      [widget.getByLabel('Kuvaus työstä'), 'Kirjoita vähintään 10 merkkiä.'],
      [widget.getByLabel('Työkohteen postinumero'), 'Postinumerossa on viisi numeroa.'],
      [widget.getByLabel('Sähköposti'), 'Anna sähköposti tai puhelinnumero.'],
      [widget.getByRole('checkbox', { name: /Hyväksyn/ }), 'Hyväksy tietojen käsittely.'],
    ];
    for (const [control, message] of expected) {
      expect(await control.getAttribute('aria-invalid')).toBe('true');
      expect(await errorOf(control)).toBe(message);
    }
    expect(await widget.getByLabel('Puhelin').getAttribute('aria-invalid')).toBeNull();
    expect(await widget.getByRole('status').textContent()).toBe('Tarkista merkityt kohdat (5).');
    expect(await countRequests(api.db, partner.id)).toBe(0);

    // Correcting a field takes its mark away at once.
    await widget.getByLabel('Työn laji').selectOption('kitchen');
    expect(await widget.getByLabel('Työn laji').getAttribute('aria-invalid')).toBeNull();
    expect(await errorOf(widget.getByLabel('Työn laji'))).toBe('');
    // The summary counts what is still marked, and is gone once nothing is (a user check found it stuck at 5).
    expect(await widget.getByRole('status').textContent()).toBe('Tarkista merkityt kohdat (4).');
    await fillValid(widget);
    expect(await widget.getByRole('status').textContent()).toBe('');
  });

  test('a malformed email is announced on the email field, which gets focus', async () => {
    await open();
    const widget = page.locator('linkki-request');
    await fillValid(widget);
    await widget.getByLabel('Sähköposti').fill('katto@');
    await widget.getByLabel('Puhelin').press('Enter'); // Enter in a text field submits, as in any form

    await expect.poll(() => focusedInWidget(page)).toBe('input#email');
    expect(await widget.getByLabel('Sähköposti').getAttribute('aria-invalid')).toBe('true');
    expect(await errorOf(widget.getByLabel('Sähköposti'))).toBe('Tarkista sähköpostiosoite.');
  });

  test('an unknown postal code says so at once, and a region chosen by hand settles it', async () => {
    const { partner } = await open();
    const widget = page.locator('linkki-request');
    await fillValid(widget);
    await widget.getByLabel('Maakunta').selectOption('');
    const postal = widget.getByLabel('Työkohteen postinumero');
    await postal.fill('00001');
    await expect.poll(() => errorOf(postal)).toBe('Postinumeroa ei löytynyt. Tarkista se tai valitse maakunta.');
    expect(await postal.getAttribute('aria-invalid')).toBe('true');

    await widget.getByLabel('Maakunta').selectOption('19');
    expect(await postal.getAttribute('aria-invalid')).toBeNull();
    await widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' }).click();
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    const { rows } = await api.db.execute({
      sql: 'SELECT postal_code, region_code FROM requests WHERE partner_id = ?',
      args: [partner.id],
    });
    expect(rows.map((r) => [r.postal_code, r.region_code])).toEqual([['00001', '19']]);
  });

  test("the API's 422 issues land on their fields, localised by code", async () => {
    await open([{ lang: 'en' }]);
    const widget = page.locator('linkki-request');
    await widget.getByLabel('Type of work').selectOption('roof');
    await widget.getByLabel('Description of the work').fill('The roof leaks above the kitchen.');
    await widget.getByLabel('Postal code of the site').fill('00100');
    await widget.getByLabel('Phone').fill('040 123 4567');
    await widget.getByRole('checkbox', { name: /I agree/ }).check();
    await page.route(`${api.url}/v1/requests`, (route) =>
      route.request().method() !== 'POST'
        ? route.continue()
        : route.fulfill({
            status: 422,
            headers: { 'access-control-allow-origin': site.origin },
            contentType: 'application/json',
            body: JSON.stringify({
              error: 'invalid',
              issues: [{ path: 'phone', code: 'invalid_phone', message: 'Enter a valid phone number.' }],
            }),
          }),
    );
    await widget.getByRole('button', { name: 'Send quote request' }).click();

    await expect.poll(() => focusedInWidget(page)).toBe('input#phone');
    expect(await errorOf(widget.getByLabel('Phone'))).toBe('Check the phone number.');
    expect(await widget.getByRole('status').textContent()).toBe('Please check the marked fields (1).');
  });
});

describe('refusals and limits', () => {
  test('429: the visitor is told when to try again, and keeps the form', async () => {
    const { events } = await open();
    const widget = page.locator('linkki-request');
    await fillValid(widget);
    await page.route(`${api.url}/v1/requests`, (route) =>
      route.request().method() !== 'POST'
        ? route.continue()
        : route.fulfill({
            status: 429,
            headers: { 'access-control-allow-origin': site.origin, 'access-control-expose-headers': 'Retry-After', 'retry-after': '120' },
            contentType: 'application/json',
            body: JSON.stringify({ error: 'rate_limited', retryAfter: 120 }),
          }),
    );
    await widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' }).click();
    await expect.poll(() => widget.getByRole('status').textContent()).toBe('Liian monta lähetystä. Yritä 2 minuutin päästä.');
    expect(await widget.getByLabel('Kuvaus työstä').inputValue()).toContain('Vesikatto vuotaa');
    expect((await events()).at(-1)).toBe('linkki:error {"error":"rate_limited"}');
  });

  test('a page origin the partner has not allowed: the API refuses (403) and the widget says so', async () => {
    // Another partner allows this site, so CORS lets the answers through; this partner does not.
    await api.createPartner({ origins: [site.origin] });
    const { partner, events } = await open([{}], { origins: ['https://partner.example'] });
    const widget = page.locator('linkki-request');
    await fillValid(widget);
    await widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' }).click();
    await expect.poll(() => widget.getByRole('status').textContent()).toBe('Lomaketta ei voi käyttää tällä sivustolla.');
    expect((await events()).at(-1)).toBe('linkki:error {"error":"origin_not_allowed"}');
    expect(await countRequests(api.db, partner.id)).toBe(0);
  });

  test("an unknown partner key: a short message and the partner's fallback link", async () => {
    const { events } = await open([{}], { partnerKey: 'pk_doesnotexist' });
    const widget = page.locator('linkki-request');
    await expect.poll(() => widget.getByText('Lomaketta ei voi käyttää tällä sivustolla.').isVisible()).toBe(true);
    expect(await widget.getByRole('link', { name: 'Jätä tarjouspyyntö' }).isVisible()).toBe(true);
    expect(await events()).toEqual(['linkki:error {"error":"not_found"}']);
  });
});
