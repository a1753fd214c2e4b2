// The widget under a partner's strict Content-Security-Policy with Trusted Types: no
// violation in any state, and when the partner's policy lacks our origin, one console line
// that names the directive to fix while the partner's fallback link stays in place.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import {
  focusedInWidget,
  launchBrowser,
  openPartnerPage,
  partnerPage,
  startPartnerSite,
  watchTrouble,
  type PartnerSite,
} from './harness.ts';

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

const none = { violations: [], consoleErrors: [], pageErrors: [], linkkiLines: [] };

describe('under the strict policy', () => {
  test('every state, every language: zero CSP or Trusted Types violations, zero console errors', async () => {
    const opened = await openPartnerPage(browser, api, site, [{ lang: 'fi' }, { lang: 'sv' }]);
    page = opened.page;
    const [fi, sv] = [page.locator('linkki-request').nth(0), page.locator('linkki-request').nth(1)];
    // Errors rendered, a language switched live, a look-up, a send and the confirmation.
    await fi.getByRole('button', { name: 'Lähetä tarjouspyyntö' }).click();
    await expect.poll(() => focusedInWidget(page)).toBe('select#category');
    await page.evaluate(() => document.querySelectorAll('linkki-request')[0]!.setAttribute('lang', 'en'));
    await fi.getByLabel('Type of work').selectOption('sauna');
    await fi.getByLabel('Description of the work').fill('A new sauna stove and benches.');
    await fi.getByLabel('Postal code of the site').fill('00100');
    await expect.poll(() => fi.getByLabel('Town').inputValue()).toBe('Helsinki');
    await fi.getByLabel('Email').fill('sauna@example.fi');
    await fi.getByRole('checkbox', { name: /I agree/ }).check();
    await fi.getByRole('button', { name: 'Send quote request' }).click();
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    await sv.scrollIntoViewIfNeeded();
    await sv.getByRole('button', { name: 'Skicka offertförfrågan' }).waitFor();

    expect(await opened.trouble()).toEqual(none);
  });

  test('the styles are one constructed sheet shared by all instances: no <style>, no style attribute', async () => {
    const opened = await openPartnerPage(browser, api, site, [{}, {}]);
    page = opened.page;
    await page.locator('linkki-request').nth(1).getByRole('button').waitFor();
    const styling = await page.evaluate(() => {
      const roots = [...document.querySelectorAll('linkki-request')].map((el) => el.shadowRoot!);
      return {
        sheets: roots.map((r) => r.adoptedStyleSheets.length),
        shared: roots[0]!.adoptedStyleSheets[0] === roots[1]!.adoptedStyleSheets[0],
        styleElements: roots.reduce((n, r) => n + r.querySelectorAll('style, link').length, 0),
        styleAttributes: roots.reduce((n, r) => n + r.querySelectorAll('[style]').length, 0),
        rem: [...roots[0]!.adoptedStyleSheets[0]!.cssRules].some((rule) => /\drem\b/.test(rule.cssText)),
        // `all: initial` on :host serialises as every longhand, z-index: initial among them.
        zIndex: [...roots[0]!.adoptedStyleSheets[0]!.cssRules].some((rule) => {
          const z = (rule as CSSStyleRule).style?.zIndex;
          return Boolean(z) && z !== 'initial';
        }),
      };
    });
    expect(styling).toEqual({ sheets: [1, 1], shared: true, styleElements: 0, styleAttributes: 0, rem: false, zIndex: false });
  });

  test('including the script twice is harmless', async () => {
    const partner = await api.createPartner({ origins: [site.origin] });
    const context = await browser.newContext();
    page = await context.newPage();
    const trouble = await watchTrouble(context, page);
    const html = partnerPage(api.url, [{ partner: partner.publicKey }]).replace(
      '</main>',
      `<script type="module" src="${api.url}/widget.js?again"></script></main>`,
    );
    await page.goto(site.show('/twice', html, `script-src ${api.url}; connect-src ${api.url}; require-trusted-types-for 'script'`));
    await page.locator('linkki-request').getByRole('button', { name: 'Lähetä tarjouspyyntö' }).waitFor();
    expect(await page.locator('linkki-request').getByRole('heading', { name: 'Pyydä tarjous remontista' }).count()).toBe(1);
    expect(await trouble()).toEqual(none);
  });
});

describe('a policy that lacks our origin', () => {
  async function openWith(csp: string) {
    const partner = await api.createPartner({ origins: [site.origin] });
    const context = await browser.newContext();
    page = await context.newPage();
    const trouble = await watchTrouble(context, page);
    await page.goto(
      site.show(`/csp/${partner.publicKey}`, partnerPage(api.url, [{ partner: partner.publicKey }, { partner: partner.publicKey }]), csp),
    );
    return trouble;
  }

  test('connect-src missing: one line naming connect-src; the fallback link stays', async () => {
    const trouble = await openWith(`script-src ${api.url}; connect-src 'self'`);
    await expect
      .poll(async () => (await trouble()).linkkiLines)
      .toEqual([`Linkki: add "${api.url}" to connect-src in your Content-Security-Policy`]);
    const link = page.locator('linkki-request').first().getByRole('link', { name: 'Jätä tarjouspyyntö' });
    await expect.poll(() => link.isVisible()).toBe(true);
  });

  test('the app chunk blocked by script-src: one line naming script-src; the fallback link stays', async () => {
    // A partner that allowed only the loader's own URL.
    const trouble = await openWith(`script-src ${api.url}/widget.js; connect-src ${api.url}`);
    await expect
      .poll(async () => (await trouble()).linkkiLines)
      .toEqual([`Linkki: add "${api.url}" to script-src and connect-src in your Content-Security-Policy`]);
    expect(await page.locator('linkki-request').first().getByRole('link', { name: 'Jätä tarjouspyyntö' }).isVisible()).toBe(true);
  });
});
