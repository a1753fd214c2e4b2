// POST /v1/requests, bad input: a clear error with status, code and field, and nothing stored.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { nothingStored, postRequest, storedRows, validRequest } from '../support/intake.ts';

const origin = 'https://rautakauppa.example';
let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startServer();
  key = (await server.createPartner({ origins: [origin] })).publicKey;
});
afterAll(() => server.close());

async function expectRefused(res: Response, status: number, error: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = JSON.parse(text);
  expect(body.error).toBe(error);
  expect(await storedRows(server.db)).toEqual(nothingStored);
  return { body, text };
}

test('malformed JSON → 400 malformed_json', async () => {
  await expectRefused(await postRequest(server.url, '{"partner": "x",', { origin }), 400, 'malformed_json');
});

test('a body that is not JSON → 415 (Hono would otherwise read it as {})', async () => {
  const res = await fetch(`${server.url}/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: 'partner=x',
  });
  await expectRefused(res, 415, 'unsupported_media_type');
});

test('a body over 16 KiB → 413', async () => {
  const body = validRequest(key, { description: 'x'.repeat(17 * 1024) });
  await expectRefused(await postRequest(server.url, body, { origin }), 413, 'payload_too_large');
});

describe('a broken rule → 422 naming the field, never echoing the value', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['neither email nor phone', { email: '', phone: undefined }, 'email', 'contact_required'],
    ['an email that is not one', { email: 'matti(at)example.fi' }, 'email', 'invalid_email'],
    ['a phone that is not one', { phone: '12ab' }, 'phone', 'invalid_phone'],
    ['a description too short', { description: 'lyhyt' }, 'description', 'too_short'],
    ['a postal code of four digits', { postalCode: '0010' }, 'postalCode', 'invalid_postal_code'],
    ['no consent', { consent: false }, 'consent', 'consent_required'],
    ['an unknown customer type', { customerType: 'alien' }, 'customerType', 'invalid_choice'],
    ['a region code that does not exist (03)', { region: '03' }, 'region', 'invalid_choice'],
    ['an unknown category', { category: 'spaceship' }, 'category', 'unknown_category'],
    ['an unknown postal code and no region', { postalCode: '00001' }, 'postalCode', 'unknown_postal_code'],
    ['a missing description', { description: undefined }, 'description', 'required'],
  ];
  test.each(cases)('%s', async (_name, overrides, path, code) => {
    const res = await postRequest(server.url, validRequest(key, { email: 'private.person@example.fi', ...overrides }), { origin });
    const { body, text } = await expectRefused(res, 422, 'invalid');
    expect(body.issues).toContainEqual(expect.objectContaining({ path, code }));
    expect(text).not.toContain('private.person');
    expect(text).not.toContain('401234567');
  });

  test('a bad Idempotency-Key → 422 on that header', async () => {
    const res = await postRequest(server.url, validRequest(key), { origin, 'idempotency-key': 'short' });
    const { body } = await expectRefused(res, 422, 'invalid');
    expect(body.issues[0].path).toBe('Idempotency-Key');
  });
});

describe('403: the partner must exist, be active, and list the page origin', () => {
  test('unknown partner', async () => {
    const { body } = await expectRefused(await postRequest(server.url, validRequest('pk_nobody'), { origin }), 403, 'unknown_partner');
    expect(body.field).toBe('partner');
  });

  test('inactive partner', async () => {
    const p = await server.createPartner({ origins: [origin] });
    await server.db.execute({ sql: 'UPDATE partners SET active = 0 WHERE id = ?', args: [p.id] });
    await expectRefused(await postRequest(server.url, validRequest(p.publicKey), { origin }), 403, 'unknown_partner');
  });

  test('a browser page on an origin the partner did not list', async () => {
    const res = await postRequest(server.url, validRequest(key), { origin: 'https://evil.example' });
    await expectRefused(res, 403, 'origin_not_allowed');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  test("another partner's origin cannot send for this partner", async () => {
    await server.createPartner({ origins: ['https://other-shop.example'] });
    await expectRefused(
      await postRequest(server.url, validRequest(key), { origin: 'https://other-shop.example' }),
      403,
      'origin_not_allowed',
    );
  });
});
