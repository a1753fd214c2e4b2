// Buying twice, retrying, and racing: a company never pays twice for one request (S7), the cap
// on buyers holds under concurrency, and a sold-out request leaves everyone else's list (S5).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractor, sendRequest } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let partnerKey: string;

beforeAll(async () => {
  server = await startServer();
  partnerKey = (await server.createPartner()).publicKey;
});
afterAll(() => server.close());

const count = async (sql: string, ...args: string[]) => Number((await server.db.execute({ sql, args })).rows[0]!.n);
const key = () => `key_${crypto.randomUUID().replaceAll('-', '')}`;

describe('never a second charge (S7)', () => {
  test('the same company buying again → 200 with the same purchase, one row', async () => {
    const me = await contractor(server);
    const id = await sendRequest(server, partnerKey, { category: 'kitchen' });
    const first = await me.json('POST', `/v1/leads/${id}/purchase`);
    const again = await me.json('POST', `/v1/leads/${id}/purchase`);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await count('SELECT count(*) AS n FROM purchases WHERE request_id = ?', id)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM audit_events WHERE request_id = ? AND action = 'lead.purchased'`, id)).toBe(1);
  });

  test('the same Idempotency-Key → the same answer, replayed, and one purchase', async () => {
    const me = await contractor(server);
    const id = await sendRequest(server, partnerKey, { category: 'kitchen' });
    const k = key();
    const first = await me.json('POST', `/v1/leads/${id}/purchase`, { headers: { 'idempotency-key': k } });
    const again = await me.json('POST', `/v1/leads/${id}/purchase`, { headers: { 'idempotency-key': k } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count('SELECT count(*) AS n FROM purchases WHERE request_id = ?', id)).toBe(1);
  });

  test('the idempotency record keeps no contact details, so an erasure reaches it too (S24)', async () => {
    const me = await contractor(server);
    const email = `muisti-${crypto.randomUUID().slice(0, 8)}@example.fi`;
    const id = await sendRequest(server, partnerKey, { category: 'kitchen', email });
    const k = key();
    expect((await me.call('POST', `/v1/leads/${id}/purchase`, { headers: { 'idempotency-key': k } })).status).toBe(201);
    const scope = `purchase:${me.companyId}`;
    const row = (await server.db.execute({ sql: 'SELECT * FROM idempotency_keys WHERE scope = ?', args: [scope] })).rows[0]!;
    const remembered = await server.deps.keys.decrypt(String(row.response_enc), `idempotency:${scope}:${row.key_hash}`);
    expect(remembered).not.toContain(email);
    expect(remembered).not.toContain('0401234567');
    await server.db.execute({ sql: 'UPDATE request_contacts SET email_enc = NULL, phone_enc = NULL WHERE request_id = ?', args: [id] });
    const replayed = await me.json('POST', `/v1/leads/${id}/purchase`, { headers: { 'idempotency-key': k } });
    expect(replayed.status).toBe(201);
    expect(replayed.body.contact).toBeNull();
  });

  test("another company sending the same key gets its own purchase, never the first one's answer", async () => {
    const a = await contractor(server);
    const b = await contractor(server);
    const id = await sendRequest(server, partnerKey, { category: 'kitchen' });
    const k = key();
    const first = await a.json('POST', `/v1/leads/${id}/purchase`, { headers: { 'idempotency-key': k } });
    const other = await b.json('POST', `/v1/leads/${id}/purchase`, { headers: { 'idempotency-key': k } });
    expect(first.status).toBe(201);
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.body.purchaseId).not.toBe(first.body.purchaseId);
    const owners = await server.db.execute({
      sql: 'SELECT company_id FROM purchases WHERE request_id = ? ORDER BY company_id',
      args: [id],
    });
    expect(owners.rows.map((r) => r.company_id)).toEqual([a.companyId, b.companyId].sort());
  });

  test('one key sent for another request → 422, nothing bought', async () => {
    const me = await contractor(server);
    const one = await sendRequest(server, partnerKey, { category: 'kitchen' });
    const two = await sendRequest(server, partnerKey, { category: 'kitchen' });
    const k = key();
    expect((await me.call('POST', `/v1/leads/${one}/purchase`, { headers: { 'idempotency-key': k } })).status).toBe(201);
    const res = await me.json('POST', `/v1/leads/${two}/purchase`, { headers: { 'idempotency-key': k } });
    expect(res.status).toBe(422);
    expect(res.body.issues[0].path).toBe('Idempotency-Key');
    expect(await count('SELECT count(*) AS n FROM purchases WHERE request_id = ?', two)).toBe(0);
  });

  test('eight simultaneous sends with one key → one purchase, one answer', async () => {
    const me = await contractor(server);
    const id = await sendRequest(server, partnerKey, { category: 'kitchen' });
    const k = key();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => me.json('POST', `/v1/leads/${id}/purchase`, { headers: { 'idempotency-key': k } })),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(new Set(answers.map((a) => a.body.purchaseId)).size).toBe(1);
    expect(await count('SELECT count(*) AS n FROM purchases WHERE request_id = ?', id)).toBe(1);
  });
});

describe('the cap on buyers holds under concurrency', () => {
  test('8 companies × 4 simultaneous attempts on a request with cap 3 → exactly 3 buyers', async () => {
    await server.db.execute(`UPDATE categories SET max_buyers = 3 WHERE id = 'roof'`);
    const id = await sendRequest(server, partnerKey, { category: 'roof', region: '17' });
    const companies = await Promise.all(Array.from({ length: 8 }, () => contractor(server)));

    const answers = await Promise.all(
      companies.flatMap((company) =>
        Array.from({ length: 4 }, async () => ({ company, ...(await company.json('POST', `/v1/leads/${id}/purchase`)) })),
      ),
    );

    const rows = (await server.db.execute({ sql: 'SELECT id, company_id FROM purchases WHERE request_id = ?', args: [id] })).rows;
    expect(rows).toHaveLength(3);
    const winners = new Set(rows.map((r) => String(r.company_id)));
    expect(winners.size).toBe(3);

    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(3);
    expect(new Set(created.map((a) => a.company.companyId))).toEqual(winners);
    for (const a of answers) {
      if (a.status === 201) continue;
      if (winners.has(a.company.companyId!)) {
        // A winner's other attempts: the same purchase, not another.
        expect(a.status).toBe(200);
        expect(a.body.purchaseId).toBe(rows.find((r) => r.company_id === a.company.companyId)!.id);
      } else {
        expect(a.status).toBe(409);
        expect(a.body).toEqual({ error: 'sold_out' });
      }
    }

    const request = (await server.db.execute({ sql: 'SELECT status, ended_at FROM requests WHERE id = ?', args: [id] })).rows[0]!;
    expect(request.status).toBe('sold_out');
    expect(Number(request.ended_at)).toBeGreaterThan(0);

    // Gone from the others' list and detail; still in each buyer's archive (S5, S19).
    const loser = companies.find((c) => !winners.has(c.companyId!))!;
    const list = await loser.json('GET', '/v1/leads?region=17&category=roof&limit=100');
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await loser.call('GET', `/v1/leads/${id}`)).status).toBe(404);
    const winner = companies.find((c) => winners.has(c.companyId!))!;
    const detail = await winner.json('GET', `/v1/leads/${id}`);
    expect(detail.body).toMatchObject({
      status: 'sold_out',
      buyers: 3,
      purchased: true,
      contact: { phone: expect.stringMatching(/^040\d{7}$/) },
    });
    // A new buyer later → 409.
    expect((await (await contractor(server)).json('POST', `/v1/leads/${id}/purchase`)).body).toEqual({ error: 'sold_out' });
  });

  test('a cap of 1: the single buyer closes the sale at once', async () => {
    await server.db.execute(`UPDATE categories SET max_buyers = 1 WHERE id = 'sauna'`);
    const id = await sendRequest(server, partnerKey, { category: 'sauna' });
    const [a, b] = [await contractor(server), await contractor(server)];
    const answers = await Promise.all([a, b, a, b].map((c) => c.json('POST', `/v1/leads/${id}/purchase`)));
    expect(answers.filter((x) => x.status === 201)).toHaveLength(1);
    expect(await count('SELECT count(*) AS n FROM purchases WHERE request_id = ?', id)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM requests WHERE id = ? AND status = 'sold_out'`, id)).toBe(1);
  });
});
