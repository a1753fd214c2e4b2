// A visitor on a partner's page fills in the widget and sends a request (S1, S4): it lands in
// the database once, even when the first attempt dies on the way (SPEC "Quality bars").
import type { Browser, Page, Request } from 'playwright-core';
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

async function open(embeds?: { lang?: string; attrs?: string }[], opts?: { spacer?: boolean }) {
  const opened = await openPartnerPage(browser, api, site, embeds, opts);
  page = opened.page;
  return opened;
}

/** Fills every field the way a visitor would, in the given widget. */
async function fillForm(widget: ReturnType<Page['locator']>, email = 'matti.meikalainen@example.fi') {
  await widget.getByRole('radio', { name: 'taloyhtiö' }).check();
  await widget.getByLabel('Työn laji').selectOption('bathroom');
  await widget.getByLabel('Kuvaus työstä').fill('Kylpyhuoneen täysremontti, noin 5 m², laatat ja vedeneristys uusiksi.');
  await widget.getByLabel('Työkohteen postinumero').fill('00100');
  // The look-up fills town and region.
  await expect.poll(() => widget.getByLabel('Postitoimipaikka').inputValue()).toBe('Helsinki');
  await expect.poll(() => widget.getByLabel('Maakunta').inputValue()).toBe('01');
  await widget.getByLabel('Sähköposti').fill(email);
  await widget.getByLabel('Puhelin').fill('040 123 4567');
  await widget.getByRole('checkbox', { name: /Hyväksyn/ }).check();
}

