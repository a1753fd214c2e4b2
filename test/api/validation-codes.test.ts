// Errors say what is wrong: each broken rule has its own code and message, and a bound that was
// broken is named (security review: `limit=500` answered "too long", a malformed
// Idempotency-Key answered "Choose one of the options").
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { leadPage } from '../../api/contract/leads.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { companyUser } from '../support/session.ts';

const origin = 'https://rautakauppa.example';
let server: TestServer;
let partner: string;
beforeAll(async () => {
  server = await startServer();
  partner = (await server.createPartner({ origins: [origin] })).publicKey;
});
afterAll(() => server.close());

describe('GET /v1/leads query', () => {
  test.each([
    ['limit=500', 'limit', 'too_large', `This number is too large: at most ${leadPage.maxLimit}.`],
    ['limit=0', 'limit', 'too_small', 'This number is too small: at least 1.'],
    ['limit=ten', 'limit', 'invalid_number', 'Enter a whole number.'],
    ['cursor=%3Cscript%3E', 'cursor', 'invalid_format', 'This is not in the expected format.'],
    ['region=03', 'region', 'invalid_choice', 'Choose one of the options.'],
    ['confirmed=yes', 'confirmed', 'invalid_choice', 'Choose one of the options.'],
  ])('%s → 422 %s on %s', async (query, path, code, message) => {
    const { session } = await companyUser(server);
    const res = await session.json('GET', `/v1/leads?${query}`);
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path, code, message })]);
  });
});

describe('Idempotency-Key', () => {
  test('a malformed key on intake → 422 invalid_format, nothing stored', async () => {
    const res = await postRequest(server.url, validRequest(partner), { origin, 'idempotency-key': 'short' });
    expect(res.status).toBe(422);
    expect((await res.json()).issues).toEqual([
      { path: 'Idempotency-Key', code: 'invalid_format', message: 'This is not in the expected format.' },
    ]);
  });

  test('a malformed key on a purchase → 422 invalid_format', async () => {
    const sent = await (await postRequest(server.url, validRequest(partner), { origin })).json();
    const { session } = await companyUser(server);
    const res = await session.call('POST', `/v1/leads/${sent.id}/purchase`, undefined, { 'idempotency-key': 'ä'.repeat(20) });
    expect(res.status).toBe(422);
    expect((await res.json()).issues[0]).toMatchObject({ path: 'Idempotency-Key', code: 'invalid_format' });
  });
});

test('a string over its length names the bound', async () => {
  const res = await postRequest(server.url, validRequest(partner, { town: 'x'.repeat(200) }), { origin });
  expect(res.status).toBe(422);
  const town = (await res.json()).issues.find((i: { path: string }) => i.path === 'town');
  expect(town).toMatchObject({ code: 'too_long', limit: expect.any(Number) });
  expect(town.message).toMatch(/^This is too long: at most \d+ characters\.$/);
});
