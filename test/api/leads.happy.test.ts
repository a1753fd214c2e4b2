// Contractors browse, buy and keep requests: S1 (requests reach providers), S5 (contact details
// only to buyers), S7 (purchases recorded), S18 (only valid requests listed), S19 (the archive).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractor, sendRequest, type Account } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { now } from '../support/clock.ts';

let server: TestServer;
let partnerKey: string;

beforeAll(async () => {
  server = await startServer();
  partnerKey = (await server.createPartner()).publicKey;
});
afterAll(() => server.close());

/** A request with contact values no other request has, so "never contains" means something. */
async function lead(overrides: Record<string, unknown> = {}) {
  const tag = crypto.randomUUID().slice(0, 8);
  const email = `asiakas-${tag}@example.fi`;
  const phone = `040${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const id = await sendRequest(server, partnerKey, { email, phone, ...overrides });
  return { id, email, phone };
}

describe('the list of open requests (S5, S18)', () => {
  test('shows the lead fields, price and cap, and no contact details at all (S5)', async () => {
    const me = await contractor(server);
    const { id, email, phone } = await lead({ region: '06', category: 'kitchen', town: 'Tampere', postalCode: '33100' });
    const res = await me.json('GET', '/v1/leads?region=06&category=kitchen');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(email);
    expect(res.text).not.toContain(phone);
    expect(res.text).not.toMatch(/"(contact|email|phone)"/);
    const item = res.body.items.find((i: { id: string }) => i.id === id);
    const row = (await server.db.execute({ sql: 'SELECT created_at, expires_at FROM requests WHERE id = ?', args: [id] })).rows[0]!;
    expect(item).toEqual({
      id,
      category: 'kitchen',
      categoryLabel: 'Keittiö',
      description: expect.stringContaining('Kylpyhuoneen'),
      region: '06',
      postalCode: '33100',
      town: 'Tampere',
      customerType: 'person',
      createdAt: new Date(Number(row.created_at)).toISOString(),
      expiresAt: new Date(Number(row.expires_at)).toISOString(),
      priceCents: 2500,
      buyers: 0,
      maxBuyers: 3,
      purchased: false,
      confirmed: false,
      confirmedVia: null,
      answers: {},
      locale: 'fi',
      duplicateOf: null,
    });
  });

  test("the category label follows the user's locale", async () => {
    const sv = await contractor(server, { locale: 'sv' });
    const { id } = await lead({ region: '15', category: 'sauna' });
    const { body } = await sv.json('GET', '/v1/leads?region=15&category=sauna');
    expect(body.items.find((i: { id: string }) => i.id === id).categoryLabel).toBe('Bastu');
  });

  test('filters by region and by category', async () => {
    const me = await contractor(server);
    const a = await lead({ region: '11', category: 'roof' });
    const b = await lead({ region: '11', category: 'facade' });
    const c = await lead({ region: '12', category: 'roof' });
    const ids = async (q: string) => (await me.json('GET', `/v1/leads?${q}&limit=100`)).body.items.map((i: { id: string }) => i.id);

    const inRegion = await ids('region=11');
    expect(inRegion).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(inRegion).not.toContain(c.id);

    const roofs = await ids('category=roof');
    expect(roofs).toEqual(expect.arrayContaining([a.id, c.id]));
    expect(roofs).not.toContain(b.id);

    expect(await ids('region=11&category=roof')).toEqual([a.id]);
  });

  test('pages newest first with an opaque cursor, each request once', async () => {
    const me = await contractor(server);
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await lead({ region: '18', category: 'yard' })).id);
    const seen: { id: string; createdAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/v1/leads?region=18&category=yard&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const { status, body } = await me.json('GET', q);
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items);
      cursor = body.nextCursor;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((i) => i.id).sort()).toEqual([...made].sort());
    const order = [...seen].sort((x, y) => y.createdAt.localeCompare(x.createdAt) || (y.id < x.id ? -1 : 1));
    expect(seen.map((i) => i.id)).toEqual(order.map((i) => i.id));
  });

  test('limit defaults to 20', async () => {
    const me = await contractor(server);
    for (let i = 0; i < 21; i++) await lead({ region: '16', category: 'floors' });
    const first = await me.json('GET', '/v1/leads?region=16&category=floors');
    expect(first.body.items).toHaveLength(20);
    const rest = await me.json('GET', `/v1/leads?region=16&category=floors&cursor=${first.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
  });
});

