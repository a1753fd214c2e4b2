// Security review (issue 10), accounts: invite and reset links check the token, then count the
// attempt per source, then hash; passwords of at least 10 characters that are not common
// (SPEC "Contract additions (December 2026)": → 422 weak_password).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../../api/domain/context.ts';
import { loginThrottle } from '../../api/config.ts';
import { ensureAdmin } from '../../api/domain/bootstrap.ts';
import { createUser } from '../../api/domain/users.ts';
import { contractor, createCompany, testPassword } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { earlyInWindow, now } from '../support/clock.ts';

let server: TestServer;
let n = 0;

beforeAll(async () => {
  server = await startServer({ config: { clientIpHeader: 'x-real-ip' } });
});
afterAll(() => server.close());

async function invited(local = `kutsuttu${++n}`) {
  const email = `${local}@yritys-${now().toString(36)}-${++n}.example`;
  const created = await createUser({
    ctx: server.deps,
    actor: systemActor('test'),
    companyId: await createCompany(server),
    input: { name: 'Kutsuttu', email, role: 'member', locale: 'fi' },
  });
  return { email, token: created.inviteToken };
}

function accept(token: string, password: string, from: string) {
  return fetch(`${server.url}/v1/auth/invite/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-real-ip': from },
    body: JSON.stringify({ password }),
  });
}

const login = (email: string, password: string, from = '192.0.2.200') =>
  fetch(`${server.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-real-ip': from },
    body: JSON.stringify({ email, password }),
  });

describe('issue 10: invite and reset links check the token first, then count per source before the hash', () => {
  test('40 concurrent password sets from one source (40 valid links): at most the limit reach the hash, the rest 429', async () => {
    earlyInWindow(loginThrottle.windowSeconds);
    const links = await Promise.all(Array.from({ length: 40 }, () => invited()));
    const statuses = (await Promise.all(links.map((l, i) => accept(l.token, `rinnakkainen-${i}-tunnus`, '203.0.113.50')))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 204).length).toBeLessThanOrEqual(loginThrottle.passwordSets);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - loginThrottle.passwordSets);
    expect(statuses.every((s) => s === 204 || s === 429)).toBe(true);
  });

  test('a double submit of one link sets one password: only the accepted one signs in', async () => {
    const { email, token } = await invited();
    const passwords = Array.from({ length: 6 }, (_, i) => `kaksoislahetys-${i}-tunnus`);
    const statuses = (await Promise.all(passwords.map((p) => accept(token, p, '203.0.113.52')))).map((r) => r.status);
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 204).every((s) => s === 404)).toBe(true);
    for (const [i, p] of passwords.entries())
      expect((await login(email, p, `192.0.2.${i + 1}`)).status, p).toBe(statuses[i] === 204 ? 200 : 401);
  });

  test('an unknown link answers 404 invite_invalid before anything else, even with a weak password, and costs no hash budget', async () => {
    const from = '203.0.113.51';
    const tries = 15;
    expect(loginThrottle.passwordSets).toBeLessThan(tries);
    for (let i = 0; i < tries; i++) {
      const res = await accept(`ei-ole-${i}-${'x'.repeat(40)}`, 'lyhyt', from);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'invite_invalid' });
    }
    const { token } = await invited();
    expect((await accept(token, 'oikea-vahva-tunnus-1', from)).status).toBe(204);
  });
});

describe('issue 10: weak passwords → 422 weak_password', () => {
  test.each([
    ['shorter than 10 characters', 'Lyhyt-1'],
    ['common: password12', 'password12'],
    ['common, whatever the case: Password12', 'Password12'],
    ['common: qwertyuiop', 'qwertyuiop'],
    ['one character repeated', 'aaaaaaaaaa'],
    ['two characters repeated', 'abababababab'],
    // Found by a user check in Chromium: the English list alone let these through.
    ['a common Finnish word and digits: salasana123', 'salasana123'],
    ['a common Finnish word and digits, capitalised: Salasana1234!', 'Salasana1234!'],
    ['a common Finnish word and a year: Kiitos2026!', 'Kiitos2026!'],
    ['"password" in Swedish and digits: lösenord123', 'lösenord123'],
    ["the service's own name and digits: Linkki12345", 'Linkki12345'],
  ])('an invite refuses a password %s; the link stays open for a strong one', async (_, weak) => {
    const { email, token } = await invited();
    const res = await accept(token, weak, `198.51.100.${++n}`);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'weak_password', issues: [{ path: 'password', code: 'weak_password' }] });
    expect((await accept(token, 'vahva-uusi-tunnus-7', `198.51.100.${++n}`)).status).toBe(204);
    expect((await login(email, 'vahva-uusi-tunnus-7')).status).toBe(200);
  });

  test("an invite refuses a password that contains the email's local part", async () => {
    const { token } = await invited('maija.mallikas');
    const res = await accept(token, 'Maija.Mallikas-2026', '198.51.100.90');
    expect(res.status).toBe(422);
    expect((await res.json()).error).toBe('weak_password');
  });

  test('PATCH /v1/me refuses a common new password and keeps the old one', async () => {
    const me = await contractor(server);
    const res = await me.json('PATCH', '/v1/me', { body: { password: 'password12', currentPassword: testPassword } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: 'weak_password', issues: [{ path: 'password', code: 'weak_password' }] });
    expect((await login(me.email, testPassword)).status).toBe(200);
    expect((await me.json('PATCH', '/v1/me', { body: { password: 'aivan-uusi-tunnus-3', currentPassword: testPassword } })).status).toBe(
      200,
    );
  });

  test('ADMIN_PASSWORD: a weak one stops the start with a clear message, and no admin is made', async () => {
    const fresh = await startServer();
    try {
      await expect(ensureAdmin(fresh.deps, 'yllapito@linkki.test', 'password12')).rejects.toThrow(/ADMIN_PASSWORD.*weak/);
      await expect(ensureAdmin(fresh.deps, 'yllapito@linkki.test', 'aaaaaaaaaa')).rejects.toThrow(/ADMIN_PASSWORD/);
      const admins = await fresh.db.execute("SELECT count(*) AS n FROM users WHERE role = 'admin'");
      expect(Number(admins.rows[0]!.n)).toBe(0);
      expect(await ensureAdmin(fresh.deps, 'yllapito@linkki.test', 'vahva-hallintatunnus-9')).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});
