// Issue 13, confirmed contacts, on the manage page: the confirmation mail's one-click link
// (`/manage?lang=fi#<token>.<proof>`, read here from the Node server's development outbox after
// the sender ran) confirms the e-mail before the request is shown; a link that does not confirm
// is said calmly and the page works as ever. The view says whether the contact is confirmed, a
// held request (REQUIRE_CONFIRMED_CONTACT) is "awaiting confirmation", and a phone-only request
// can be confirmed here with the SMS code too. Strict CSP, axe, keyboard, as the other manage tests.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { DevOutbox } from '../../api/adapters/mailer.ts';
import type { DevSms } from '../../api/adapters/sms.ts';
import { confirmation } from '../../api/config.ts';
import { dateStyles, formatDate } from '../../api/contract/dates.ts';
import { linkProof } from '../../api/domain/confirm-contact.ts';
import { now } from '../support/clock.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { assertBuilt, axe, customerRequest, focused, openTab, tabTo, type Tab } from './harness.ts';

let browser: Browser;
let server: TestServer;
let held: TestServer;
let tab: Tab | undefined;

beforeAll(async () => {
  assertBuilt();
  [browser, server, held] = await Promise.all([launchBrowser(), startServer(), startServer({ config: { requireConfirmedContact: true } })]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close(), held?.close()]);
});
afterEach(async () => {
  await tab?.context.close();
  tab = undefined;
});

/** The confirmation mail's one-click link to `email`: the sender runs first, as the scheduled jobs would. */
async function confirmLink(s: TestServer, email: string): Promise<string> {
  await s.runScheduled(new Date(now() + 1000));
  const mail = (s.deps.mailer as DevOutbox).messages().find((m) => m.to === email);
  const link = /https?:\/\/\S+\/manage\?lang=\w+#[\w-]+\.[0-9a-f]{32}/.exec(mail?.text ?? '');
  if (!link) throw new Error(`no confirmation link in the mail to ${email}`);
  return link[0];
}

let numbers = 0;
/** A mobile number no other test here texts to, as typed and as the SMS adapter writes it. */
function freshPhone() {
  const n = String((now() + ++numbers) % 10_000_000).padStart(7, '0');
  return { typed: `050 ${n}`, e164: `+35850${n}` };
}

/** The codes texted to a number, newest first, once the sender has run. */
async function codesTo(s: TestServer, e164: string): Promise<string[]> {
  await s.runScheduled(new Date(now() + 1000));
  return (s.deps.sms as DevSms)
    .messages()
    .filter((m) => m.to === e164)
    .map((m) => /vahvistuskoodisi on (\d+) /.exec(m.text)![1]!);
}

async function confirmedRow(s: TestServer, id: string) {
  const { rows } = await s.db.execute({
    sql: 'SELECT status, confirmed_at, confirmed_via, created_at FROM requests WHERE id = ?',
    args: [id],
  });
  return rows[0]!;
}

/** Console errors but Chromium's own line for an answer it counts as failed (the 422 of a refused link or code). */
const realErrors = (errors: string[]) => errors.filter((e) => !/status of 4\d\d/.test(e));

