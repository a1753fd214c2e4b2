// Issue 10, finding 2: an Idempotency-Key sent again with a different body is refused with 422
// idempotency_key_reused and changes nothing; the first answer (its manage token is a secret)
// goes only to the same request again (SPEC.md, December 2026; the IETF draft's semantics).
// Purchases: test/api/leads.idempotency.test.ts. Both engines.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postRequest, storedRows, validRequest } from '../support/intake.ts';
import { startServer, type TestServer } from '../support/server.ts';

const origin = 'https://taloyhtio.example';
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const newKey = () => crypto.randomUUID();
const partner = async () => (await server.createPartner({ origins: [origin] })).publicKey;
const send = async (body: unknown, key: string) => {
  const res = await postRequest(server.url, body, { origin, 'idempotency-key': key });
  const text = await res.text();
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), text, body: JSON.parse(text) };
};

/** Everything a refused send must leave as it was. */
async function snapshot() {
  const n = async (sql: string) => Number((await server.db.execute(sql)).rows[0]!.n);
  return {
    ...(await storedRows(server.db)),
    outbox: await n('SELECT count(*) AS n FROM outbox'),
    counters: await n("SELECT COALESCE(sum(count), 0) AS n FROM partner_counters WHERE event = 'sent'"),
    keys: JSON.stringify((await server.db.execute('SELECT * FROM idempotency_keys ORDER BY scope, key_hash')).rows),
  };
}

describe('the same key with another body', () => {
  test('→ 422 idempotency_key_reused, nothing changes, and the first manage token never appears in the answer', async () => {
    const key = await partner();
    const k = newKey();
    const firstBody = validRequest(key, { email: 'ensimmainen@example.fi' });
    const first = await send(firstBody, k);
    expect(first.status).toBe(201);
    const before = await snapshot();

    const other = validRequest(key, {
      email: 'hyokkaaja@example.fi',
      description: 'Joku muu pyyntö, jolla yritetään saada ensimmäisen hallintalinkki.',
    });
    const reused = await send(other, k);
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({
      error: 'idempotency_key_reused',
      issues: [{ path: 'Idempotency-Key', code: 'idempotency_key_reused' }],
    });
    expect(reused.replayed).toBeNull();
    for (const secret of [first.body.manageToken, first.body.manageUrl, first.body.id]) expect(reused.text).not.toContain(secret);
    expect(await snapshot()).toEqual(before);

    // The record is intact: the first request sent again still gets its own answer.
    const again = await send(firstBody, k);
    expect(again).toMatchObject({ status: 201, replayed: 'true', body: first.body });
  });

  test('only a changed field counts: the same request written differently (key order, spaces) is replayed', async () => {
    const key = await partner();
    const k = newKey();
    const body = validRequest(key);
    const first = await send(body, k);
    expect(first.status).toBe(201);
    const reordered = Object.fromEntries(
      Object.entries({ ...body, description: `  ${body.description} `, phone: body.phone.replaceAll(' ', '') }).reverse(),
    );
    expect(await send(reordered, k)).toMatchObject({ status: 201, replayed: 'true', body: first.body });
    // One character of the description differs: another request.
    expect((await send({ ...body, description: `${body.description}!` }, k)).status).toBe(422);
  });

  test('concurrent sends of one key with two bodies store one request; the other body only ever gets 422', async () => {
    const key = await partner();
    const k = newKey();
    const bodies = [validRequest(key, { email: 'a-puoli@example.fi' }), validRequest(key, { email: 'b-puoli@example.fi' })];
    const before = await storedRows(server.db);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => send(bodies[i % 2], k).then((a) => ({ ...a, sent: i % 2 }))));
    const after = await storedRows(server.db);
    expect(after.requests - before.requests).toBe(1);
    const won = answers.find((a) => a.status === 201)!;
    expect(won).toBeDefined();
    for (const a of answers) {
      if (a.sent === won.sent) {
        expect(a).toMatchObject({ status: 201, body: { id: won.body.id, manageToken: won.body.manageToken } });
      } else {
        expect(a.status).toBe(422);
        expect(a.body.error).toBe('idempotency_key_reused');
        expect(a.text).not.toContain(won.body.manageToken);
      }
    }
  });

  test('a record without a fingerprint (written before migration 0007) is never replayed', async () => {
    const key = await partner();
    const k = newKey();
    const body = validRequest(key);
    const first = await send(body, k);
    expect(first.status).toBe(201);
    await server.db.execute("UPDATE idempotency_keys SET fingerprint = NULL WHERE scope LIKE 'intake:%'");
    const again = await send(body, k);
    expect(again.status).toBe(422);
    expect(again.text).not.toContain(first.body.manageToken);
  });

  test('the OpenAPI document names the code for intake and purchases', async () => {
    const doc = await (await fetch(`${server.url}/v1/openapi.json`)).json();
    for (const path of ['/v1/requests', '/v1/leads/{id}/purchase']) {
      const answer = doc.paths[path].post.responses['422'];
      expect(JSON.stringify(answer), path).toContain('idempotency_key_reused');
    }
  });
});