describe('buying a request (S5, S7)', () => {
  let buyer: Account;
  let bought: { id: string; email: string; phone: string };
  let purchaseId: string;

  beforeAll(async () => {
    buyer = await contractor(server);
    bought = await lead({ region: '13', category: 'painting' });
  });

  test('201 with the purchase, the price charged and the contact details', async () => {
    const res = await buyer.json('POST', `/v1/leads/${bought.id}/purchase`);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      purchaseId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      priceCents: 2500,
      contact: { email: bought.email, phone: bought.phone, firstName: null },
    });
    purchaseId = res.body.purchaseId;
    const row = (await server.db.execute({ sql: 'SELECT * FROM purchases WHERE id = ?', args: [purchaseId] })).rows[0]!;
    // Copied so the invoice works after the purge.
    expect(row).toMatchObject({
      request_id: bought.id,
      company_id: buyer.companyId,
      user_id: buyer.userId,
      price_cents: 2500,
      category_id: 'painting',
      region_code: '13',
    });
    const audit = await server.db.execute({
      sql: `SELECT action FROM audit_events WHERE request_id = ? AND company_id = ? ORDER BY action`,
      args: [bought.id, buyer.companyId],
    });
    expect(audit.rows.map((r) => r.action)).toEqual(['contact.viewed', 'lead.purchased']);
  });

  test("the buyer's detail has the contact details; the list marks it purchased", async () => {
    const detail = await buyer.json('GET', `/v1/leads/${bought.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: bought.id,
      status: 'open',
      buyers: 1,
      maxBuyers: 3,
      purchased: true,
      contact: { email: bought.email, phone: bought.phone },
    });
    const list = await buyer.json('GET', '/v1/leads?region=13&category=painting');
    expect(list.body.items.find((i: { id: string }) => i.id === bought.id)).toMatchObject({ purchased: true, buyers: 1 });
    expect(list.text).not.toContain(bought.email);
  });

  test('GET /v1/purchases lists it with the contact details', async () => {
    const res = await buyer.json('GET', '/v1/purchases');
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      purchaseId,
      id: bought.id,
      priceCents: 2500,
      category: 'painting',
      region: '13',
      purchased: true,
      status: 'open',
      contact: { email: bought.email, phone: bought.phone },
    });
    expect(Date.parse(res.body.items[0].purchasedAt)).toBeGreaterThan(now() - 60_000);
  });

  test('an owner may buy too; a request with only a phone shows email null', async () => {
    const owner = await contractor(server, { role: 'owner' });
    const { id, phone } = await lead({ region: '13', category: 'electrical', email: undefined });
    const res = await owner.json('POST', `/v1/leads/${id}/purchase`);
    expect(res.status).toBe(201);
    expect(res.body.contact).toEqual({ email: null, phone, firstName: null });
  });

  test('purchases page newest first, with a cursor', async () => {
    const me = await contractor(server);
    const ids = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await lead({ region: '14', category: 'heating' });
      expect((await me.call('POST', `/v1/leads/${id}/purchase`)).status).toBe(201);
      ids.push(id);
    }
    const first = await me.json('GET', '/v1/purchases?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await me.json('GET', `/v1/purchases?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items];
    expect(all.map((i: { id: string }) => i.id).sort()).toEqual([...ids].sort());
    const times = all.map((i: { purchasedAt: string }) => i.purchasedAt);
    expect(times).toEqual([...times].sort().reverse());
  });
});
