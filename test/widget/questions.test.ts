// Issue 13 part 4, "richer requests", in the widget: an optional section after the contact details
// with a first name and the chosen category's questions (GET /v1/widget/config gives them in the
// visitor's language). It is a chunk loaded once the visitor types (widget/more.tsx), under the
// partner's strict CSP. Answers travel as `answers` (numbers as integers, only what was answered)
// and the first name as `firstName`; both land in the database, the name encrypted with the contacts.
import type { Browser, Locator, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { uniqueContact } from '../support/intake.ts';
import { startServer, type TestServer } from '../support/server.ts';
import {
  axeWidget,
  countRequests,
  focusedInWidget,
  launchBrowser,
  openPartnerPage,
  startPartnerSite,
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

const legends = {
  fi: 'Lisätietoja yrityksille (vapaaehtoinen)',
  sv: 'Mer information för företagen (frivilligt)',
  en: 'More for the companies (optional)',
};
const common = ['Aikataulu', 'Kohde', 'Kohteen koko (m²)', 'Budjetti'];

type Sent = { body: Record<string, unknown>; key: string };

/** The partner page under the strict CSP; `sent` collects every POST /v1/requests the widget makes. */
async function open(opts: { lang?: 'fi' | 'sv' | 'en'; bypassCSP?: boolean; beforeLoad?: (p: Page) => Promise<unknown> } = {}) {
  const fetched: string[] = [];
  const sent: Sent[] = [];
  const opened = await openPartnerPage(browser, api, site, [{ lang: opts.lang }], {
    bypassCSP: opts.bypassCSP,
    beforeLoad: async (p) => {
      p.on('request', (r: Request) => {
        fetched.push(new URL(r.url()).pathname);
        if (r.method() === 'POST' && r.url().endsWith('/v1/requests')) {
          sent.push({ body: r.postDataJSON(), key: r.headers()['idempotency-key'] ?? '' });
        }
      });
      await opts.beforeLoad?.(p);
    },
  });
  page = opened.page;
  const widget = page.locator('linkki-request');
  return { ...opened, widget, fetched, sent, section: widget.getByRole('group', { name: legends[opts.lang ?? 'fi'] }) };
}

/** The required fields, in Finnish; the first of them brings the section. */
async function fillRequired(widget: Locator, category = 'bathroom', consent = true) {
  await widget.getByLabel('Työn laji').selectOption(category);
  await widget.getByLabel('Kuvaus työstä').fill('Kylpyhuoneen täysremontti, laatat ja vedeneristys uusiksi.');
  await widget.getByLabel('Työkohteen postinumero').fill('00100');
  await widget.getByLabel('Sähköposti').fill(uniqueContact().email);
  if (consent) await widget.getByRole('checkbox', { name: /Hyväksyn/ }).check();
}

async function send(widget: Locator) {
  await widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' }).click();
}

/** The partner's stored requests, oldest first: the answers as stored, the first name decrypted. */
async function stored(partnerId: string) {
  const { rows } = await api.db.execute({
    sql: `SELECT r.id, r.answers, c.first_name_enc FROM requests r JOIN request_contacts c ON c.request_id = r.id
          WHERE r.partner_id = ? ORDER BY r.created_at, r.rowid`,
    args: [partnerId],
  });
  return Promise.all(
    rows.map(async (r) => ({
      answers: r.answers === null ? null : JSON.parse(String(r.answers)),
      firstName:
        r.first_name_enc === null ? null : await api.deps.keys.decrypt(String(r.first_name_enc), `request_contacts:${r.id}:firstName`),
      firstNameEnc: r.first_name_enc,
    })),
  );
}

/** The sentence a control points to with aria-describedby as its error, or ''. */
const errorOf = (control: Locator) =>
  control.evaluate((el) => {
    const root = el.getRootNode() as ShadowRoot;
    const id = (el.getAttribute('aria-describedby') ?? '').split(' ').find((x) => x.endsWith('-e'));
    return id ? (root.getElementById(id)?.textContent ?? '') : '';
  });

describe('the section', () => {
  test('appears once the visitor types: a first name, the questions for every category, then the bathroom its own, the kitchen not those', async () => {
    const { widget, section, fetched } = await open();
    await widget.getByLabel('Työn laji').waitFor();
    expect(await section.count()).toBe(0);
    expect(fetched.filter((p) => p.startsWith('/widget-more-'))).toEqual([]);

    await widget.getByLabel('Työn laji').selectOption('bathroom');
    await section.waitFor();
    expect(fetched.filter((p) => p.startsWith('/widget-more-'))).toHaveLength(1);
    expect(await section.locator('label').allTextContents()).toEqual([
      'Etunimi',
      ...common,
      'Kylpyhuoneen lattiapinta-ala (m²)',
      'Vedeneristyksen ikä',
    ]);
    const name = widget.getByLabel('Etunimi');
    expect(await name.evaluate((el) => [el.getAttribute('autocomplete'), el.getAttribute('maxlength')])).toEqual(['given-name', '60']);
    expect(await errorOf(name)).toBe('');
    expect(
      await name.evaluate((el) => (el.getRootNode() as ShadowRoot).getElementById(el.getAttribute('aria-describedby')!)!.textContent),
    ).toBe('Näkyy vain pyynnön ostaville yrityksille.');
    // Choices start empty ("—"), numbers are numeric inputs with the question's bounds.
    const timing = widget.getByLabel('Aikataulu');
    expect(await timing.inputValue()).toBe('');
    expect(await timing.locator('option').first().textContent()).toBe('—');
    expect(await timing.locator('option').allTextContents()).toEqual([
      '—',
      'Mahdollisimman pian',
      '3 kuukauden sisällä',
      'Myöhemmin',
      'Vasta suunnittelen',
    ]);
    const area = widget.getByLabel('Kylpyhuoneen lattiapinta-ala (m²)');
    expect(await area.evaluate((el) => ['inputmode', 'min', 'max'].map((a) => el.getAttribute(a)))).toEqual(['numeric', '1', '200']);

    await widget.getByLabel('Työn laji').selectOption('kitchen');
    await expect.poll(() => section.locator('label').allTextContents()).toEqual(['Etunimi', ...common, 'Laajuus']);
    expect(await widget.getByLabel('Kylpyhuoneen lattiapinta-ala (m²)').count()).toBe(0);
  });

  test('answers and the first name arrive with the request: only what was answered, numbers as integers, the name encrypted', async () => {
    const { widget, partner, sent, trouble } = await open();
    await fillRequired(widget);
    await widget.getByLabel('Etunimi').fill('Maija');
    await widget.getByLabel('Aikataulu').selectOption('asap');
    await widget.getByLabel('Kohteen koko (m²)').fill('1 200');
    await widget.getByLabel('Kylpyhuoneen lattiapinta-ala (m²)').fill('6');
    await widget.getByLabel('Vedeneristyksen ikä').selectOption('over_20');
    await send(widget);
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');

    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({
      firstName: 'Maija',
      answers: { timing: 'asap', size: 1200, floorArea: 6, waterproofingAge: 'over_20' },
    });
    expect(Object.keys(sent[0]!.body.answers as object)).toEqual(['timing', 'size', 'floorArea', 'waterproofingAge']);
    const [row] = await stored(partner.id);
    expect(row).toMatchObject({ answers: { timing: 'asap', size: 1200, floorArea: 6, waterproofingAge: 'over_20' }, firstName: 'Maija' });
    expect(String(row!.firstNameEnc)).not.toContain('Maija');
    expect(await trouble()).toMatchObject({ violations: [], consoleErrors: [], pageErrors: [] });
  });

  test('sending with no answers and no first name works: neither goes with the request', async () => {
    const { widget, section, partner, sent } = await open();
    await fillRequired(widget);
    await section.waitFor();
    await send(widget);
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0]!.body)).not.toContain('answers');
    expect(Object.keys(sent[0]!.body)).not.toContain('firstName');
    expect(await stored(partner.id)).toEqual([{ answers: null, firstName: null, firstNameEnc: null }]);
  });

  test('another category drops the answers to questions it does not ask, and they are not sent', async () => {
    const { widget, partner, sent } = await open();
    await fillRequired(widget);
    await widget.getByLabel('Aikataulu').selectOption('asap');
    await widget.getByLabel('Kylpyhuoneen lattiapinta-ala (m²)').fill('6');
    await widget.getByLabel('Vedeneristyksen ikä').selectOption('over_20');

    await widget.getByLabel('Työn laji').selectOption('kitchen');
    await widget.getByLabel('Laajuus').selectOption('full');
    await widget.getByLabel('Työn laji').selectOption('bathroom');
    // Back to the bathroom: its own answers are gone, the common one stays; so is the kitchen's.
    expect(await widget.getByLabel('Kylpyhuoneen lattiapinta-ala (m²)').inputValue()).toBe('');
    expect(await widget.getByLabel('Vedeneristyksen ikä').inputValue()).toBe('');
    expect(await widget.getByLabel('Aikataulu').inputValue()).toBe('asap');
    await send(widget);
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    expect(sent[0]!.body.answers).toEqual({ timing: 'asap' });
    expect((await stored(partner.id)).map((r) => r.answers)).toEqual([{ timing: 'asap' }]);
  });
});

