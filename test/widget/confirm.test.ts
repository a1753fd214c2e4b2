// Issue 13, confirmed contacts, in the widget's thank-you view: a customer who gave only a phone
// types the code the SMS brought (read here from the Node server's development outbox after the
// sender ran); one who gave an e-mail is told to click the mail's link; with
// REQUIRE_CONFIRMED_CONTACT the view says the request waits for it and is deleted unconfirmed.
// The view is a chunk loaded once the visitor types (widget/done.tsx), under the strict CSP.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { DevSms } from '../../api/adapters/sms.ts';
import { confirmation } from '../../api/config.ts';
import { now } from '../support/clock.ts';
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
let held: TestServer;
let site: PartnerSite;
let page: Page;

beforeAll(async () => {
  [browser, api, held, site] = await Promise.all([
    launchBrowser(),
    startServer(),
    startServer({ config: { requireConfirmedContact: true } }),
    startPartnerSite(),
  ]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), api?.close(), held?.close(), site?.close()]);
});
afterEach(async () => {
  await page?.context().close();
});

let numbers = 0;
/** A mobile number no other test here texts to, as typed and as the SMS adapter writes it. */
function freshPhone() {
  const n = String((now() + ++numbers) % 10_000_000).padStart(7, '0');
  return { typed: `040 ${n}`, e164: `+35840${n}` };
}

async function open(server = api, opts: { lang?: string; bypassCSP?: boolean } = {}) {
  const opened = await openPartnerPage(browser, server, site, [{ lang: opts.lang }], { bypassCSP: opts.bypassCSP });
  page = opened.page;
  return { ...opened, widget: page.locator('linkki-request') };
}

/** Fills the form in Finnish with a phone, an e-mail or both, sends it, and waits for the thank-you view. */
async function send(widget: Locator, contact: { phone?: string; email?: string }) {
  await widget.getByLabel('Työn laji').selectOption('kitchen');
  await widget.getByLabel('Kuvaus työstä').fill('Keittiön kaapistot ja työtaso uusiksi.');
  await widget.getByLabel('Työkohteen postinumero').fill('00100');
  if (contact.email) await widget.getByLabel('Sähköposti').fill(contact.email);
  if (contact.phone) await widget.getByLabel('Puhelin').fill(contact.phone);
  await widget.getByRole('checkbox', { name: /Hyväksyn/ }).check();
  await widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' }).click();
  await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
}

/** The codes texted to a number, newest first: the sender runs first, as the scheduled jobs would. */
async function codesTo(server: TestServer, e164: string): Promise<string[]> {
  await server.runScheduled(new Date(now() + 1000));
  return (server.deps.sms as DevSms)
    .messages()
    .filter((m) => m.to === e164)
    .map((m) => /vahvistuskoodisi on (\d+) /.exec(m.text)![1]!);
}

/** A code of the right length that is not `code`. */
const otherThan = (code: string) => String((Number(code) + 1) % 10 ** confirmation.codeDigits).padStart(confirmation.codeDigits, '0');

async function confirmedRow(server: TestServer, partnerId: string) {
  const { rows } = await server.db.execute({
    sql: 'SELECT status, confirmed_at, confirmed_via FROM requests WHERE partner_id = ?',
    args: [partnerId],
  });
  return rows;
}

/** The sentence a control points to with aria-describedby as its error, or ''. */
const errorOf = (control: Locator) =>
  control.evaluate((el) => {
    const root = el.getRootNode() as ShadowRoot;
    const id = (el.getAttribute('aria-describedby') ?? '').split(' ').find((x) => x.endsWith('-e'));
    return id ? (root.getElementById(id)?.textContent ?? '') : '';
  });

/** The view's own status region (the form's stays empty once the request is sent). */
const said = (widget: Locator) => widget.locator('section [role=status]').textContent();

/** Console errors but Chromium's own line for an answer it counts as failed (the 422 of a wrong code). */
const realErrors = (errors: string[]) => errors.filter((e) => !/status of 4\d\d/.test(e));

