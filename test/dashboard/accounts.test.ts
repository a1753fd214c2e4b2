// Security review (issue 10), accounts, on the dashboard's own forms (plain HTTP, as a browser
// without JavaScript posts them): a weak new password is shown beside the field in the
// reader's language; a new email ends the other sessions.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractor, testPassword } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { httpSignIn } from './harness.ts';
import { now } from '../support/clock.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('issue 10: weak passwords on the account page', () => {
  test.each([
    ['fi', 'Salasana on liian helppo arvata'],
    ['sv', 'Lösenordet är för lätt att gissa'],
    ['en', 'This password is too easy to guess'],
  ] as const)('%s: a common new password is refused beside the field, and the old one still works', async (locale, message) => {
    const me = await contractor(server, { locale });
    const s = await httpSignIn(server, me.email, testPassword);
    const res = await s.post(`/dashboard/account?lang=${locale}`, {
      name: 'Urho Urakoitsija',
      email: me.email,
      locale,
      password: 'password12',
      repeat: 'password12',
      currentPassword: testPassword,
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toMatch(/name="password"[^>]*aria-invalid="true"/);
    await httpSignIn(server, me.email, testPassword);
  });
});

describe('issue 10: a new email on the account page', () => {
  test('ends the other sessions and keeps this one', async () => {
    const me = await contractor(server);
    const s = await httpSignIn(server, me.email, testPassword);
    const other = await httpSignIn(server, me.email, testPassword);
    const newEmail = `vaihdettu-${now()}@yritys.example`;
    const res = await s.post('/dashboard/account', {
      name: 'Urho Urakoitsija',
      email: newEmail,
      locale: 'fi',
      currentPassword: testPassword,
    });
    expect(res.status).toBe(303);
    expect((await s.get('/dashboard/account')).status).toBe(200);
    expect((await other.get('/dashboard/account')).status).toBe(303);
  });
});

describe("issue 10: a deactivated company's user at the sign-in page", () => {
  test.each([
    ['fi', 'Yrityksesi käyttöoikeus Linkkiin ei ole voimassa'],
    ['sv', 'Ditt företags konto i Linkki är inte aktivt'],
  ] as const)(
    '%s: the right password is told why it does not sign in (found by a user check), and gets no session',
    async (lang, message) => {
      const me = await contractor(server);
      await server.db.execute({ sql: 'UPDATE companies SET active = 0 WHERE id = ?', args: [me.companyId] });
      const res = await fetch(`${server.url}/dashboard/login?lang=${lang}`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: new URL(server.deps.config.publicUrl).origin,
          cookie: `lang=${lang}`,
        },
        body: new URLSearchParams({ email: me.email, password: testPassword }),
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain(message);
      expect(res.headers.get('set-cookie') ?? '').not.toMatch(/session/i);
    },
  );
});