describe('answers that do not fit', () => {
  test('a number out of range or not whole is marked on its input, in the order of the form, and focused; nothing is sent until it fits', async () => {
    const { widget, partner, sent } = await open();
    await fillRequired(widget, 'bathroom', false);
    const area = widget.getByLabel('Kylpyhuoneen lattiapinta-ala (m²)');
    await area.fill('500');
    await send(widget);

    // The section comes before the consent: its mark is the first, and takes focus.
    await expect.poll(() => focusedInWidget(page)).toBe('input#q-floorArea');
    expect(await area.getAttribute('aria-invalid')).toBe('true');
    expect(await errorOf(area)).toBe('Anna kokonaisluku väliltä 1–200.');
    expect(await widget.getByRole('status').textContent()).toBe('Tarkista merkityt kohdat (2).');
    expect(await widget.getByLabel('Kohteen koko (m²)').getAttribute('aria-invalid')).toBeNull();

    // Typing takes the mark away and the summary counts down, as for the form's fields.
    await area.fill('12,5');
    expect(await area.getAttribute('aria-invalid')).toBeNull();
    expect(await widget.getByRole('status').textContent()).toBe('Tarkista merkityt kohdat (1).');
    await widget.getByRole('checkbox', { name: /Hyväksyn/ }).check();
    expect(await widget.getByRole('status').textContent()).toBe('');
    await send(widget);
    await expect.poll(() => area.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedInWidget(page)).toBe('input#q-floorArea');
    expect(sent).toEqual([]);
    expect(await countRequests(api.db, partner.id)).toBe(0);

    await area.fill('12');
    await send(widget);
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    expect((await stored(partner.id)).map((r) => r.answers)).toEqual([{ floorArea: 12 }]);
  });

  test("the API's 422 on an answer is shown on that question's input, which gets focus; corrected, the request goes once", async () => {
    // A configuration with a value the API does not take (as after a deploy between the two):
    // the widget cannot know, the API refuses it with `answers.timing`.
    const { widget, partner, sent } = await open({
      beforeLoad: (p) =>
        p.route(/\/v1\/widget\/config\?/, async (route) => {
          const response = await route.fetch();
          const config = await response.json();
          config.questions[0].options.push({ value: 'someday', label: 'Joskus' });
          await route.fulfill({
            status: 200,
            headers: { 'access-control-allow-origin': site.origin, 'content-type': 'application/json' },
            body: JSON.stringify(config),
          });
        }),
    });
    await fillRequired(widget);
    const timing = widget.getByLabel('Aikataulu');
    await timing.selectOption('someday');
    await send(widget);

    await expect.poll(() => focusedInWidget(page)).toBe('select#q-timing');
    expect(await timing.getAttribute('aria-invalid')).toBe('true');
    expect(await errorOf(timing)).toBe('Valitse jokin vaihtoehdoista.');
    expect(await widget.getByRole('status').textContent()).toBe('Tarkista merkityt kohdat (1).');
    expect(sent).toHaveLength(1);
    expect(await countRequests(api.db, partner.id)).toBe(0);

    await timing.selectOption('asap');
    expect(await timing.getAttribute('aria-invalid')).toBeNull();
    expect(await widget.getByRole('status').textContent()).toBe('');
    await send(widget);
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    expect((await stored(partner.id)).map((r) => r.answers)).toEqual([{ timing: 'asap' }]);
  });
});