describe("the confirmation mail's link", () => {
  test('confirms the e-mail first, then shows the request: the banner has focus, the row has confirmed_at and via email', async () => {
    const partner = await server.createPartner();
    const req = await customerRequest(server, partner.publicKey);
    const link = await confirmLink(server, req.email);
    expect(link.startsWith(`${req.manageUrl.replace('/manage#', '/manage?lang=fi#')}.`)).toBe(true);
    tab = await openTab(browser, server);
    const { page } = tab;
    const before = now();
    await page.goto(link);

    await page.getByRole('heading', { name: 'Sähköpostiosoitteesi on vahvistettu' }).waitFor();
    await expect.poll(() => focused(page)).toBe('h2#link-h');
    await page.locator('#stored-h').waitFor();
    expect(await page.locator('.manage-facts').getByText('Yhteystieto vahvistettu').count()).toBe(1);
    const row = await confirmedRow(server, req.id);
    expect(row).toMatchObject({ status: 'open', confirmed_via: 'email' });
    expect(Number(row.confirmed_at)).toBeGreaterThanOrEqual(before - 1000);

    // The token and its proof leave the address bar, and travel only in the body of the one POST.
    expect(page.url()).toBe(`${server.url}/manage?lang=fi`);
    const proof = link.split('.').at(-1)!;
    expect(tab.urls.filter((u) => u.includes(req.manageToken) || u.includes(proof))).toEqual([]);
    expect(tab.apiCalls).toEqual([
      { call: 'POST /v1/requests/confirm', authorization: undefined },
      { call: 'GET /v1/manage?lang=fi', authorization: `Bearer ${req.manageToken}` },
    ]);
    expect(await page.content()).not.toContain(proof);
    const trouble = await tab.trouble();
    expect([trouble.violations, trouble.pageErrors, tab.consoleErrors]).toEqual([[], [], []]);
  });

  test('a proof that does not confirm: a calm refusal, nothing confirmed, and the page works as ever', async () => {
    const partner = await server.createPartner();
    const req = await customerRequest(server, partner.publicKey);
    const right = await linkProof(server.deps, req.id);
    const wrong = (right[0] === '0' ? '1' : '0') + right.slice(1);
    tab = await openTab(browser, server);
    const { page } = tab;
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname == '/v1/requests/confirm');
    await page.goto(`${req.manageUrl}.${wrong}`);
    expect((await answer).status()).toBe(422);

    await page.getByRole('heading', { name: 'Vahvistuslinkki ei kelvannut' }).waitFor();
    await expect.poll(() => focused(page)).toBe('h2#link-h');
    expect(await page.getByText('Linkki ei vahvistanut yhteystietoasi.', { exact: false }).count()).toBe(1);
    // Calm: no alarm box, no error colour; the request is there as usual.
    expect(await page.locator('.manage-problem, .manage-error').count()).toBe(0);
    await page.locator('#stored-h').waitFor();
    expect(await page.locator('.manage-facts').getByText('Ei vahvistettu').count()).toBe(1);
    expect(await confirmedRow(server, req.id)).toMatchObject({ confirmed_at: null, confirmed_via: null });

    await tabTo(page, '#town');
    await page.keyboard.type('-Vantaa');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Tallennettu.');
    const trouble = await tab.trouble();
    expect([trouble.violations, trouble.pageErrors, realErrors(tab.consoleErrors)]).toEqual([[], [], []]);
  });

  test('a held request (REQUIRE_CONFIRMED_CONTACT) awaits confirmation, with its deletion time, in three languages; the link lists it', async () => {
    const partner = await held.createPartner();
    const req = await customerRequest(held, partner.publicKey);
    const created = Number((await confirmedRow(held, req.id)).created_at);
    const deleted = created + confirmation.holdHours * 3_600_000;
    tab = await openTab(browser, held);
    const { page } = tab;
    await page.goto(req.manageUrl);

    await page.getByRole('heading', { name: 'Tila: Odottaa vahvistusta' }).waitFor();
    const text = `Pyyntö näytetään yrityksille vasta, kun yhteystietosi on vahvistettu. Vahvistamaton pyyntö poistetaan ${formatDate(deleted, 'fi', dateStyles.dateTime)}.`;
    expect(await page.getByText(text).count()).toBe(1);
    expect(await page.locator('.manage-facts').getByText('Ei vahvistettu').count()).toBe(1);
    for (const [lang, heading] of [
      ['sv', 'Status: Väntar på bekräftelse'],
      ['en', 'Status: Awaiting confirmation'],
    ]) {
      await page.locator(`button[lang=${lang}]`).click();
      await page.getByRole('heading', { name: heading }).waitFor();
    }

    const link = await confirmLink(held, req.email);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Sähköpostiosoitteesi on vahvistettu' }).waitFor();
    await page.getByRole('heading', { name: 'Tila: Avoin' }).waitFor();
    expect(await confirmedRow(held, req.id)).toMatchObject({ status: 'open', confirmed_via: 'email' });
  });
});

