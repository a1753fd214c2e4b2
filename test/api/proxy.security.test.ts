// Addresses behind proxies: a proxy appends the peer it saw to X-Forwarded-For, so the left part
// is whatever the client wrote. The visitor is TRUSTED_PROXY_HOPS entries from the right; a
// forged left part never moves a request into a fresh rate-limit bucket (security review, #1).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addressFromHeader } from '../../api/http/middleware.ts';
import { earlyInWindow } from '../support/clock.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { postRequest, validRequest } from '../support/intake.ts';

const origin = 'https://rautakauppa.example';
const forged = (i: number) => `10.${i}.${i}.${i}, 198.51.100.${i % 250}, `;

describe('the address a trusted proxy wrote', () => {
  test.each([
    ['203.0.113.9', 1, '203.0.113.9'],
    ['6.6.6.6, 203.0.113.9', 1, '203.0.113.9'],
    ['6.6.6.6,203.0.113.9 , 192.0.2.1', 2, '203.0.113.9'],
    ['203.0.113.9', 2, '203.0.113.9'],
    ['', 1, undefined],
  ])('%j with %i hop(s) → %s', (header, hops, expected) => {
    expect(addressFromHeader(header, hops)).toBe(expected);
  });
});

describe('X-Forwarded-For with one trusted proxy (the README example)', () => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startServer({
      config: {
        clientIpHeader: 'x-forwarded-for',
        rateLimits: { intake: { limit: 3, windowSeconds: 600 }, login: { limit: 5, windowSeconds: 900 } },
      },
    });
    key = (await server.createPartner({ origins: [origin] })).publicKey;
  });
  afterAll(() => server.close());

  test('intake: a different forged left part on every request still hits one bucket → 429 after the limit', async () => {
    earlyInWindow(600);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await postRequest(server.url, validRequest(key), { origin, 'x-forwarded-for': `${forged(i)}203.0.113.20` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    // The real visitor next door is not affected.
    expect((await postRequest(server.url, validRequest(key), { origin, 'x-forwarded-for': '6.6.6.6, 203.0.113.21' })).status).toBe(201);
  });

  test('sign-in: forged left parts do not reset the per-source limit', async () => {
    earlyInWindow(900);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${server.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url, 'x-forwarded-for': `${forged(i)}203.0.113.30` },
        body: JSON.stringify({ email: `nobody-${i}@example.fi`, password: 'wrong-password-123' }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});

describe('TRUSTED_PROXY_HOPS=2 (a CDN in front of a load balancer)', () => {
  let server: TestServer;
  let key: string;
  beforeAll(async () => {
    server = await startServer({
      config: { clientIpHeader: 'x-forwarded-for', trustedProxyHops: 2, rateLimits: { intake: { limit: 2, windowSeconds: 600 } } },
    });
    key = (await server.createPartner({ origins: [origin] })).publicKey;
  });
  afterAll(() => server.close());

  test('the visitor is the second entry from the right; the left part and the last hop do not matter', async () => {
    earlyInWindow(600);
    const send = (header: string) => postRequest(server.url, validRequest(key), { origin, 'x-forwarded-for': header });
    expect((await send('1.1.1.1, 203.0.113.40, 192.0.2.10')).status).toBe(201);
    expect((await send('2.2.2.2, 203.0.113.40, 192.0.2.11')).status).toBe(201);
    expect((await send('203.0.113.40, 192.0.2.12')).status).toBe(429);
    expect((await send('1.1.1.1, 203.0.113.41, 192.0.2.10')).status).toBe(201);
  });
});
