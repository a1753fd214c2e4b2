// WCAG 2.2 AA inside the shadow root, checked by axe-core in each state the visitor meets,
// and the parts axe cannot judge: sizes, focus ring and user preferences, all under a host
// stylesheet that tries to flatten everything.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { axeWidget, focusedInWidget, launchBrowser, openPartnerPage, startPartnerSite, type PartnerSite } from './harness.ts';

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

async function open(lang = 'fi') {
  // axe is injected as an inline script: this context alone bypasses the page's CSP.
  const opened = await openPartnerPage(browser, api, site, [{ lang }], { bypassCSP: true });
  page = opened.page;
  await page.locator('linkki-request').getByRole('button').waitFor();
  return page.locator('linkki-request');
}

describe('axe-core inside the shadow root', () => {
  test.each(['fi', 'sv', 'en'])('the empty form (%s)', async (lang) => {
    await open(lang);
    const result = await axeWidget(page);
    expect(result.violations).toEqual([]);
    expect(result.shadowNodesChecked).toBeGreaterThan(20);
  });

  test('the form showing errors', async () => {
    const widget = await open();
    await widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' }).click();
    await expect.poll(() => focusedInWidget(page)).toBe('select#category');
    expect((await axeWidget(page)).violations).toEqual([]);
  });

  test('the confirmation', async () => {
    const widget = await open();
    await widget.getByLabel('Työn laji').selectOption('kitchen');
    await widget.getByLabel('Kuvaus työstä').fill('Keittiön kaapistot ja työtaso uusiksi.');
    await widget.getByLabel('Työkohteen postinumero').fill('00100');
    await widget.getByLabel('Puhelin').fill('0401234567');
    await widget.getByRole('checkbox', { name: /Hyväksyn/ }).check();
    await widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' }).click();
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    expect((await axeWidget(page)).violations).toEqual([]);
  });
});

describe('what axe cannot see', () => {
  test('the hostile page CSS does not reach in: 16px inputs, targets of 24px or more, the form visible', async () => {
    const widget = await open();
    const sizes = await widget.evaluate((host) => {
      const root = host.shadowRoot!;
      const controls = [...root.querySelectorAll<HTMLElement>('input:not([tabindex="-1"]), select, textarea, button, a')];
      return {
        host: getComputedStyle(host).display,
        fontSizes: [...new Set(controls.filter((c) => c.tagName !== 'A').map((c) => getComputedStyle(c).fontSize))],
        smallest: Math.min(
          ...controls
            .filter((c) => c.tagName !== 'A')
            .flatMap((c) => {
              const r = c.getBoundingClientRect();
              return [r.width, r.height];
            }),
        ),
        hiddenControls: controls.filter((c) => c.getBoundingClientRect().height === 0).length,
      };
    });
    expect(sizes).toEqual({ host: 'block', fontSizes: ['16px'], smallest: expect.any(Number), hiddenControls: 0 });
    expect(sizes.smallest).toBeGreaterThanOrEqual(24);
  });

  test('the keyboard focus ring is visible, and still there in forced colours', async () => {
    const widget = await open();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('select#category');
    const ring = () =>
      widget.getByLabel('Työn laji').evaluate((el) => {
        const s = getComputedStyle(el);
        return `${s.outlineStyle} ${s.outlineWidth}`;
      });
    expect(await ring()).toBe('solid 3px');
    await page.emulateMedia({ forcedColors: 'active' });
    expect(await ring()).toBe('solid 3px');
  });

  test('reduced motion turns the focus transition off', async () => {
    const widget = await open();
    const duration = () => widget.getByLabel('Työn laji').evaluate((el) => getComputedStyle(el).transitionDuration);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await duration()).not.toBe('0s');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await duration()).toBe('0s');
  });

  test('required fields are marked for eyes and for screen readers; the status region is polite', async () => {
    const widget = await open();
    for (const label of ['Työn laji', 'Kuvaus työstä', 'Työkohteen postinumero']) {
      expect(await widget.getByLabel(label).getAttribute('required')).toBe('');
    }
    expect(await widget.getByRole('checkbox', { name: /Hyväksyn/ }).getAttribute('required')).toBe('');
    expect(await widget.getByRole('radiogroup', { name: 'Olen' }).getAttribute('aria-required')).toBe('true');
    expect(await widget.getByText('Työn laji *').count()).toBe(1);
    expect(await widget.getByRole('status').count()).toBe(1);
    const attrs = await widget
      .getByLabel('Työkohteen postinumero')
      .evaluate((el) => [el.getAttribute('inputmode'), el.getAttribute('autocomplete')]);
    expect(attrs).toEqual(['numeric', 'postal-code']);
  });
});