describe('the SMS code, for a phone-only request', () => {
  test('a wrong code is marked and focused; a new code can be asked for; the right one confirms (via sms)', async () => {
    const phone = freshPhone();
    const partner = await held.createPartner();
    const req = await customerRequest(held, partner.publicKey, { email: '', phone: phone.typed });
    const [first] = await codesTo(held, phone.e164);
    tab = await openTab(browser, held);
    const { page } = tab;
    await page.goto(req.manageUrl);
    await page.getByRole('heading', { name: 'Vahvista puhelinnumerosi' }).waitFor();

    const input = page.getByLabel('Vahvistuskoodi');
    expect(
      await input.evaluate((el) => [el.getAttribute('inputmode'), el.getAttribute('autocomplete'), el.getAttribute('maxlength')]),
    ).toEqual(['numeric', 'one-time-code', String(confirmation.codeDigits)]);
    await tabTo(page, '#code');
    await page.keyboard.type(String((Number(first) + 1) % 10 ** confirmation.codeDigits).padStart(confirmation.codeDigits, '0'));
    await page.keyboard.press('Enter');
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    expect(await focused(page)).toBe('input#code');
    expect(await input.getAttribute('aria-describedby')).toBe('code-h code-e');
    expect(await page.locator('#code-e').textContent()).toBe(
      `Koodi ei ole oikein. Voit yrittää vielä ${confirmation.codeAttempts - 1} kertaa.`,
    );

    await tabTo(page, 'button.manage-secondary');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe(`Uusi koodi on lähetetty. Uusia koodeja jäljellä: ${confirmation.codeSends - 2}.`);
    const [latest] = await codesTo(held, phone.e164);
    await input.fill(latest!);
    await input.press('Enter');

    await expect.poll(() => page.getByRole('status').textContent()).toBe('Puhelinnumerosi on vahvistettu.');
    await expect.poll(() => focused(page)).toBe('h2#state-h');
    expect(await page.getByRole('heading', { name: 'Tila: Avoin' }).count()).toBe(1);
    expect(await page.locator('#code').count()).toBe(0);
    expect(await page.locator('.manage-facts').getByText('Yhteystieto vahvistettu').count()).toBe(1);
    expect(await confirmedRow(held, req.id)).toMatchObject({ status: 'open', confirmed_via: 'sms' });
    const trouble = await tab.trouble();
    expect([trouble.violations, trouble.pageErrors, realErrors(tab.consoleErrors)]).toEqual([[], [], []]);
  });
});

describe('axe-core, zero violations', () => {
  test('the banner, the refusal, the held request with its code form and its error', async () => {
    const partner = await held.createPartner();
    const req = await customerRequest(held, partner.publicKey);
    const link = await confirmLink(held, req.email);
    tab = await openTab(browser, held, { bypassCSP: true });
    const { page } = tab;

    await page.goto(`${req.manageUrl}.${'f'.repeat(32)}`);
    await page.locator('#stored-h').waitFor();
    await page.getByRole('heading', { name: 'Vahvistuslinkki ei kelvannut' }).waitFor();
    expect((await axe(page)).violations).toEqual([]);

    await page.goto(link);
    await page.getByRole('heading', { name: 'Sähköpostiosoitteesi on vahvistettu' }).waitFor();
    await page.locator('#stored-h').waitFor();
    expect((await axe(page)).violations).toEqual([]);

    const phone = freshPhone();
    const phoneOnly = await customerRequest(held, partner.publicKey, { email: '', phone: phone.typed });
    await page.goto(phoneOnly.manageUrl);
    await page.getByLabel('Vahvistuskoodi').fill('12');
    await page.getByLabel('Vahvistuskoodi').press('Enter');
    await expect.poll(() => page.locator('#code-e').textContent()).toBe(`Kirjoita koodin ${confirmation.codeDigits} numeroa.`);
    const result = await axe(page);
    expect(result.violations).toEqual([]);
    expect(result.checked).toBeGreaterThan(20);
  });

  test('the code form: each Tab stop shows the 3px focus ring and is at least 24px', async () => {
    const partner = await held.createPartner();
    const req = await customerRequest(held, partner.publicKey, { email: '', phone: freshPhone().typed });
    tab = await openTab(browser, held);
    const { page } = tab;
    await page.goto(req.manageUrl);
    for (const selector of [
      '#code',
      'section[aria-labelledby=code-t] button[type=submit]',
      'section[aria-labelledby=code-t] .manage-secondary',
    ]) {
      await tabTo(page, selector);
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        return {
          outline: `${getComputedStyle(el).outlineStyle} ${getComputedStyle(el).outlineWidth}`,
          small: Math.min(box.width, box.height) < 24,
        };
      });
      expect(stop, selector).toEqual({ outline: 'solid 3px', small: false });
    }
  });
});
