// Sessions, throttling, roles and origins: S16 (personal logins), S27 (cookies only when logged in).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../../api/domain/context.ts';
import { loginThrottle, sessions } from '../../api/config.ts';
import { createCompany } from '../../api/domain/companies.ts';
import { createUser } from '../../api/domain/users.ts';
import { hashPassword } from '../../api/adapters/passwords.ts';
import { randomBusinessId } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { client, signIn, signInAdmin, type Client } from '../support/session.ts';
import { earlyInWindow, now } from '../support/clock.ts';

let server: TestServer;
let admin: Client;
let n = 0;

async function user(role: 'member' | 'owner', companyId?: string) {
  const company =
    companyId ??
    (
      await createCompany({
        ctx: server.deps,
        actor: systemActor('test'),
        input: { name: `Yritys ${++n}`, businessId: randomBusinessId(), regions: [], categories: [] },
      })
    ).id;
  const email = `user${++n}@yritys.fi`;
  const { id } = await createUser({
    ctx: server.deps,
    actor: systemActor('test'),
    companyId: company,
    input: { name: 'Testi', email, role, locale: 'fi' },
  });
  await server.db.execute({ sql: 'UPDATE users SET password_hash = ? WHERE id = ?', args: [await hashPassword('salasana-1234'), id] });
  return { id, email, companyId: company, session: await signIn(server, email, 'salasana-1234') };
}

beforeAll(async () => {
  server = await startServer();
  admin = await signInAdmin(server);
});
afterAll(() => server.close());

