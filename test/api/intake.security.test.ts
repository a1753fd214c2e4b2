// Rate limits, CORS and S8: the visitor's address is used in memory and stored nowhere.
import { readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signInAdmin } from '../support/session.ts';
import { earlyInWindow } from '../support/clock.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { nothingStored, postRequest, storedRows, validRequest } from '../support/intake.ts';

const origin = 'https://taloyhtio.example';

describe('429 when one source sends too many', () => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startServer({
      config: {
        clientIpHeader: 'x-forwarded-for',
        rateLimits: { intake: { limit: 2, windowSeconds: 600 }, lookup: { limit: 3, windowSeconds: 60 } },
      },
    });
    key = (await server.createPartner({ origins: [origin] })).publicKey;
  });
  afterAll(() => server.close());

  test('the third request from one address within the window → 429 with Retry-After, nothing stored', async () => {
    earlyInWindow(600);
    const from = { origin, 'x-forwarded-for': '198.51.100.7' };
    expect((await postRequest(server.url, validRequest(key), from)).status).toBe(201);
    expect((await postRequest(server.url, validRequest(key), from)).status).toBe(201);
    const before = await storedRows(server.db);
    const res = await postRequest(server.url, validRequest(key), from);
    expect(res.status).toBe(429);
    expect((await res.json()).error).toBe('rate_limited');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(await storedRows(server.db)).toEqual(before);
    // Another address is not affected.
    expect((await postRequest(server.url, validRequest(key), { origin, 'x-forwarded-for': '198.51.100.8' })).status).toBe(201);
  });

  test('overlapping requests from one address: exactly the limit get through (counted and read in one step)', async () => {
    earlyInWindow(600);
    const from = { origin, 'x-forwarded-for': '198.51.100.70' };
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () => postRequest(server.url, validRequest(key), from).then((r) => r.status)),
    );
    expect(statuses.sort()).toEqual([201, 201, 429, 429, 429, 429]);
  });

  test('look-ups have their own, larger budget', async () => {
    earlyInWindow(60);
    const h = { 'x-forwarded-for': '198.51.100.9' };
    for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/v1/postal-codes/00100`, { headers: h })).status).toBe(200);
    const res = await fetch(`${server.url}/v1/postal-codes/00100`, { headers: h });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('S8: no IP address is stored', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ config: { clientIpHeader: 'x-forwarded-for' } });
  });
  afterAll(() => server.close());

  test('after requests and refusals from one address, the database file holds no trace of it', async () => {
    const key = (await server.createPartner({ origins: [origin] })).publicKey;
    const address = '203.0.113.77';
    const from = { origin, 'x-forwarded-for': address };
    expect((await postRequest(server.url, validRequest(key), from)).status).toBe(201);
    expect((await postRequest(server.url, validRequest(key, { email: 'bad' }), from)).status).toBe(422);
    expect((await postRequest(server.url, '{', from)).status).toBe(400);
    expect((await fetch(`${server.url}/v1/postal-codes/00100`, { headers: from })).status).toBe(200);

    // The Worker counts in the database, by keyed hash; Node in its own memory (api/adapters/hit-counts.ts).
    const buckets = await server.db.execute('SELECT bucket FROM rate_limit_hits');
    expect(buckets.rows.length > 0).toBe(server.engine === 'worker');
    for (const row of buckets.rows) expect(String(row.bucket)).toMatch(/^[0-9a-f]{64}$/);

    await server.db.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    for (const file of [server.dbPath, `${server.dbPath}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(address)), file).toBe(false);
      expect(bytes.includes(Buffer.from('203.0.113')), file).toBe(false);
    }
  });
});

describe('CORS answers only partner origins', () => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startServer();
    key = (await server.createPartner({ origins: [origin] })).publicKey;
  });
  afterAll(() => server.close());

  const preflight = (from: string) =>
    fetch(`${server.url}/v1/requests`, {
      method: 'OPTIONS',
      headers: { origin: from, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
    });

  test('a partner origin gets its preflight answered', async () => {
    const res = await preflight(origin);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test('a foreign origin gets no CORS headers, on preflight or on a GET', async () => {
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const res = await fetch(`${server.url}/v1/widget/config?partner=${key}`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a deactivated partner origin loses CORS', async () => {
    const p = await server.createPartner({ origins: ['https://closed.example'] });
    expect((await preflight('https://closed.example')).headers.get('access-control-allow-origin')).toBe('https://closed.example');
    // As staff take a partner off (the origins are cached for every visitor: the edit forgets them).
    const staff = await signInAdmin(server);
    expect((await staff.call('PATCH', `/v1/admin/partners/${p.id}`, { active: false })).status).toBe(200);
    expect((await preflight('https://closed.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect(await storedRows(server.db)).toEqual(nothingStored);
  });
});
