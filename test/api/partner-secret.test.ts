// Issue 13, server-to-server intake: a partner's backend (a housing company's portal) sends with
// its secret key (`Authorization: Bearer`), shown once, stored hashed, rotatable; it skips the
// proof of work and never works from a browser (refused with an Origin). Both engines.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postRequest, storedRows, validRequest } from '../support/intake.ts';
import { contractor } from '../support/accounts.ts';
import { signInAdmin } from '../support/session.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let staff: Awaited<ReturnType<typeof signInAdmin>>;

beforeAll(async () => {
  server = await startServer({ config: { rateLimits: { serverIntake: { limit: 3, windowSeconds: 3600 } } } });
  staff = await signInAdmin(server);
});
afterAll(() => server.close());

async function partnerWithSecret() {
  const partner = await server.createPartner({ name: 'As Oy Esimerkki', origins: ['https://asukas.example'] });
  const res = await staff.json<{ id: string; secretKey: string }>('POST', `/v1/admin/partners/${partner.id}/secret-key`);
  expect(res.status).toBe(201);
  return { ...partner, secretKey: res.body.secretKey };
}

/** As the partner's server sends it: no Origin, no proof of work. */
const fromServer = (key: string, body: object, headers: Record<string, string> = {}) =>
  postRequest(server.url, { ...body, altcha: undefined }, { authorization: `Bearer ${key}`, ...headers });

describe('the secret key', () => {
  test('shown once, stored only as a hash; only staff make one', async () => {
    const { id, secretKey } = await partnerWithSecret();
    expect(secretKey).toMatch(/^lks_[A-Za-z0-9_-]{43}$/);
    const { rows } = await server.db.execute({ sql: 'SELECT * FROM partners WHERE id = ?', args: [id] });
    expect(JSON.stringify(rows[0])).not.toContain(secretKey.slice(4));
    expect(rows[0]!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    const member = await contractor(server);
    expect((await member.json('POST', `/v1/admin/partners/${id}/secret-key`)).status).toBe(403);
    expect((await staff.json('POST', `/v1/admin/partners/${crypto.randomUUID()}/secret-key`)).status).toBe(404);
  });

  test("the partner's server sends without a proof of work; the request is stored under the partner", async () => {
    const { id, publicKey, secretKey } = await partnerWithSecret();
    const res = await fromServer(secretKey, validRequest(publicKey));
    expect(res.status).toBe(201);
    const { rows } = await server.db.execute({ sql: 'SELECT count(*) AS n FROM requests WHERE partner_id = ?', args: [id] });
    expect(rows[0]!.n).toBe(1);
  });

  test('with an Origin (a browser) → 403 secret_key_in_browser, nothing stored', async () => {
    const { publicKey, secretKey } = await partnerWithSecret();
    const before = await storedRows(server.db);
    const res = await fromServer(secretKey, validRequest(publicKey), { origin: 'https://asukas.example' });
    expect([res.status, await res.json()]).toEqual([403, { error: 'secret_key_in_browser' }]);
    expect(await storedRows(server.db)).toEqual(before);
  });

  test.each([
    ['a wrong key', `lks_${'A'.repeat(43)}`],
    ['a malformed key', 'not-a-key'],
  ])('%s → 401, nothing stored', async (_, key) => {
    const { publicKey } = await partnerWithSecret();
    const before = await storedRows(server.db);
    const res = await fromServer(key, validRequest(publicKey));
    expect([res.status, await res.json()]).toEqual([401, { error: 'unauthorized' }]);
    expect(await storedRows(server.db)).toEqual(before);
  });

  test("one partner's key cannot send for another partner", async () => {
    const first = await partnerWithSecret();
    const second = await partnerWithSecret();
    const res = await fromServer(first.secretKey, validRequest(second.publicKey));
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe('unknown_partner');
  });

  test("a new key replaces the old at once; a deactivated partner's key stops working", async () => {
    const { id, publicKey, secretKey: old } = await partnerWithSecret();
    const again = await staff.json<{ secretKey: string }>('POST', `/v1/admin/partners/${id}/secret-key`);
    expect((await fromServer(old, validRequest(publicKey))).status).toBe(401);
    expect((await fromServer(again.body.secretKey, validRequest(publicKey))).status).toBe(201);
    expect((await staff.json('PATCH', `/v1/admin/partners/${id}`, { active: false })).status).toBe(200);
    expect((await fromServer(again.body.secretKey, validRequest(publicKey))).status).toBe(401);
  });

  test('counted per partner, whatever its address: past the limit → 429', async () => {
    const { publicKey, secretKey } = await partnerWithSecret();
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await fromServer(secretKey, validRequest(publicKey, { description: `Asukkaan pyyntö numero ${i}, kylpyhuone.` }))).status,
      );
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});
