// Issue 13, proof of work in the widget: nothing of it is fetched before the visitor types (the
// 15 KiB before typing holds); once they type, the widget gets its partner's challenge and
// solves it while they type, under the partner page's strict CSP and Trusted Types; the request
// carries the solution (`altcha`), and a refused one is replaced by a fresh one, once.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { countRequests, launchBrowser, openPartnerPage, startPartnerSite, type PartnerSite } from './harness.ts';

let browser: Browser;
let api: TestServer;
let site: PartnerSite;
let page: Page;

beforeAll(async () => {
  // The production difficulty: the widget's own solver does the real work here.
  [browser, api, site] = await Promise.all([launchBrowser(), startServer({ config: { powDifficulty: 50_000 } }), startPartnerSite()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), api?.close(), site?.close()]);
});
afterEach(async () => {
  await page?.context().close();
});

/** The paths the page asked the API for, in order. */
function watchApi(p: Page): string[] {
  const asked: string[] = [];
  p.on('request', (r: Request) => {
    if (r.url().startsWith(api.url)) asked.push(new URL(r.url()).pathname.replace(/widget-pow-[\w-]+\.js$/, 'widget-pow.js'));
  });
  return asked;
}

async function fillAndSend(widget: ReturnType<Page['locator']>) {
  await widget.getByLabel('Työn laji').selectOption('bathroom');
  await widget.getByLabel('Kuvaus työstä').fill('Kylpyhuoneen täysremontti, noin 5 m², laatat ja vedeneristys uusiksi.');
  await widget.getByLabel('Työkohteen postinumero').fill('00100');
  await expect.poll(() => widget.getByLabel('Maakunta').inputValue()).toBe('01');
  await widget.getByLabel('Puhelin').fill('040 123 4567');
  await widget.getByRole('checkbox', { name: /Hyväksyn/ }).check();
  await widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' }).click();
  // A proof refused after the click is solved afresh while the visitor waits: seconds, not a poll's one.
  await expect
    .poll(() => widget.getByRole('heading', { name: 'Kiitos, pyyntösi on lähetetty!' }).isVisible(), { timeout: 25_000 })
    .toBe(true);
}

test('no proof-of-work bytes before typing; then the challenge is solved and the request carries it', async () => {
  const opened = await openPartnerPage(browser, api, site);
  page = opened.page;
  const asked = watchApi(page);
  const widget = page.locator('linkki-request');
  await expect.poll(() => widget.getByLabel('Työn laji').isVisible()).toBe(true);
  expect(asked.filter((p) => p.includes('challenge') || p.includes('widget-pow'))).toEqual([]);

  const sent: unknown[] = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && r.url() === `${api.url}/v1/requests`) sent.push(r.postDataJSON());
  });
  await fillAndSend(widget);
  expect(asked.filter((p) => p.includes('challenge') || p.includes('widget-pow') || p === '/v1/requests')).toEqual([
    '/widget-pow.js',
    '/v1/widget/challenge',
    '/v1/requests',
  ]);
  expect(sent).toHaveLength(1);
  const { challenge, solution } = JSON.parse(Buffer.from((sent[0] as { altcha: string }).altcha, 'base64').toString());
  expect(challenge.parameters.data.partner).toBe(opened.partner.publicKey);
  expect(solution.derivedKey.startsWith(challenge.parameters.keyPrefix)).toBe(true);
  expect(await countRequests(api.db, opened.partner.id)).toBe(1);
  expect(await opened.trouble()).toMatchObject({ violations: [], consoleErrors: [], pageErrors: [] });
});

test('a refused proof (expired, say): the widget solves a fresh challenge and sends again, once', async () => {
  const opened = await openPartnerPage(browser, api, site);
  page = opened.page;
  const proofs: string[] = [];
  await page.route(`${api.url}/v1/requests`, async (route, request: Request) => {
    if (request.method() !== 'POST') return route.continue();
    proofs.push((request.postDataJSON() as { altcha: string }).altcha);
    if (proofs.length > 1) return route.continue();
    return route.fulfill({
      status: 422,
      headers: { 'content-type': 'application/json', 'access-control-allow-origin': site.origin },
      body: JSON.stringify({ error: 'bot_check', field: 'altcha', reason: 'expired' }),
    });
  });
  await fillAndSend(page.locator('linkki-request'));
  expect(proofs).toHaveLength(2);
  expect(proofs[1]).not.toBe(proofs[0]);
  expect(await countRequests(api.db, opened.partner.id)).toBe(1);
  const trouble = await opened.trouble();
  expect([trouble.violations, trouble.pageErrors]).toEqual([[], []]);
  // Chromium logs the refused answer itself ("Failed to load resource… 422"); nothing else.
  expect(trouble.consoleErrors.filter((e) => !e.includes('422'))).toEqual([]);
});
