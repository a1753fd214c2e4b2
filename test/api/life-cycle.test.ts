// The life cycle with the clock moved through seven months, run the way each engine runs its
// jobs (Node: in-process; Worker: a cron event in workerd). S17–S20, S25.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addDays, addMonths } from '../../api/contract/dates.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { companyUser, signIn } from '../support/session.ts';

const origin = 'https://rautakauppa.example';
let server: TestServer;
let partner: string;

beforeAll(async () => {
  server = await startServer();
  partner = (await server.createPartner({ origins: [origin] })).publicKey;
});
afterAll(() => server.close());

const row = async (id: string) => (await server.db.execute({ sql: 'SELECT * FROM requests WHERE id = ?', args: [id] })).rows[0]!;
const contactRows = async (id: string) =>
  Number((await server.db.execute({ sql: 'SELECT count(*) AS n FROM request_contacts WHERE request_id = ?', args: [id] })).rows[0]!.n);

describe('seven months in the life of two requests', () => {
  test('visible at day 27, hidden at day 29, in the archive at 5 months after the end, purged at 6 months + 1 day', async () => {
    const canary = `Kanarialintu-${crypto.randomUUID()}`;
    const send = async (region: string) => {
      const body = validRequest(partner, { region, description: `${canary} kylpyhuone` });
      const res = await postRequest(server.url, body, { origin });
      return { ...((await res.json()) as { id: string; manageToken: string; expiresAt: string }), email: body.email };
    };
    const unsold = await send('12');
    const bought = await send('12');
    const buyer = await companyUser(server);
    const other = await companyUser(server);
    const purchase = await buyer.session.json('POST', `/v1/leads/${bought.id}/purchase`);
    expect(purchase.status).toBe(201);
    const created = new Date(Number((await row(unsold.id)).created_at));
    // The jobs run "months ahead" also end every session idle since "then": sign in again each time.
    const as = (u: { email: string }) => signIn(server, u.email, 'salasana-1234');
    const listed = async () =>
      (await (await as(other)).json('GET', '/v1/leads?region=12&limit=100')).body.items.map((i: { id: string }) => i.id);

    // Day 27: still open and listed (S18).
    await server.runScheduled(addDays(created, 27));
    expect((await row(unsold.id)).status).toBe('open');
    expect(await listed()).toContain(unsold.id);

    // Day 29: expired, hidden from the list; it ended when it expired.
    await server.runScheduled(addDays(created, 29));
    for (const r of [unsold, bought]) {
      const after = await row(r.id);
      expect(after.status).toBe('expired');
      expect(Number(after.ended_at)).toBe(Date.parse(r.expiresAt));
    }
    // (The list reads the server's clock, which is behind the job's "now", so check the status the list filters on.)
    expect((await (await as(other)).json('POST', `/v1/leads/${unsold.id}/purchase`)).status).toBe(410);

    // 5 months after the end: the buyer still has it, with contact details (S19).
    const end = new Date(bought.expiresAt);
    await server.runScheduled(addMonths(end, 5));
    expect((await (await as(buyer)).json('GET', `/v1/leads/${bought.id}`)).body.contact.email).toBe(bought.email);
    expect(await contactRows(unsold.id)).toBe(1);

    // 6 months + 1 day after the end: contact details and every other personal field are gone,
    // bought or not (S20, S17); the purchase keeps what invoicing needs.
    await server.runScheduled(addDays(addMonths(end, 6), 1));
    for (const r of [unsold, bought]) {
      const after = await row(r.id);
      expect(after).toMatchObject({
        status: 'purged',
        description: null,
        postal_code: null,
        town: null,
        municipality_code: null,
        manage_token_hash: null,
      });
      expect(after.region_code).toBe('12');
      expect(await contactRows(r.id)).toBe(0);
      expect((await fetch(`${server.url}/v1/manage`, { headers: { authorization: `Bearer ${r.manageToken}` } })).status).toBe(401);
    }
    const kept = (await server.db.execute({ sql: 'SELECT * FROM purchases WHERE request_id = ?', args: [bought.id] })).rows[0]!;
    expect(kept).toMatchObject({ category_id: 'bathroom', region_code: '12', price_cents: purchase.body.priceCents });
    const archive = await (await as(buyer)).json('GET', `/v1/leads/${bought.id}`);
    expect(archive.body?.contact ?? null).toBeNull();
    expect(JSON.stringify(archive.body)).not.toContain('matti');

    // The deleted text does not linger in the database file's free pages or WAL (secure_delete).
    for (const file of [server.dbPath, `${server.dbPath}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from(canary)), file).toBe(false);
    }

    // The runs are on record, each with what it did.
    const runs = await server.db.execute('SELECT report FROM job_runs WHERE finished_at IS NOT NULL ORDER BY as_of');
    const reports = runs.rows.map((r) => JSON.parse(String(r.report)));
    expect(reports.map((r) => r.requestsExpired)).toContain(2);
    expect(reports.at(-1)!.requestsPurged).toBeGreaterThanOrEqual(2);

    // Safe to run again.
    await server.runScheduled(addDays(addMonths(end, 6), 2));
    expect((await row(bought.id)).status).toBe('purged');
  });
});

test('a closed request is purged 6 months after it was closed, not after it would have expired (S25)', async () => {
  const res = await postRequest(server.url, validRequest(partner), { origin });
  const r = (await res.json()) as { id: string; manageToken: string };
  await fetch(`${server.url}/v1/manage/close`, { method: 'POST', headers: { authorization: `Bearer ${r.manageToken}` } });
  const closedAt = new Date(Number((await row(r.id)).ended_at));
  await server.runScheduled(addDays(addMonths(closedAt, 6), -1));
  expect((await row(r.id)).status).toBe('closed');
  await server.runScheduled(addDays(addMonths(closedAt, 6), 1));
  expect((await row(r.id)).status).toBe('purged');
});
