// The dashboard's guards: customer-written text stays text, every answer carries the strict
// CSP and is never cached, roles see only their pages (S16), sign-in answers alike for a wrong
// email and a wrong password and throttles, mutations from another site are refused.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { loginThrottle } from '../../api/config.ts';
import { contractor, signUp, testPassword } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { launchBrowser } from '../widget/harness.ts';
import { customerRequest, httpSignIn, openTab, signIn, type Tab } from './harness.ts';
import { earlyInWindow, now } from '../support/clock.ts';

let browser: Browser;
let server: TestServer;
let partnerKey: string;
let tab: Tab | undefined;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  partnerKey = (await server.createPartner()).publicKey;
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.close()]);
});
afterEach(async () => {
  await tab?.context.close();
  tab = undefined;
});

test('a description with markup shows as text: no element is made from it, no script runs', async () => {
  const hostile = '<img src=x onerror=alert(1)> ja <script>alert(2)</script> kylpyhuone';
  const lead = await customerRequest(server, partnerKey, { description: hostile });
  const me = await contractor(server);
  tab = await openTab(browser, server);
  const { page } = tab;
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, me.email, testPassword);
  for (const path of ['/dashboard', `/dashboard/leads/${lead.id}`]) {
    await page.goto(path);
    await page.getByText(hostile).first().waitFor();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('main script').count()).toBe(0);
  }
  expect(dialogs).toEqual([]);
  expect((await tab.trouble()).violations).toEqual([]);
});

describe('headers on every dashboard answer', () => {
  const strict = (res: Response) => {
    const csp = res.headers.get('content-security-policy') ?? '';
    return {
      frameAncestors: csp.includes("frame-ancestors 'none'"),
      unsafeInline: csp.includes('unsafe-inline'),
      cache: res.headers.get('cache-control'),
    };
  };
  const expected = { frameAncestors: true, unsafeInline: false, cache: 'no-store' };

  test('signed out: login, redirects, 404s, the invite page', async () => {
    for (const path of [
      '/dashboard/login',
      '/dashboard/login?lang=sv',
      '/dashboard',
      '/dashboard/purchases',
      '/dashboard/no-such-page',
      '/invite/not-a-token',
    ]) {
      const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      expect(strict(res), path).toEqual(expected);
    }
  });

  test('signed in: every page, the 403 and 404 pages, a form refused', async () => {
    const lead = await customerRequest(server, partnerKey);
    const me = await contractor(server);
    const s = await httpSignIn(server, me.email, testPassword);
    for (const path of [
      '/dashboard',
      `/dashboard/leads/${lead.id}`,
      `/dashboard/leads/${lead.id}/buy`,
      '/dashboard/purchases',
      '/dashboard/account',
      '/dashboard/company',
      '/dashboard/admin',
      '/dashboard/leads/nope',
    ]) {
      const res = await s.get(path);
      expect(res.status, path).not.toBe(500);
      expect(strict(res), path).toEqual(expected);
    }
    const refused = await s.post('/dashboard/account', { name: '', email: 'not an email' });
    expect(refused.status).toBe(422);
    expect(strict(refused)).toEqual(expected);
  });
});

