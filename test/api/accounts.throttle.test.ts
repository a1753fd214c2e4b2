// Security review (issue 10), accounts: sign-in throttling counted before the hash, keyed on
// account and source (ASVS 2.2.1); inactive companies' users cannot sign in.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../../api/domain/context.ts';
import { hashPassword } from '../../api/adapters/passwords.ts';
import { loginThrottle } from '../../api/config.ts';
import { createUser } from '../../api/domain/users.ts';
import { createCompany } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { earlyInWindow, now } from '../support/clock.ts';

let server: TestServer;
let n = 0;

beforeAll(async () => {
  server = await startServer({ config: { clientIpHeader: 'x-real-ip' } });
});
afterAll(() => server.close());

const password = 'oikea-salasana-2026';

/** A user with the production hash: each checked guess costs what it costs in production. */
async function account() {
  const companyId = await createCompany(server);
  const email = `kohde${++n}.${now().toString(36)}@yritys.example`;
  const { id } = await createUser({
    ctx: server.deps,
    actor: systemActor('test'),
    companyId,
    input: { name: 'Kohde', email, role: 'owner', locale: 'fi' },
  });
  await server.db.execute({ sql: 'UPDATE users SET password_hash = ? WHERE id = ?', args: [await hashPassword(password), id] });
  return { id, email, companyId };
}

function attempt(email: string, pw: string, from: string) {
  return fetch(`${server.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-real-ip': from },
    body: JSON.stringify({ email, password: pw }),
  });
}

describe('issue 10: sign-in throttling is counted before the hash, atomically', () => {
  test('40 concurrent wrong passwords from one source: at most the limit are checked (401), the rest 429; then the right one is refused', async () => {
    earlyInWindow(loginThrottle.windowSeconds);
    const { email } = await account();
    const from = '203.0.113.10';
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(email, `arvaus-${i}-xxxxxx`, from)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(loginThrottle.failures);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - loginThrottle.failures);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const right = await attempt(email, password, from);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(right.headers.get('retry-after'))).toBeLessThanOrEqual(loginThrottle.windowSeconds);
  });

  test('ASVS 2.2.1: the owner at an address that was not failing signs in while an attacker is throttled from other addresses', async () => {
    earlyInWindow(loginThrottle.windowSeconds);
    const { email } = await account();
    // Spread over enough addresses to pass the per-account ceiling as well.
    const sources = Math.ceil(loginThrottle.accountFailures / loginThrottle.failures) + 1;
    for (let s = 0; s < sources; s++) {
      await Promise.all(
        Array.from({ length: loginThrottle.failures + 2 }, (_, i) => attempt(email, `arvaus-${s}-${i}-xx`, `198.51.100.${s + 1}`)),
      );
    }
    expect((await attempt(email, password, '198.51.100.1')).status).toBe(429);
    // Past the per-account ceiling an address that has tried gets no second guess.
    const fresh = '198.51.100.200';
    expect((await attempt(email, 'vielä-yksi-arvaus', fresh)).status).toBe(401);
    expect((await attempt(email, 'ja-vielä-toinen', fresh)).status).toBe(429);

    const owner = await attempt(email, password, '192.0.2.77');
    expect(owner.status).toBe(200);
    // A success gives its attempt back: the owner can sign in again from the same address.
    expect((await attempt(email, password, '192.0.2.77')).status).toBe(200);
  });

  test('an unknown email is throttled like a known one (the throttle tells nothing)', async () => {
    earlyInWindow(loginThrottle.windowSeconds);
    const email = `ei-ketaan-${++n}@yritys.example`;
    const statuses = (await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(email, `arvaus-${i}-xxxxxx`, '203.0.113.20')))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 401).length).toBe(loginThrottle.failures);
    expect(statuses.filter((s) => s === 429).length).toBe(10 - loginThrottle.failures);
  });
});

describe("issue 10: an inactive company's users cannot sign in", () => {
  test('the right password of a user of an inactive company → 403 company_inactive, no session; a wrong one tells nothing', async () => {
    const { email, companyId } = await account();
    await server.db.execute({ sql: 'UPDATE companies SET active = 0 WHERE id = ?', args: [companyId] });
    const inactive = await attempt(email, password, '203.0.113.30');
    const wrong = await attempt(email, 'väärä-salasana-xx', '203.0.113.31');
    const unknown = await attempt(`ei-ketaan-${++n}@yritys.example`, password, '203.0.113.32');
    expect([inactive.status, wrong.status, unknown.status]).toEqual([403, 401, 401]);
    expect(await inactive.json()).toEqual({ error: 'company_inactive' });
    // Without the password nothing is learnt: wrong password and unknown email answer alike.
    expect(await wrong.text()).toBe(await unknown.text());
    expect(inactive.headers.get('set-cookie')).toBeNull();

    await server.db.execute({ sql: 'UPDATE companies SET active = 1 WHERE id = ?', args: [companyId] });
    expect((await attempt(email, password, '203.0.113.33')).status).toBe(200);
  });
});
