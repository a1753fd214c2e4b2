// POST /v1/requests, the happy paths: S1, S4 (no account), S5 (contacts apart, encrypted),
// S9 (saved at submission), S18 (28 days).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256Hex } from '../../api/adapters/keys.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { postRequest, storedRows, validRequest } from '../support/intake.ts';
import { now } from '../support/clock.ts';

const origin = 'https://rautakauppa.example';
let server: TestServer;
let partner: { id: string; publicKey: string };

beforeAll(async () => {
  server = await startServer();
  partner = await server.createPartner({ origins: [origin] });
});
afterAll(() => server.close());

describe('a customer sends a request with no account (S4)', () => {
  test('201 with id, manage token in the link fragment, and expiry 28 days later (S18)', async () => {
    const res = await postRequest(server.url, validRequest(partner.publicKey), { origin });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    const body = await res.json();
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    expect(body.manageUrl).toBe(`${server.url}/manage#${body.manageToken}`);
    const row = (await server.db.execute({ sql: 'SELECT * FROM requests WHERE id = ?', args: [body.id] })).rows[0]!;
    expect(Date.parse(body.expiresAt) - Number(row.created_at)).toBe(28 * 24 * 3600_000);
    expect(Number(row.expires_at)).toBe(Date.parse(body.expiresAt));
    expect(Math.abs(Number(row.created_at) - now())).toBeLessThan(60_000);
    expect(row.partner_id).toBe(partner.id);
    expect(row.status).toBe('open');
    expect(row.region_code).toBe('01');
    expect(row.municipality_code).toBe('091');
    expect(row.postal_code).toBe('00100');
    expect(row.consent_notice_version).toBeTypeOf('string');
    // The token is stored only as a hash.
    expect(row.manage_token_hash).toBe(await sha256Hex(body.manageToken));
    expect(JSON.stringify(row)).not.toContain(body.manageToken);
  });

  test('contact details are stored apart from the request and encrypted at rest (S5)', async () => {
    const res = await postRequest(server.url, validRequest(partner.publicKey, { email: 'Liisa@Example.fi', phone: '040 123 4567' }), {
      origin,
    });
    const { id } = await res.json();
    const request = (await server.db.execute({ sql: 'SELECT * FROM requests WHERE id = ?', args: [id] })).rows[0]!;
    expect(JSON.stringify(request)).not.toMatch(/Liisa|040 123|401234567/);
    const contact = (await server.db.execute({ sql: 'SELECT * FROM request_contacts WHERE request_id = ?', args: [id] })).rows[0]!;
    expect(String(contact.email_enc)).toMatch(/^v1\./);
    expect(JSON.stringify(contact)).not.toMatch(/Liisa|example\.fi|401234567/i);
    const keys = server.deps.keys;
    expect(await keys.decrypt(String(contact.email_enc), `request_contacts:${id}:email`)).toBe('Liisa@Example.fi');
    expect(await keys.decrypt(String(contact.phone_enc), `request_contacts:${id}:phone`)).toBe('0401234567');
    // Keyed hashes of the normalised values let staff find a data subject later.
    expect(contact.email_hash).toBe(await keys.hash('email', 'liisa@example.fi'));
    expect(contact.phone_hash).toBe(await keys.hash('phone', '+358401234567'));
  });

  test('phone only, no origin (a server-to-server call) is accepted', async () => {
    const res = await postRequest(server.url, validRequest(partner.publicKey, { email: undefined }));
    expect(res.status).toBe(201);
  });

  test('the customer may correct the region the postal code suggested', async () => {
    const res = await postRequest(server.url, validRequest(partner.publicKey, { region: '02' }), { origin });
    const { id } = await res.json();
    const row = (await server.db.execute({ sql: 'SELECT region_code FROM requests WHERE id = ?', args: [id] })).rows[0]!;
    expect(row.region_code).toBe('02');
  });

  test('a postal code Posti does not list is accepted when the customer chose the region', async () => {
    const res = await postRequest(server.url, validRequest(partner.publicKey, { postalCode: '99998', region: '19' }), { origin });
    expect(res.status).toBe(201);
  });
});

describe('sending again never makes a duplicate', () => {
  test('the same Idempotency-Key returns the first answer and stores one request', async () => {
    const key = crypto.randomUUID();
    const before = await storedRows(server.db);
    const body = validRequest(partner.publicKey);
    const first = await postRequest(server.url, body, { origin, 'idempotency-key': key });
    const again = await postRequest(server.url, body, { origin, 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const after = await storedRows(server.db);
    expect(after.requests - before.requests).toBe(1);
  });

  test('twelve concurrent sends with one key store exactly one request', async () => {
    const key = crypto.randomUUID();
    const before = await storedRows(server.db);
    const body = validRequest(partner.publicKey);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        postRequest(server.url, body, { origin, 'idempotency-key': key }).then(async (r) => ({
          status: r.status,
          body: await r.json(),
        })),
      ),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const after = await storedRows(server.db);
    expect(after.requests - before.requests).toBe(1);
    expect(after.contacts - before.contacts).toBe(1);
  });

  test('the same key from another partner is a different submission', async () => {
    const other = await server.createPartner({ origins: [origin] });
    const key = crypto.randomUUID();
    const a = await (await postRequest(server.url, validRequest(partner.publicKey), { origin, 'idempotency-key': key })).json();
    const b = await (await postRequest(server.url, validRequest(other.publicKey), { origin, 'idempotency-key': key })).json();
    expect(b.id).not.toBe(a.id);
  });
});

test('a filled honeypot gets a quiet 201 and nothing is stored', async () => {
  const before = await storedRows(server.db);
  const res = await postRequest(server.url, validRequest(partner.publicKey, { website: 'http://spam.example' }), { origin });
  expect(res.status).toBe(201);
  expect(await storedRows(server.db)).toEqual(before);
});