describe('who sees what (S16)', () => {
  test('a member gets the 403 page on the company and staff pages; an owner on the staff pages', async () => {
    const member = await httpSignIn(server, (await contractor(server)).email, testPassword);
    for (const path of [
      '/dashboard/company',
      '/dashboard/company/users/x/remove',
      '/dashboard/admin',
      '/dashboard/admin/companies',
      '/dashboard/admin/audit',
    ]) {
      const res = await member.get(path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('<h1>Ei käyttöoikeutta</h1>');
    }
    const owner = await httpSignIn(server, (await contractor(server, { role: 'owner' })).email, testPassword);
    expect((await owner.get('/dashboard/company')).status).toBe(200);
    expect((await owner.get('/dashboard/admin')).status).toBe(403);
    const forged = await member.post('/dashboard/company', { name: 'Hiipijä', email: 'hiipija@example.fi', role: 'owner', locale: 'fi' });
    expect(forged.status).toBe(403);
  });

  test('staff have no company: no leads to buy, no company page', async () => {
    const staff = await signUp(server, { companyId: null, role: 'admin' });
    const s = await httpSignIn(server, staff.email, testPassword);
    const home = await s.get('/dashboard');
    expect([home.status, home.headers.get('location')]).toEqual([303, '/dashboard/admin']);
    expect((await s.get('/dashboard/admin')).status).toBe(200);
    expect((await s.get('/dashboard/purchases')).status).toBe(403);
    expect((await s.get('/dashboard/company')).status).toBe(403);
  });

  test('signed out: to the login page, and back to the page asked for after signing in', async () => {
    const res = await fetch(`${server.url}/dashboard/purchases`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard/login?lang=fi&next=%2Fdashboard%2Fpurchases');
    const me = await contractor(server);
    tab = await openTab(browser, server);
    await tab.page.goto('/dashboard/purchases');
    await tab.page.getByLabel('Sähköposti').fill(me.email);
    await tab.page.getByLabel('Salasana').fill(testPassword);
    await tab.page.getByRole('button', { name: 'Kirjaudu' }).click();
    await tab.page.waitForURL((url) => url.pathname === '/dashboard/purchases');
  });

  test('a next= pointing off the dashboard is ignored', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example', '/v1/me']) {
      const me = await contractor(server);
      const res = await fetch(`${server.url}/dashboard/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(server.url).origin },
        body: new URLSearchParams({ email: me.email, password: testPassword, next }),
      });
      expect(res.headers.get('location'), next).toBe('/dashboard');
    }
  });
});

describe('sign-in', () => {
  test('a wrong email and a wrong password get the same answer; repeated failures wait (429)', async () => {
    earlyInWindow(loginThrottle.windowSeconds);
    const me = await contractor(server);
    const origin = new URL(server.url).origin;
    const attempt = async (email: string, password: string) => {
      const res = await fetch(`${server.url}/dashboard/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        body: new URLSearchParams({ email, password }),
      });
      const text = await res.text();
      return { status: res.status, alert: /<div class="error-summary"[^>]*>[\s\S]*?<\/div>/.exec(text)?.[0], text };
    };
    const wrongEmail = await attempt(`nobody-${now()}@example.fi`, testPassword);
    const wrongPassword = await attempt(me.email, 'not the password');
    expect(wrongEmail.status).toBe(401);
    expect(wrongPassword.status).toBe(401);
    expect(wrongEmail.alert).toBe(wrongPassword.alert);
    expect(wrongEmail.alert).toContain('Sähköposti tai salasana on väärin.');
    expect(wrongPassword.text).toContain(`value="${me.email}"`);
    expect(wrongPassword.text).not.toContain('not the password');
    for (let i = 0; i < 4; i++) await attempt(me.email, 'not the password');
    const throttled = await attempt(me.email, testPassword);
    expect(throttled.status).toBe(429);
    expect(throttled.alert).toMatch(/Yritä uudelleen \d+ minuutin kuluttua\./);
  });

  test('a form posted from another site is refused before anything runs', async () => {
    const me = await contractor(server, { role: 'owner' });
    const s = await httpSignIn(server, me.email, testPassword);
    const res = await s.post(
      '/dashboard/company',
      { name: 'X', email: 'x@example.fi', role: 'member', locale: 'fi' },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    const out = await s.post('/dashboard/logout', {}, { origin: 'null' });
    expect(out.status).toBe(403);
    expect((await s.get('/dashboard/account')).status).toBe(200);
  });

  test('signing out ends the session', async () => {
    const me = await contractor(server);
    const s = await httpSignIn(server, me.email, testPassword);
    const out = await s.post('/dashboard/logout', {});
    expect([out.status, out.headers.get('location')]).toEqual([303, '/dashboard/login?lang=fi']);
    const after = await s.get('/dashboard/account');
    expect(after.status).toBe(303);
  });
});