describe('a customer who gave only a phone', () => {
  test('sees the code form: labelled, numeric, one-time-code, at most 6 digits, with the numbers of config.ts', async () => {
    const { widget, trouble } = await open();
    await send(widget, { phone: freshPhone().typed });
    const input = widget.getByLabel('Tekstiviestillä saamasi vahvistuskoodi');
    expect(
      await input.evaluate((el) => [el.getAttribute('inputmode'), el.getAttribute('autocomplete'), el.getAttribute('maxlength')]),
    ).toEqual(['numeric', 'one-time-code', String(confirmation.codeDigits)]);
    const hint = await input.evaluate(
      (el) => (el.getRootNode() as ShadowRoot).getElementById(el.getAttribute('aria-describedby')!)!.textContent,
    );
    expect(hint).toBe(
      `Lähetimme puhelimeesi ${confirmation.codeDigits}-numeroisen koodin. Se on voimassa ${confirmation.codeMinutes} minuuttia, ja voit kokeilla sitä enintään ${confirmation.codeAttempts} kertaa.`,
    );
    expect(await widget.getByRole('button', { name: 'Vahvista' }).isVisible()).toBe(true);
    expect(await widget.getByRole('button', { name: 'Lähetä uusi koodi' }).isVisible()).toBe(true);
    expect(await widget.getByText(`Uusia koodeja jäljellä: ${confirmation.codeSends - 1}.`).isVisible()).toBe(true);
    // Listed at once (no REQUIRE_CONFIRMED_CONTACT): no hold sentence, no mail hint.
    expect(await widget.getByText(/poistetaan|vahvistusviestin/).count()).toBe(0);
    expect(await widget.getByRole('link', { name: /\/manage#/ }).isVisible()).toBe(true);
    expect(await trouble()).toMatchObject({ violations: [], consoleErrors: [], pageErrors: [] });
  });

  test('a wrong code is marked on the field, focused and announced, with the tries left; nothing is confirmed', async () => {
    const phone = freshPhone();
    const { widget, partner } = await open();
    await send(widget, { phone: phone.typed });
    const [code] = await codesTo(api, phone.e164);
    const input = widget.getByLabel('Tekstiviestillä saamasi vahvistuskoodi');
    await input.fill(otherThan(code!));
    await widget.getByRole('button', { name: 'Vahvista' }).click();

    const message = `Koodi ei ole oikein. Voit yrittää vielä ${confirmation.codeAttempts - 1} kertaa.`;
    await expect.poll(() => errorOf(input)).toBe(message);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedInWidget(page)).toBe('input#code');
    // Said aloud even when focus was on the field already; the view's status region stays for other news.
    expect(await widget.locator('#code-e').getAttribute('aria-live')).toBe('polite');
    expect(await said(widget)).toBe('');
    expect(await confirmedRow(api, partner.id)).toEqual([expect.objectContaining({ confirmed_at: null, confirmed_via: null })]);

    // Typing again takes the mark away; a code of the wrong length is the API's `invalid_code`.
    await input.fill('12');
    expect(await input.getAttribute('aria-invalid')).toBeNull();
    await input.press('Enter');
    await expect.poll(() => errorOf(input)).toBe(`Kirjoita koodin ${confirmation.codeDigits} numeroa.`);
  });

  test('the code from the SMS confirms the phone: the view says so, and the row has confirmed_at and confirmed_via sms', async () => {
    const phone = freshPhone();
    const { widget, partner, trouble } = await open();
    await send(widget, { phone: phone.typed });
    const [code] = await codesTo(api, phone.e164);
    await widget.getByLabel('Tekstiviestillä saamasi vahvistuskoodi').fill(code!);
    const before = now();
    await widget.getByRole('button', { name: 'Vahvista' }).click();

    await expect.poll(() => focusedInWidget(page)).toBe('p#ok');
    expect(await widget.locator('#ok').textContent()).toBe('Puhelinnumerosi on vahvistettu.');
    expect(await widget.getByLabel('Tekstiviestillä saamasi vahvistuskoodi').count()).toBe(0);
    const [row] = await confirmedRow(api, partner.id);
    expect(row).toMatchObject({ status: 'open', confirmed_via: 'sms' });
    expect(Number(row!.confirmed_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Number(row!.confirmed_at)).toBeLessThanOrEqual(now());
    expect(await trouble()).toMatchObject({ violations: [], consoleErrors: [], pageErrors: [] });
  });

  test('"send a new code" texts another, the earlier one stops working, and the count runs out to none', async () => {
    const phone = freshPhone();
    const { widget, partner, trouble } = await open();
    await send(widget, { phone: phone.typed });
    const [first] = await codesTo(api, phone.e164);
    const resend = widget.getByRole('button', { name: 'Lähetä uusi koodi' });

    await resend.click();
    await expect.poll(() => said(widget)).toBe('Uusi koodi on lähetetty. Aiempi koodi ei enää toimi.');
    expect(await widget.getByText(`Uusia koodeja jäljellä: ${confirmation.codeSends - 2}.`).isVisible()).toBe(true);
    const codes = await codesTo(api, phone.e164);
    expect(codes).toHaveLength(2);
    expect(codes[1]).toBe(first);

    // The earlier code no longer confirms; the new one does.
    const input = widget.getByLabel('Tekstiviestillä saamasi vahvistuskoodi');
    await input.fill(first === codes[0] ? otherThan(first!) : first!);
    await widget.getByRole('button', { name: 'Vahvista' }).click();
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    expect(await confirmedRow(api, partner.id)).toEqual([expect.objectContaining({ confirmed_at: null })]);

    // The last code this request may get: the button goes, focus stays in the view, and it says none are left.
    await resend.click();
    await expect.poll(() => widget.getByText('Uusia koodeja ei voi enää pyytää.').isVisible()).toBe(true);
    expect(await resend.count()).toBe(0);
    expect(await focusedInWidget(page)).toBe('input#code');
    expect(await codesTo(api, phone.e164)).toHaveLength(confirmation.codeSends);

    const [latest] = await codesTo(api, phone.e164);
    await input.fill(latest!);
    await input.press('Enter');
    await expect.poll(() => focusedInWidget(page)).toBe('p#ok');
    expect(await confirmedRow(api, partner.id)).toEqual([expect.objectContaining({ confirmed_via: 'sms' })]);
    const seen = await trouble();
    expect([seen.violations, seen.pageErrors, realErrors(seen.consoleErrors)]).toEqual([[], [], []]);
  });

  test('at 360 px the code form fits without horizontal scrolling, in the widest language', async () => {
    const { widget } = await open();
    await page.setViewportSize({ width: 360, height: 740 });
    await send(widget, { phone: freshPhone().typed });
    await page.evaluate(() => document.querySelector('linkki-request')!.setAttribute('lang', 'sv'));
    await widget.getByLabel('Bekräftelsekoden du fick per sms').waitFor();
    const fit = await page.evaluate(() => {
      const root = document.querySelector('linkki-request')!.shadowRoot!;
      const overflowing = [...root.querySelectorAll('form *, form')].filter((el) => el.getBoundingClientRect().right > innerWidth);
      return {
        page: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
        overflowing: overflowing.map((el) => el.tagName),
        buttons: [...root.querySelectorAll('form button')].length,
      };
    });
    expect(fit).toEqual({ page: true, overflowing: [], buttons: 2 });
  });
});

describe('the other ways', () => {
  test('an e-mail: the view says to click the link in the confirmation mail, and shows no code form', async () => {
    const { widget, trouble } = await open();
    await send(widget, { email: 'keittio@example.fi', phone: freshPhone().typed });
    expect(
      await widget
        .getByText('Lähetimme sinulle vahvistusviestin. Vahvista sähköpostiosoitteesi avaamalla viestissä oleva linkki.')
        .isVisible(),
    ).toBe(true);
    expect(await widget.locator('input').count()).toBe(0);
    expect(await widget.getByText(/poistetaan/).count()).toBe(0);
    expect(await trouble()).toMatchObject({ violations: [], consoleErrors: [], pageErrors: [] });
  });

  test('REQUIRE_CONFIRMED_CONTACT: the view says the request waits for confirmation and is deleted after 48 h; the code lists it', async () => {
    const phone = freshPhone();
    const { widget, partner } = await open(held);
    await send(widget, { phone: phone.typed });
    const hold = `Pyyntö näytetään yrityksille vasta, kun yhteystietosi on vahvistettu. Vahvistamaton pyyntö poistetaan ${confirmation.holdHours} tunnin kuluttua.`;
    expect(await widget.getByText(hold).isVisible()).toBe(true);
    expect(await confirmedRow(held, partner.id)).toEqual([expect.objectContaining({ status: 'unconfirmed' })]);

    const [code] = await codesTo(held, phone.e164);
    await widget.getByLabel('Tekstiviestillä saamasi vahvistuskoodi').fill(code!);
    await widget.getByRole('button', { name: 'Vahvista' }).click();
    await expect.poll(() => focusedInWidget(page)).toBe('p#ok');
    // Listed now: the hold sentence is gone with the reason for it.
    expect(await widget.getByText(hold).count()).toBe(0);
    expect(await confirmedRow(held, partner.id)).toEqual([expect.objectContaining({ status: 'open', confirmed_via: 'sms' })]);
  });

  test('REQUIRE_CONFIRMED_CONTACT with an e-mail, in English: the hold sentence and the mail hint', async () => {
    const { widget } = await open(held, { lang: 'en' });
    await widget.getByLabel('Type of work').selectOption('sauna');
    await widget.getByLabel('Description of the work').fill('A new sauna stove and benches.');
    await widget.getByLabel('Postal code of the site').fill('00100');
    await widget.getByLabel('Email').fill('sauna@example.fi');
    await widget.getByRole('checkbox', { name: /I agree/ }).check();
    await widget.getByRole('button', { name: 'Send quote request' }).click();
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    expect(await widget.locator('section').textContent()).toContain(
      `Companies see the request only once your contact details are confirmed. An unconfirmed request is deleted after ${confirmation.holdHours} hours.` +
        'We have sent you a confirmation email. Confirm your email address by opening the link in it.',
    );
  });
});

describe('the chunk', () => {
  test('is not fetched before the visitor types; a send whose chunk did not arrive is sent again as the same request', async () => {
    const { widget, partner } = await open();
    const fetched: string[] = [];
    page.on('request', (r) => /\/widget-done/.test(r.url()) && fetched.push(new URL(r.url()).pathname));
    await widget.getByLabel('Työn laji').waitFor();
    expect(fetched).toEqual([]);

    let blocked = 0;
    await page.route(/\/widget-done-[\w-]+\.js$/, (route) => (blocked++ < 2 ? route.abort('connectionreset') : route.continue()));
    await widget.getByLabel('Työn laji').selectOption('kitchen');
    await expect.poll(() => blocked).toBe(1);
    await widget.getByLabel('Kuvaus työstä').fill('Keittiön kaapistot ja työtaso uusiksi.');
    await widget.getByLabel('Työkohteen postinumero').fill('00100');
    await widget.getByLabel('Puhelin').fill(freshPhone().typed);
    await widget.getByRole('checkbox', { name: /Hyväksyn/ }).check();
    const sendButton = widget.getByRole('button', { name: 'Lähetä tarjouspyyntö' });
    await sendButton.click();
    await expect.poll(() => widget.getByRole('status').textContent()).toBe('Yhteys katkesi. Tiedot ovat tallessa, lähetä uudelleen.');
    expect(blocked).toBe(2);
    expect(await countRequests(api.db, partner.id)).toBe(1);

    await sendButton.click();
    await expect.poll(() => focusedInWidget(page)).toBe('h2#done');
    expect(await widget.getByLabel('Tekstiviestillä saamasi vahvistuskoodi').isVisible()).toBe(true);
    expect(await countRequests(api.db, partner.id)).toBe(1);
  });
});

describe('axe-core inside the shadow root', () => {
  test.each(['fi', 'sv', 'en'])('the code form, then its error, then the confirmation (%s after a switch)', async (lang) => {
    const phone = freshPhone();
    const { widget } = await open(api, { bypassCSP: true });
    await send(widget, { phone: phone.typed });
    await page.evaluate((l) => document.querySelector('linkki-request')!.setAttribute('lang', l), lang);
    const input = widget.locator('#code');
    const label = {
      fi: 'Tekstiviestillä saamasi vahvistuskoodi',
      sv: 'Bekräftelsekoden du fick per sms',
      en: 'The confirmation code we texted you',
    }[lang]!;
    await widget.getByLabel(label).waitFor();
    const clean = await axeWidget(page);
    expect(clean.violations).toEqual([]);
    expect(clean.shadowNodesChecked).toBeGreaterThan(10);

    const [code] = await codesTo(api, phone.e164);
    await input.fill(otherThan(code!));
    await input.press('Enter');
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    expect((await axeWidget(page)).violations).toEqual([]);

    await input.fill(code!);
    await input.press('Enter');
    await expect.poll(() => focusedInWidget(page)).toBe('p#ok');
    expect((await axeWidget(page)).violations).toEqual([]);
  });

  test('every control of the code form is 16px text and at least 24px each way, with a visible focus ring', async () => {
    const { widget } = await open();
    await send(widget, { phone: freshPhone().typed });
    const sizes = await widget.evaluate((host) => {
      const controls = [...host.shadowRoot!.querySelectorAll<HTMLElement>('form input, form button')];
      return controls.map((c) => {
        const r = c.getBoundingClientRect();
        return { font: getComputedStyle(c).fontSize, small: Math.min(r.width, r.height) < 24 };
      });
    });
    expect(sizes).toEqual([
      { font: '16px', small: false },
      { font: '16px', small: false },
      { font: '16px', small: false },
    ]);
    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('input#code');
    expect(
      await widget.locator('#code').evaluate((el) => `${getComputedStyle(el).outlineStyle} ${getComputedStyle(el).outlineWidth}`),
    ).toBe('solid 3px');
  });
});