describe('sending a request from a partner page', () => {
  test('fill, send, see the confirmation with the manage link; one row with encrypted contact', async () => {
    const { partner, trouble, events } = await open();
    const widget = page.locator('linkki-request');

    await fillForm(widget);
    await widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' }).click();

    const heading = widget.getByRole('heading', { name: 'Kiitos, pyyntösi on lähetetty!' });
    await expect.poll(() => heading.isVisible()).toBe(true);
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    const link = widget.getByRole('link', { name: /\/manage#/ });
    const manageUrl = await link.getAttribute('href');
    expect(manageUrl).toMatch(new RegExp(`^${api.url}/manage#[A-Za-z0-9_-]{40,}$`));
    expect(await link.textContent()).toBe(manageUrl);
    expect(await widget.getByText(/näkevät sen \d{1,2}\. \S+ \d{4} asti/).count()).toBe(1);

    const { rows } = await api.db.execute({
      sql: 'SELECT r.id, r.description, r.customer_type, r.region_code, r.town, c.email_enc, c.phone_enc FROM requests r JOIN request_contacts c ON c.request_id = r.id WHERE r.partner_id = ?',
      args: [partner.id],
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ customer_type: 'housing_company', region_code: '01', town: 'Helsinki' });
    expect(String(rows[0]!.description)).toContain('Kylpyhuoneen täysremontti');
    expect(String(rows[0]!.email_enc)).not.toContain('matti');

    // S13: the events carry no personal data; `sent` names the request id and nothing else.
    expect(await events()).toEqual([
      'linkki:shown null',
      'linkki:started null',
      `linkki:sent {"id":"${rows[0]!.id}"}`,
      `linkki:submitted {"id":"${rows[0]!.id}"}`,
    ]);
    expect(await trouble()).toMatchObject({ violations: [], consoleErrors: [], pageErrors: [] });

    // S13: the partner's cookieless counters saw the widget shown, started and sent, once each.
    const counters = async () =>
      Object.fromEntries(
        (
          await api.db.execute({
            sql: 'SELECT event, count FROM partner_counters WHERE partner_id = ?',
            args: [partner.id],
          })
        ).rows.map((r) => [r.event, Number(r.count)]),
      );
    await expect.poll(counters).toEqual({ shown: 1, started: 1, sent: 1 });
  });

  test('a dropped connection keeps what was typed; the retry reuses the key and stores one request', async () => {
    const { partner } = await open();
    const widget = page.locator('linkki-request');
    const keys: string[] = [];
    let dropped = false;
    await page.route(`${api.url}/v1/requests`, async (route, request: Request) => {
      if (request.method() !== 'POST') return route.continue();
      keys.push(request.headers()['idempotency-key'] ?? '');
      if (dropped) return route.continue();
      dropped = true;
      return route.abort('connectionreset');
    });

    await fillForm(widget);
    const send = widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' });
    await send.click();
    await expect.poll(() => widget.getByRole('status').textContent()).toBe('Yhteys katkesi. Tiedot ovat tallessa, lähetä uudelleen.');
    expect(await widget.getByLabel('Kuvaus työstä').inputValue()).toContain('Kylpyhuoneen täysremontti');
    expect(await widget.getByLabel('Sähköposti').inputValue()).toBe('matti.meikalainen@example.fi');
    expect(await countRequests(api.db, partner.id)).toBe(0);

    await send.click();
    await expect.poll(() => widget.getByRole('heading', { name: 'Kiitos, pyyntösi on lähetetty!' }).isVisible()).toBe(true);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(await countRequests(api.db, partner.id)).toBe(1);
  });

  test('a form changed after a dropped send goes with a new key: the API would refuse the old one (idempotency_key_reused)', async () => {
    const { partner } = await open();
    const widget = page.locator('linkki-request');
    const keys: string[] = [];
    let dropped = false;
    await page.route(`${api.url}/v1/requests`, async (route, request: Request) => {
      if (request.method() !== 'POST') return route.continue();
      keys.push(request.headers()['idempotency-key'] ?? '');
      if (dropped) return route.continue();
      dropped = true;
      // The first send reaches the API and is stored; only its answer is lost on the way back.
      await route.fetch();
      return route.abort('connectionreset');
    });

    await fillForm(widget);
    const send = widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' });
    await send.click();
    await expect.poll(() => widget.getByRole('status').textContent()).toBe('Yhteys katkesi. Tiedot ovat tallessa, lähetä uudelleen.');
    await widget.getByLabel('Kuvaus työstä').fill('Kylpyhuoneen täysremontti, noin 6 m², laatat, vedeneristys ja lattialämmitys uusiksi.');
    await send.click();
    await expect.poll(() => widget.getByRole('heading', { name: 'Kiitos, pyyntösi on lähetetty!' }).isVisible()).toBe(true);
    expect(keys).toHaveLength(2);
    expect(keys[1]).not.toBe(keys[0]);
    expect(await countRequests(api.db, partner.id)).toBe(2);
  });

  test('two instances on one page each send their own request; the app is downloaded once', async () => {
    const { partner, trouble } = await open([{ lang: 'fi' }, { lang: 'sv', attrs: 'category="kitchen"' }], { spacer: true });
    const [first, second] = [page.locator('linkki-request').nth(0), page.locator('linkki-request').nth(1)];

    await fillForm(first);
    // The second element is far below the fold: its form has not been mounted yet.
    expect(await page.evaluate(() => document.querySelectorAll('linkki-request')[1]!.shadowRoot?.querySelector('form') ?? null)).toBeNull();
    await second.scrollIntoViewIfNeeded();
    await expect.poll(() => second.getByLabel('Typ av arbete').inputValue()).toBe('kitchen');
    await second.getByLabel('Beskrivning av arbetet').fill('Köksrenovering: nya skåp, bänkskiva och kakel.');
    await second.getByLabel('Postnummer där arbetet görs').fill('00100');
    await expect.poll(() => second.getByLabel('Postanstalt').inputValue()).toBe('Helsingfors');
    await second.getByLabel('Telefon').fill('+358 40 765 4321');
    await second.getByRole('checkbox', { name: /Jag godkänner/ }).check();

    await first.getByRole('button', { name: 'Lähetä tarjouspyyntö' }).click();
    await second.getByRole('button', { name: 'Skicka offertförfrågan' }).click();
    await expect.poll(() => first.getByRole('heading', { name: 'Kiitos, pyyntösi on lähetetty!' }).isVisible()).toBe(true);
    await expect.poll(() => second.getByRole('heading', { name: 'Tack, din förfrågan har skickats!' }).isVisible()).toBe(true);

    const { rows } = await api.db.execute({
      sql: 'SELECT category_id, locale FROM requests WHERE partner_id = ? ORDER BY category_id',
      args: [partner.id],
    });
    expect(rows.map((r) => [r.category_id, r.locale])).toEqual([
      ['bathroom', 'fi'],
      ['kitchen', 'sv'],
    ]);
    const appDownloads = await page.evaluate(
      () => performance.getEntriesByType('resource').filter((e) => /\/widget-app-[^/]+\.js$/.test(e.name)).length,
    );
    expect(appDownloads).toBe(1);
    expect(await trouble()).toMatchObject({ violations: [], consoleErrors: [], pageErrors: [] });
  });

  test('keyboard only: Tab, arrows, typing and Enter complete the form', async () => {
    const { partner } = await open();
    const widget = page.locator('linkki-request');
    await expect.poll(() => widget.getByLabel('Työn laji').isVisible()).toBe(true);

    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('input#customerType');
    await page.keyboard.press('ArrowRight'); // yritys
    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('select#category');
    await page.keyboard.press('ArrowDown'); // Kylpyhuone
    await page.keyboard.press('Tab');
    await page.keyboard.type('Vesikaton uusiminen, peltikatto noin 120 m².');
    await page.keyboard.press('Tab');
    await page.keyboard.type('00100');
    await expect.poll(() => widget.getByLabel('Postitoimipaikka').inputValue()).toBe('Helsinki');
    await page.keyboard.press('Tab'); // town
    await page.keyboard.press('Tab'); // region
    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('input#email');
    await page.keyboard.type('yritys@example.fi');
    await page.keyboard.press('Tab'); // phone
    // The optional section (widget/more.tsx) came with the first keystroke: a first name, then the
    // questions for every category and the bathroom's own, all in the tab order.
    await widget.getByLabel('Etunimi').waitFor();
    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('input#firstName');
    await page.keyboard.type('Maija');
    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('select#q-timing');
    await page.keyboard.press('ArrowDown'); // Mahdollisimman pian
    const stops: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      stops.push(await focusedInWidget(page));
    }
    expect(stops).toEqual(['select#q-propertyType', 'input#q-size', 'select#q-budget', 'input#q-floorArea', 'select#q-waterproofingAge']);
    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('input#consent');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // privacy notice link
    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toMatch(/^button#/);
    await page.keyboard.press('Enter');

    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    const { rows } = await api.db.execute({
      sql: 'SELECT customer_type, category_id, answers FROM requests WHERE partner_id = ?',
      args: [partner.id],
    });
    expect(rows.map((r) => [r.customer_type, r.category_id, r.answers])).toEqual([['company', 'bathroom', '{"timing":"asap"}']]);
  });
});
