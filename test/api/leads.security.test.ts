// Who sees what: S5 (contact details only to buyers, never in errors), S16 (personal accounts),
// S18/S25 (closed or expired requests leave non-buyers' view), S19 (buyers keep an archive),
// S24 (an erasure reaches buyers at once), and the audit trail of every contact view.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractor, sendRequest, signUp, type Account } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { now } from '../support/clock.ts';

let server: TestServer;
let partnerKey: string;

beforeAll(async () => {
  server = await startServer();
  partnerKey = (await server.createPartner()).publicKey;
});
afterAll(() => server.close());

async function lead(overrides: Record<string, unknown> = {}) {
  const tag = crypto.randomUUID().slice(0, 8);
  const email = `salainen-${tag}@example.fi`;
  const phone = `050${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const id = await sendRequest(server, partnerKey, { email, phone, ...overrides });
  return { id, email, phone };
}

const setRequest = (id: string, set: string, ...args: (string | number)[]) =>
  server.db.execute({ sql: `UPDATE requests SET ${set} WHERE id = ?`, args: [...args, id] });

describe('S5: contact details reach only the companies that bought the request', () => {
  let buyer: Account;
  let other: Account;
  let bought: Awaited<ReturnType<typeof lead>>;
  const texts: string[] = [];

  beforeAll(async () => {
    buyer = await contractor(server);
    other = await contractor(server);
    bought = await lead({ region: '07', category: 'windows_doors' });
    expect((await buyer.call('POST', `/v1/leads/${bought.id}/purchase`)).status).toBe(201);
  });

  test("another company's detail has contact: null and its list purchased: false", async () => {
    const detail = await other.json('GET', `/v1/leads/${bought.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: bought.id, purchased: false, buyers: 1, contact: null });
    const list = await other.json('GET', '/v1/leads?region=07&category=windows_doors');
    expect(list.body.items.find((i: { id: string }) => i.id === bought.id)).toMatchObject({ purchased: false, buyers: 1 });
    texts.push(detail.text, list.text);
  });

  test('no error answer carries contact details', async () => {
    const noSession = await fetch(`${server.url}/v1/leads/${bought.id}`);
    const crossOrigin = await other.call('POST', `/v1/leads/${bought.id}/purchase`, { headers: { origin: 'https://evil.example' } });
    await setRequest(bought.id, `status = 'closed', ended_at = ?`, now());
    const gone = await other.json('POST', `/v1/leads/${bought.id}/purchase`);
    const hidden = await other.json('GET', `/v1/leads/${bought.id}`);
    const badKey = await other.json('POST', `/v1/leads/${bought.id}/purchase`, { headers: { 'idempotency-key': 'short' } });
    expect([noSession.status, crossOrigin.status, gone.status, hidden.status, badKey.status]).toEqual([401, 403, 410, 404, 422]);
    texts.push(await noSession.text(), await crossOrigin.text(), gone.text, hidden.text, badKey.text);
    for (const text of texts) {
      expect(text).not.toContain(bought.email);
      expect(text).not.toContain(bought.phone);
    }
  });

  test('the buyer keeps it in the archive after it closed, with contact (S19)', async () => {
    const detail = await buyer.json('GET', `/v1/leads/${bought.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: 'closed', contact: { email: bought.email, phone: bought.phone } });
    const purchases = await buyer.json('GET', '/v1/purchases');
    expect(purchases.body.items.map((i: { id: string }) => i.id)).toContain(bought.id);
  });

  test('after an erasure the buyer sees contact: null at once (S24)', async () => {
    const erased = await lead();
    expect((await buyer.call('POST', `/v1/leads/${erased.id}/purchase`)).status).toBe(201);
    await server.db.execute({
      sql: 'UPDATE request_contacts SET email_enc = NULL, phone_enc = NULL WHERE request_id = ?',
      args: [erased.id],
    });
    expect((await buyer.json('GET', `/v1/leads/${erased.id}`)).body.contact).toBeNull();
    const item = (await buyer.json('GET', '/v1/purchases')).body.items.find((i: { id: string }) => i.id === erased.id);
    expect(item.contact).toBeNull();
  });

  test('once purged it is gone for the buyer too, but the purchase stays for the invoice (S19, S20)', async () => {
    const purged = await lead({ category: 'plumbing' });
    const res = await buyer.json('POST', `/v1/leads/${purged.id}/purchase`);
    await setRequest(purged.id, `status = 'purged', description = NULL, postal_code = NULL, town = NULL, purged_at = ?`, now());
    await server.db.execute({ sql: 'DELETE FROM request_contacts WHERE request_id = ?', args: [purged.id] });
    expect((await buyer.call('GET', `/v1/leads/${purged.id}`)).status).toBe(404);
    expect((await buyer.json('GET', '/v1/purchases')).body.items.map((i: { id: string }) => i.id)).not.toContain(purged.id);
    expect((await buyer.json('POST', `/v1/leads/${purged.id}/purchase`)).body).toEqual({ error: 'gone' });
    const invoiceLine = (
      await server.db.execute({ sql: 'SELECT price_cents, category_id FROM purchases WHERE id = ?', args: [res.body.purchaseId] })
    ).rows[0]!;
    expect(invoiceLine).toMatchObject({ price_cents: 2500, category_id: 'plumbing' });
  });
});

describe('audit: every view of contact details is recorded, never the details themselves', () => {
  test('contact.viewed per response with contact; none for a non-buyer or an erased contact', async () => {
    const buyer = await contractor(server);
    const other = await contractor(server);
    const seen = await lead();
    const views = async () =>
      (
        await server.db.execute({
          sql: `SELECT * FROM audit_events WHERE request_id = ? AND action = 'contact.viewed'`,
          args: [seen.id],
        })
      ).rows;

    expect((await buyer.call('POST', `/v1/leads/${seen.id}/purchase`)).status).toBe(201);
    expect(await views()).toHaveLength(1);
    await buyer.call('GET', `/v1/leads/${seen.id}`);
    await buyer.call('GET', '/v1/purchases');
    await buyer.call('POST', `/v1/leads/${seen.id}/purchase`); // 200 with contact
    await buyer.call('GET', '/v1/leads'); // the list never shows contact: no row
    await other.call('GET', `/v1/leads/${seen.id}`); // contact: null: no row
    const rows = await views();
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toMatchObject({ actor_kind: 'user', actor_user_id: buyer.userId, company_id: buyer.companyId, request_id: seen.id });
    }
    const everything = JSON.stringify((await server.db.execute('SELECT * FROM audit_events')).rows);
    expect(everything).not.toContain(seen.email);
    expect(everything).not.toContain(seen.phone);

    await server.db.execute({
      sql: 'UPDATE request_contacts SET email_enc = NULL, phone_enc = NULL WHERE request_id = ?',
      args: [seen.id],
    });
    await buyer.call('GET', `/v1/leads/${seen.id}`);
    expect(await views()).toHaveLength(4);
  });
});

describe('gone, missing and refused', () => {
  let me: Account;
  beforeAll(async () => {
    me = await contractor(server);
  });

  test('410 for a request past its expiry, hidden from the list and the detail (S18)', async () => {
    const { id } = await lead({ region: '09', category: 'moisture_damage' });
    await setRequest(id, 'expires_at = ?', now() - 1000);
    expect(await me.json('POST', `/v1/leads/${id}/purchase`)).toMatchObject({ status: 410, body: { error: 'gone' } });
    expect(
      (await me.json('GET', '/v1/leads?region=09&category=moisture_damage')).body.items.map((i: { id: string }) => i.id),
    ).not.toContain(id);
    expect((await me.call('GET', `/v1/leads/${id}`)).status).toBe(404);
    expect(
      Number((await server.db.execute({ sql: 'SELECT count(*) AS n FROM purchases WHERE request_id = ?', args: [id] })).rows[0]!.n),
    ).toBe(0);
  });

  test('410 for a request the customer closed (S25) and one staff removed', async () => {
    for (const status of ['closed', 'expired', 'removed']) {
      const { id } = await lead({ region: '09', category: 'moisture_damage' });
      await setRequest(id, `status = ?, ended_at = ?`, status, now());
      expect(await me.json('POST', `/v1/leads/${id}/purchase`), status).toMatchObject({ status: 410, body: { error: 'gone' } });
      expect(
        (await me.json('GET', '/v1/leads?region=09&category=moisture_damage')).body.items.map((i: { id: string }) => i.id),
      ).not.toContain(id);
      expect((await me.call('GET', `/v1/leads/${id}`)).status).toBe(404);
    }
  });

  test('404 for an unknown id, to buy or to read', async () => {
    const unknown = crypto.randomUUID();
    expect(await me.json('POST', `/v1/leads/${unknown}/purchase`)).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect((await me.call('GET', `/v1/leads/${unknown}`)).status).toBe(404);
  });

  test('401 without a session', async () => {
    const { id } = await lead();
    for (const [method, path] of [
      ['GET', '/v1/leads'],
      ['GET', `/v1/leads/${id}`],
      ['POST', `/v1/leads/${id}/purchase`],
      ['GET', '/v1/purchases'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });
    }
  });

  test('403 for staff without a company (S16: staff accounts are for running the service)', async () => {
    const staff = await signUp(server, { companyId: null, role: 'admin' });
    const { id } = await lead();
    for (const [method, path] of [
      ['GET', '/v1/leads'],
      ['GET', `/v1/leads/${id}`],
      ['POST', `/v1/leads/${id}/purchase`],
      ['GET', '/v1/purchases'],
    ] as const) {
      expect(await staff.json(method, path), `${method} ${path}`).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    }
  });

  test("a purchase posted from another site's page → 403 cross_origin, nothing bought", async () => {
    const { id } = await lead();
    const res = await me.json('POST', `/v1/leads/${id}/purchase`, { headers: { origin: 'https://evil.example' } });
    expect(res).toMatchObject({ status: 403, body: { error: 'cross_origin' } });
    const sameSiteless = await me.json('POST', `/v1/leads/${id}/purchase`, { headers: { 'sec-fetch-site': 'cross-site', origin: '' } });
    expect(sameSiteless.status).toBe(403);
    expect(
      Number((await server.db.execute({ sql: 'SELECT count(*) AS n FROM purchases WHERE request_id = ?', args: [id] })).rows[0]!.n),
    ).toBe(0);
  });

  test('an inactive company cannot buy: its sessions stop working at once (SPEC, December 2026)', async () => {
    const idle = await contractor(server);
    await server.db.execute({ sql: 'UPDATE companies SET active = 0 WHERE id = ?', args: [idle.companyId] });
    const { id } = await lead();
    expect(await idle.json('POST', `/v1/leads/${id}/purchase`)).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(
      Number((await server.db.execute({ sql: 'SELECT count(*) AS n FROM purchases WHERE request_id = ?', args: [id] })).rows[0]!.n),
    ).toBe(0);
  });

  test('422 for a bad query, cursor or Idempotency-Key', async () => {
    for (const q of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'region=03',
      'region=FI-01',
      'category=%27%3B',
      'cursor=!!',
      `cursor=${btoa('nope').replace(/=+$/, '')}`,
    ]) {
      const res = await me.json('GET', `/v1/leads?${q}`);
      expect(res.status, q).toBe(422);
      expect(res.body.error).toBe('invalid');
    }
    expect((await me.call('GET', '/v1/purchases?limit=500')).status).toBe(422);
    const { id } = await lead();
    const res = await me.json('POST', `/v1/leads/${id}/purchase`, { headers: { 'idempotency-key': 'has spaces in it, too long?' } });
    expect(res).toMatchObject({ status: 422, body: { issues: [{ path: 'Idempotency-Key' }] } });
  });
});