describe('the idempotency key stands for the request with its answers and first name', () => {
  /** The first send reaches the API and is stored; only its answer is lost on the way back. */
  const loseFirstAnswer = (p: Page) => {
    let lost = false;
    return p.route(`${api.url}/v1/requests`, async (route) => {
      if (route.request().method() !== 'POST' || lost) return route.continue();
      lost = true;
      await route.fetch();
      return route.abort('connectionreset');
    });
  };

  test('sent again unchanged: the same key, and the API gives back the one request it stored, answers and all', async () => {
    const { widget, partner, sent } = await open({ beforeLoad: loseFirstAnswer });
    await fillRequired(widget);
    await widget.getByLabel('Etunimi').fill('Maija');
    await widget.getByLabel('Budjetti').selectOption('5k_15k');
    await send(widget);
    await expect.poll(() => widget.getByRole('status').textContent()).toBe('Yhteys katkesi. Tiedot ovat tallessa, lähetä uudelleen.');
    await send(widget);
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    expect(sent.map((s) => s.key)).toEqual([sent[0]!.key, sent[0]!.key]);
    expect(await stored(partner.id)).toMatchObject([{ answers: { budget: '5k_15k' }, firstName: 'Maija' }]);
  });

  test('a changed first name or answer is another request: a new key, which the API takes (no idempotency_key_reused)', async () => {
    const { widget, partner, sent } = await open({ beforeLoad: loseFirstAnswer });
    await fillRequired(widget);
    await widget.getByLabel('Etunimi').fill('Maija');
    await send(widget);
    await expect.poll(() => widget.getByRole('status').textContent()).toBe('Yhteys katkesi. Tiedot ovat tallessa, lähetä uudelleen.');
    await widget.getByLabel('Etunimi').fill('Matti');
    await widget.getByLabel('Budjetti').selectOption('under_5k');
    await send(widget);
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.key).not.toBe(sent[0]!.key);
    expect(await stored(partner.id)).toMatchObject([
      { answers: null, firstName: 'Maija' },
      { answers: { budget: 'under_5k' }, firstName: 'Matti' },
    ]);
  });
});

