// Issue 10, finding 2, for purchases: a company's Idempotency-Key is for one request. Sent again
// for another request it is refused with 422 idempotency_key_reused, nothing is bought, and the
// first purchase's answer (contact details) is not handed out. Keys stay scoped to the company.
// Both engines.
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
const contact = () => ({
  email: `osto-${crypto.randomUUID().slice(0, 8)}@example.fi`,
  phone: `050${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
});

describe('one purchase key, one request', () => {
  test('the key sent for another request → 422 idempotency_key_reused, nothing bought, the first answer not in it', async () => {
    const me = await contractor(server);
    const firstContact = contact();
    const one = await sendRequest(server, partnerKey, { category: 'kitchen', ...firstContact });
    const two = await sendRequest(server, partnerKey, { category: 'kitchen' });
    const k = key();
    const first = await me.json('POST', `/v1/leads/${one}/purchase`, { headers: { 'idempotency-key': k } });
    expect(first.status).toBe(201);
    const audits = await count('SELECT count(*) AS n FROM audit_events');

    const reused = await me.json('POST', `/v1/leads/${two}/purchase`, { headers: { 'idempotency-key': k } });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ error: 'idempotency_key_reused', issues: [{ path: 'Idempotency-Key' }] });
    for (const secret of [first.body.purchaseId, firstContact.email, firstContact.phone]) expect(reused.text).not.toContain(secret);
    expect(await count('SELECT count(*) AS n FROM purchases WHERE request_id = ?', two)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM audit_events')).toBe(audits);

    // The same key for the first request still gets the first purchase.
    const again = await me.json('POST', `/v1/leads/${one}/purchase`, { headers: { 'idempotency-key': k } });
    expect(again).toMatchObject({ status: 201, body: { purchaseId: first.body.purchaseId } });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  test('one key for two requests at once: one purchase; the other request only ever gets 422', async () => {
    const me = await contractor(server);
    const ids = [
      await sendRequest(server, partnerKey, { category: 'kitchen' }),
      await sendRequest(server, partnerKey, { category: 'kitchen' }),
    ];
    const k = key();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        me.json('POST', `/v1/leads/${ids[i % 2]}/purchase`, { headers: { 'idempotency-key': k } }).then((a) => ({ ...a, id: ids[i % 2]! })),
      ),
    );
    const bought = (await server.db.execute({ sql: `SELECT request_id FROM purchases WHERE company_id = ?`, args: [me.companyId!] })).rows;
    expect(bought).toHaveLength(1);
    const winner = String(bought[0]!.request_id);
    for (const a of answers) {
      if (a.id === winner) expect(a.status).toBe(201);
      else expect(a).toMatchObject({ status: 422, body: { error: 'idempotency_key_reused' } });
    }
  });

  test('another company may use the same key for another request: keys are per company', async () => {
    const a = await contractor(server);
    const b = await contractor(server);
    const one = await sendRequest(server, partnerKey, { category: 'kitchen' });
    const two = await sendRequest(server, partnerKey, { category: 'kitchen' });
    const k = key();
    expect((await a.json('POST', `/v1/leads/${one}/purchase`, { headers: { 'idempotency-key': k } })).status).toBe(201);
    const other = await b.json('POST', `/v1/leads/${two}/purchase`, { headers: { 'idempotency-key': k } });
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
  });
});
