// WCAG 2.2 AA on the dashboard: axe-core on each page a contractor meets (in a context that
// bypasses the CSP for axe's own script only), and what axe cannot judge: the whole login and
// purchase done with the keyboard alone, focus visible, targets of at least 24px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { contractor, randomBusinessId, testPassword, type Account } from '../support/accounts.ts';
import { confirmByLink } from '../support/confirm.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { admin, axe, customerRequest, openTab, signIn, tabTo, withAdmin, type Tab } from './harness.ts';
import { now } from '../support/clock.ts';

let browser: Browser;
let server: TestServer;
let partnerKey: string;
let tab: Tab | undefined;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  await withAdmin(server);
  partnerKey = (await server.createPartner()).publicKey;
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});
afterEach(async () => {
  await tab?.context.close();
  tab = undefined;
});

async function signedIn(
  opts: { bypassCSP?: boolean; role?: 'member' | 'owner'; locale?: 'fi' | 'en' } = {},
): Promise<{ page: Page; me: Account }> {
  const me = await contractor(server, { role: opts.role, locale: opts.locale });
  tab = await openTab(browser, server, { bypassCSP: opts.bypassCSP });
  await signIn(tab.page, me.email, testPassword);
  return { page: tab.page, me };
}

describe('axe-core finds nothing', () => {
  test('on the login page, empty and with errors, in fi and en', async () => {
    tab = await openTab(browser, server, { bypassCSP: true });
    const { page } = tab;
    for (const lang of ['fi', 'en']) {
      await page.goto(`/dashboard/login?lang=${lang}`);
      expect(await axe(page)).toEqual([]);
      await page.getByRole('button', { name: lang === 'fi' ? 'Kirjaudu' : 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      expect(await axe(page)).toEqual([]);
    }
  });

  test('on the leads list, a lead, the confirmation, the bought lead and My purchases', async () => {
    const lead = await customerRequest(server, partnerKey, { description: 'Kattoremontti <b>kiireellinen</b>, pelti.' });
    const confirmed = await (await postRequest(server.url, validRequest(partnerKey))).json();
    expect((await confirmByLink(server, confirmed)).status).toBe(200);
    const { page } = await signedIn({ bypassCSP: true, role: 'owner' });
    await page.goto('/dashboard');
    expect(await axe(page)).toEqual([]);
    // Confirmed contacts (issue 13): the mark in words, and the list with its checkbox checked.
    await page.goto('/dashboard?confirmed=true');
    await page.getByText('Vahvistettu sähköpostilla').first().waitFor();
    expect(await axe(page)).toEqual([]);
    await page.goto(`/dashboard/leads/${lead.id}`);
    expect(await axe(page)).toEqual([]);
    await page.goto(`/dashboard/leads/${lead.id}/buy`);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: /^Osta hintaan/ }).click();
    await page.getByRole('heading', { name: 'Yhteystiedot' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.goto('/dashboard/purchases');
    await page.getByRole('link', { name: lead.email }).waitFor();
    expect(await axe(page)).toEqual([]);
  });

  test('with answers (issue 13): the list filtered on them, a duplicate lead with all its answers, the bought one with a first name', async () => {
    const answers = { timing: 'asap', propertyType: 'apartment', size: 80, budget: 'over_50k', floorArea: 6, waterproofingAge: 'unknown' };
    const first = await customerRequest(server, partnerKey, { answers, locale: 'sv', firstName: 'Aino' });
    const dup = await customerRequest(server, partnerKey, { answers, email: first.email, phone: '' });
    const { page } = await signedIn({ bypassCSP: true, role: 'owner' });
    await page.goto('/dashboard?timing=asap&propertyType=apartment');
    await page.getByText('Aikataulu: Mahdollisimman pian · Kohde: Kerrostalo').first().waitFor();
    expect(await page.getByLabel('Aikataulu').inputValue()).toBe('asap');
    expect(await axe(page)).toEqual([]);
    await page.goto(`/dashboard/leads/${dup.id}`);
    await page.getByRole('link', { name: 'aiemmassa pyynnössä' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.goto(`/dashboard/leads/${first.id}/buy`);
    await page.getByRole('button', { name: /^Osta hintaan/ }).click();
    await page.getByText('Aino', { exact: true }).waitFor();
    expect(await axe(page)).toEqual([]);
  });

  test('on the account page, as it comes and with errors; on the company page', async () => {
    const { page } = await signedIn({ bypassCSP: true, role: 'owner' });
    await page.goto('/dashboard/account');
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Uusi salasana', { exact: true }).fill('uusi-salasana-123');
    await page.getByRole('button', { name: 'Tallenna' }).click();
    await page.getByRole('alert').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.goto('/dashboard/company');
    expect(await axe(page)).toEqual([]);
  });
});

describe('axe-core finds nothing on the other pages', () => {
  test('staff pages, with the invite link and the embed code shown, and a form with errors', async () => {
    tab = await openTab(browser, server, { bypassCSP: true });
    const { page } = tab;
    await signIn(page, admin.email, admin.password);
    expect(await axe(page)).toEqual([]);
    await page.goto('/dashboard/admin/companies');
    await page.getByRole('button', { name: 'Luo yritys' }).click();
    await page.getByRole('alert').waitFor();
    expect(await axe(page)).toEqual([]);
    await page.getByLabel('Yrityksen nimi').fill('Saavutettava Oy');
    await page.getByLabel('Y-tunnus').fill(randomBusinessId());
    await page.getByRole('button', { name: 'Luo yritys' }).click();
    await page.getByLabel('Nimi').fill('Saara Saavutettava');
    await page.getByLabel('Sähköposti').fill(`saara-${now()}@saavutettava.example`);
    await page.getByRole('button', { name: 'Luo kutsulinkki' }).click();
    await page.getByLabel('Kutsulinkki').waitFor();
    expect(await axe(page)).toEqual([]);
    const invite = await page.getByLabel('Kutsulinkki').inputValue();
    await page.goto('/dashboard/admin/partners');
    await page.getByLabel('Nimi').fill('Saavutettava kauppa');
    await page.getByLabel('Sallitut osoitteet').fill('https://saavutettava.example');
    await page.getByRole('button', { name: 'Luo kumppani' }).click();
    await page.getByLabel('Upotuskoodi kumppanin sivulle').waitFor();
    expect(await axe(page)).toEqual([]);
    for (const path of ['/dashboard/admin/categories', '/dashboard/admin/moderation', '/dashboard/admin/audit', '/dashboard/account']) {
      await page.goto(path);
      expect(await axe(page), path).toEqual([]);
    }
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await page.goto(invite);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tallenna salasana' }).click();
    await page.getByRole('alert').waitFor();
    expect(await axe(page)).toEqual([]);
  });

  test('the 403 and 404 pages, and the Swedish pages', async () => {
    const { page } = await signedIn({ bypassCSP: true });
    await page.goto('/dashboard/admin');
    await page.getByRole('heading', { name: 'Ei käyttöoikeutta' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await page.goto('/dashboard/leads/no-such-lead');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await page.goto('/dashboard/login?lang=sv');
    expect(await axe(page)).toEqual([]);
    const sv = await contractor(server, { locale: 'sv' });
    await signIn(page, sv.email, testPassword, 'sv');
    await page.getByRole('heading', { name: 'Offertförfrågningar', level: 1 }).waitFor();
    expect(await axe(page)).toEqual([]);
  });
});

describe('keyboard only', () => {
  test('sign in and buy a request with Tab, typing and Enter', async () => {
    const lead = await customerRequest(server, partnerKey);
    const me = await contractor(server);
    tab = await openTab(browser, server);
    const { page } = tab;
    await page.goto('/dashboard/login');

    await tabTo(page, (el) => el.name === 'email');
    await page.keyboard.type(me.email);
    await tabTo(page, (el) => el.name === 'password');
    await page.keyboard.type(testPassword);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/dashboard');

    const linkName = await page.locator(`a[href="/dashboard/leads/${lead.id}"]`).textContent();
    await tabTo(page, (el) => el.tag === 'a' && el.name === linkName, 200);
    await expectFocusRing(page);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/dashboard/leads/${lead.id}`);

    await tabTo(page, (el) => el.tag === 'a' && el.name === 'Osta');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.endsWith('/buy'));
    await tabTo(page, (el) => el.tag === 'button' && el.name.startsWith('Osta hintaan'));
    await expectFocusRing(page);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/dashboard/leads/${lead.id}`);
    await page.getByRole('link', { name: lead.email }).waitFor();
  });

  test('a refused login puts focus on the error summary, whose links lead to the fields', async () => {
    tab = await openTab(browser, server);
    const { page } = tab;
    await page.goto('/dashboard/login');
    await tabTo(page, (el) => el.tag === 'button' && el.name === 'Kirjaudu');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-email');
  });
});

describe('what axe cannot see', () => {
  test('every control and link in the navigation and forms is at least 24px high', async () => {
    await customerRequest(server, partnerKey);
    const { page } = await signedIn({ role: 'owner' });
    for (const path of ['/dashboard', '/dashboard/account', '/dashboard/company']) {
      await page.goto(path);
      const small = await page.evaluate(() =>
        [
          ...document.querySelectorAll<HTMLElement>(
            'header a, header button, main button, main input, main select, main a.button, .cards a, .subnav a',
          ),
        ]
          .map((el) => ({ el: el.outerHTML.slice(0, 80), h: el.getBoundingClientRect().height, w: el.getBoundingClientRect().width }))
          .filter((r) => r.h < 24 || r.w < 24),
      );
      expect(small, path).toEqual([]);
    }
  });
});

async function expectFocusRing(page: Page) {
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!);
    return `${s.outlineStyle} ${s.outlineWidth}`;
  });
  expect(ring).toBe('solid 3px');
}