describe('login', () => {
  test('wrong email and wrong password answer alike', async () => {
    const { email } = await user('member');
    const a = await client(server).call('POST', '/v1/auth/login', { email: 'nobody@nowhere.fi', password: 'salasana-1234' });
    const b = await client(server).call('POST', '/v1/auth/login', { email, password: 'wrong-password' });
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(await a.text()).toBe(await b.text());
    expect(a.headers.get('set-cookie')).toBeNull();
  });

  test(`${loginThrottle.failures} failures → 429 with Retry-After, even for the right password; the window ends`, async () => {
    earlyInWindow(loginThrottle.windowSeconds);
    const { email } = await user('member');
    for (let i = 0; i < loginThrottle.failures; i++) {
      expect((await client(server).call('POST', '/v1/auth/login', { email, password: `guess-${i}-xxxx` })).status).toBe(401);
    }
    const blocked = await client(server).call('POST', '/v1/auth/login', { email, password: 'salasana-1234' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(loginThrottle.windowSeconds);
    // Nobody is locked out for good: once the window has passed (moved back here), login works.
    await server.db.execute({
      sql: 'UPDATE login_failures SET window_start = window_start - ?',
      args: [loginThrottle.windowSeconds * 1000],
    });
    expect((await client(server).call('POST', '/v1/auth/login', { email, password: 'salasana-1234' })).status).toBe(200);
  });

  test('a login rotates the session: the cookie from before stops working', async () => {
    const u = await user('member');
    const before = u.session.cookie!;
    const res = await u.session.call('POST', '/v1/auth/login', { email: u.email, password: 'salasana-1234' });
    expect(res.status).toBe(200);
    expect(u.session.cookie).not.toBe(before);
    expect((await fetch(`${server.url}/v1/me`, { headers: { cookie: before } })).status).toBe(401);
  });

  test('malformed login → 400/422, never 500', async () => {
    expect((await client(server).call('POST', '/v1/auth/login', undefined, { 'content-type': 'application/json' })).status).toBe(400);
    expect((await client(server).json('POST', '/v1/auth/login', { email: 'a@b.fi' })).status).toBe(422);
  });
});

describe('sessions expire', () => {
  // /v1/leads and /v1/leads/:id read the session in the same round trip as the list (issue 12):
  // the session is judged from its own row before any row of the list is used.
  const signedInPaths = ['/v1/me', '/v1/leads', `/v1/leads/${crypto.randomUUID()}`];

  test.each(signedInPaths)(`idle for more than ${sessions.idleMinutes} minutes → 401, and the session is gone: %s`, async (path) => {
    const u = await user('member');
    expect((await u.session.json('GET', path)).status).not.toBe(401);
    await server.db.execute({
      sql: 'UPDATE sessions SET last_seen_at = ? WHERE user_id = ?',
      args: [now() - (sessions.idleMinutes + 1) * 60_000, u.id],
    });
    expect((await u.session.json('GET', path)).status).toBe(401);
    expect((await server.db.execute({ sql: 'SELECT count(*) AS n FROM sessions WHERE user_id = ?', args: [u.id] })).rows[0]!.n).toBe(0);
  });

  test.each(signedInPaths)(`past the absolute ${sessions.absoluteHours} hours → 401, however active: %s`, async (path) => {
    const u = await user('member');
    await server.db.execute({ sql: 'UPDATE sessions SET expires_at = ? WHERE user_id = ?', args: [now() - 1000, u.id] });
    expect((await u.session.json('GET', path)).status).toBe(401);
  });

  test.each(signedInPaths)('a session of an inactive company → 401: %s', async (path) => {
    const u = await user('member');
    await server.db.execute({ sql: 'UPDATE companies SET active = 0 WHERE id = ?', args: [u.companyId] });
    expect((await u.session.json('GET', path)).status).toBe(401);
  });
});

describe('roles: member < owner < admin, checked on the server', () => {
  test('no session → 401 everywhere signed-in', async () => {
    for (const path of ['/v1/me', '/v1/admin/companies', '/v1/company/users', '/v1/leads', `/v1/leads/${crypto.randomUUID()}`]) {
      expect((await client(server).json('GET', path)).status, path).toBe(401);
    }
  });

  test('a member calling owner and admin routes → 403', async () => {
    const m = await user('member');
    expect((await m.session.json('GET', '/v1/company/users')).status).toBe(403);
    expect((await m.session.json('GET', '/v1/admin/companies')).status).toBe(403);
    expect((await m.session.json('POST', '/v1/admin/companies', { name: 'X', businessId: '0737546-2' })).status).toBe(403);
  });

  test("an owner cannot reach another company's users: 404 or 403, never data", async () => {
    const a = await user('owner');
    const b = await user('member');
    const del = await a.session.json('DELETE', `/v1/company/users/${b.id}`);
    expect(del.status).toBe(404);
    expect((await b.session.json('GET', '/v1/me')).status).toBe(200);
    const list = await a.session.json('GET', `/v1/admin/companies/${b.companyId}/users`);
    expect(list.status).toBe(403);
    expect(JSON.stringify(list.body)).not.toContain(b.email);
  });

  test('an owner cannot make staff: role admin is refused', async () => {
    const a = await user('owner');
    const res = await a.session.json('POST', '/v1/company/users', { name: 'Staff', email: 'staff@x.fi', role: 'admin' });
    expect(res).toMatchObject({ status: 422, body: { issues: [{ path: 'role' }] } });
  });
});

describe('a mutation from a foreign Origin → 403 before anything runs', () => {
  test('Origin of another site', async () => {
    const evil = client(server, 'https://evil.example');
    evil.cookie = admin.cookie;
    const res = await evil.json('POST', '/v1/admin/companies', { name: 'CSRF Oy', businessId: '2617416-4' });
    expect(res).toMatchObject({ status: 403, body: { error: 'cross_origin' } });
    const rows = await server.db.execute("SELECT count(*) AS n FROM companies WHERE name = 'CSRF Oy'");
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });

  test('no Origin but Sec-Fetch-Site: cross-site', async () => {
    const res = await fetch(`${server.url}/v1/auth/logout`, {
      method: 'POST',
      headers: { cookie: admin.cookie!, 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(403);
    expect((await admin.json('GET', '/v1/me')).status).toBe(200);
  });
});