describe('languages and layout', () => {
  test.each([
    [
      'sv',
      'Typ av arbete',
      ['Förnamn', 'Tidtabell', 'Objekt', 'Objektets storlek (m²)', 'Budget', 'Badrummets golvyta (m²)', 'Tätskiktets ålder'],
    ],
    [
      'en',
      'Type of work',
      ['First name', 'Timing', 'Property', 'Size of the property (m²)', 'Budget', 'Bathroom floor area (m²)', 'Age of the waterproofing'],
    ],
  ] as const)('in %s: the legend, the first name and the questions in the visitor language', async (lang, category, labels) => {
    const { widget, section } = await open({ lang });
    await widget.getByLabel(category).selectOption('bathroom');
    await section.waitFor();
    expect(await section.locator('label').allTextContents()).toEqual(labels);
    expect(await section.locator('#firstName-h').textContent()).toBe(
      lang === 'sv' ? 'Syns bara för företag som köper förfrågan.' : 'Shown only to companies that buy the request.',
    );
  });

  test('a language switch takes the section along, answers kept', async () => {
    const { widget, section } = await open();
    await widget.getByLabel('Työn laji').selectOption('bathroom');
    await widget.getByLabel('Etunimi').fill('Maija');
    await widget.getByLabel('Aikataulu').selectOption('later');
    await page.evaluate(() => document.querySelector('linkki-request')!.setAttribute('lang', 'sv'));
    const swedish = widget.getByRole('group', { name: legends.sv });
    await swedish.waitFor();
    await expect.poll(() => swedish.locator('label').nth(1).textContent()).toBe('Tidtabell');
    expect(await section.count()).toBe(0);
    expect(await widget.getByLabel('Förnamn').inputValue()).toBe('Maija');
    expect(await widget.getByLabel('Tidtabell').inputValue()).toBe('later');
    expect(await widget.getByLabel('Tidtabell').locator('option:checked').textContent()).toBe('Senare');
  });

  test('at 360 px the form with the section and a marked answer fits without horizontal scrolling, in the widest language', async () => {
    const { widget, section } = await open({ lang: 'sv' });
    await page.setViewportSize({ width: 360, height: 740 });
    await widget.getByLabel('Typ av arbete').selectOption('bathroom');
    await section.waitFor();
    await widget.getByLabel('Badrummets golvyta (m²)').fill('0');
    await widget.getByRole('button', { name: 'Skicka offertförfrågan' }).click();
    await expect.poll(() => widget.getByText('Ange ett heltal mellan 1 och 200.').isVisible()).toBe(true);
    const fit = await page.evaluate(() => {
      const root = document.querySelector('linkki-request')!.shadowRoot!;
      const overflowing = [...root.querySelectorAll('form, form *')].filter((el) => el.getBoundingClientRect().right > innerWidth);
      const controls = [...root.querySelectorAll<HTMLElement>('fieldset:last-of-type input, fieldset:last-of-type select')];
      return {
        page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
        overflowing: overflowing.map((el) => `${el.tagName}#${el.id}`),
        fonts: [...new Set(controls.map((c) => getComputedStyle(c).fontSize))],
        small: controls.filter((c) => c.getBoundingClientRect().height < 24 || c.getBoundingClientRect().width < 24).length,
        controls: controls.length,
      };
    });
    expect(fit).toEqual({ page: true, overflowing: [], fonts: ['16px'], small: 0, controls: 7 });
  });
});

describe('axe-core inside the shadow root', () => {
  test.each(['fi', 'sv', 'en'] as const)('the section, then a marked answer (%s)', async (lang) => {
    // axe is injected as an inline script: this context alone bypasses the page's CSP.
    const { widget, section } = await open({ lang, bypassCSP: true });
    await widget.locator('#category').selectOption('bathroom');
    await section.waitFor();
    const clean = await axeWidget(page);
    expect(clean.violations).toEqual([]);
    expect(clean.shadowNodesChecked).toBeGreaterThan(20);

    await widget.locator('#q-size').fill('0');
    await widget.locator('#q-timing').selectOption('asap');
    await widget.locator('button[type=submit]').click();
    await expect.poll(() => widget.locator('#q-size').getAttribute('aria-invalid')).toBe('true');
    expect((await axeWidget(page)).violations).toEqual([]);
  });
});
