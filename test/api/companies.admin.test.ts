// PATCH /v1/admin/companies/:id (SPEC, "Contract additions"): staff edit a company; an inactive
// company's users lose their sessions at once and their API calls answer 401; invoices stay.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractor, createCompany, randomBusinessId, signUp, type Account } from '../support/accounts.ts';
import { boughtAt, lastMonth, staff } from '../support/billing.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let admin: Account;
let partnerKey: string;
beforeAll(async () => {
  server = await startServer();
  admin = await staff(server);
  partnerKey = (await server.createPartner()).publicKey;
});
afterAll(() => server.close());

const patch = (who: Account, id: string, body: unknown) => who.json('PATCH', `/v1/admin/companies/${id}`, { body });

describe('happy', () => {
  test('staff change name, business ID, billing fields, regions; 200 with the company; an audit row', async () => {
    const id = await createCompany(server);
    const businessId = randomBusinessId();
    const res = await patch(admin, id, {
      name: '  Uusi Nimi Oy ',
      businessId,
      billingAddress: 'Laskutie 2, 00100 Helsinki',
      billingEmail: 'laskut@uusi.example',
      regions: ['01', '19'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      name: 'Uusi Nimi Oy',
      businessId,
      active: true,
      billingAddress: 'Laskutie 2, 00100 Helsinki',
      billingEmail: 'laskut@uusi.example',
      regions: ['01', '19'],
      categories: [],
    });
    expect(res.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const cleared = await patch(admin, id, { billingEmail: null, billingAddress: '' });
    expect([cleared.body.billingEmail, cleared.body.billingAddress]).toEqual([null, null]);
    const audit = await server.db.execute({
      sql: `SELECT action FROM audit_events WHERE company_id = ? AND action = 'company.updated'`,
      args: [id],
    });
    expect(audit.rows).toHaveLength(2);
  });

  test('deactivating ends every session of the company at once, refuses its API calls with 401, keeps its invoices', async () => {
    const owner = await contractor(server, { role: 'owner' });
    const member = await signUp(server, { companyId: owner.companyId, role: 'member' });
    const other = await contractor(server);
    await boughtAt(server, owner, partnerKey, lastMonth().inside);
    expect((await admin.json('POST', '/v1/invoices/generate', { body: { period: lastMonth().period } })).status).toBe(200);
    const invoices = await admin.json('GET', `/v1/invoices?period=${lastMonth().period}`);
    const invoice = invoices.body.items.find((i: { companyId: string }) => i.companyId === owner.companyId);
    expect(invoice).toBeDefined();
    expect((await owner.json('GET', '/v1/me')).status).toBe(200);

    const res = await patch(admin, owner.companyId!, { active: false });
    expect([res.status, res.body.active]).toEqual([200, false]);
    const left = await server.db.execute({
      sql: 'SELECT count(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.company_id = ?',
      args: [owner.companyId],
    });
    expect(Number(left.rows[0]!.n)).toBe(0);
    for (const who of [owner, member]) {
      expect((await who.json('GET', '/v1/me')).status).toBe(401);
      expect((await who.json('GET', '/v1/leads')).status).toBe(401);
      expect((await who.json('GET', '/v1/invoices')).status).toBe(401);
    }
    expect((await other.json('GET', '/v1/me')).status).toBe(200);
    const kept = await admin.json('GET', `/v1/invoices/${invoice.id}`);
    expect([kept.status, kept.body.id]).toEqual([200, invoice.id]);
    const audit = await server.db.execute({
      sql: `SELECT actor_user_id FROM audit_events WHERE company_id = ? AND action = 'company.deactivated'`,
      args: [owner.companyId],
    });
    expect(audit.rows.map((r) => r.actor_user_id)).toEqual([admin.userId]);
    expect((await patch(admin, owner.companyId!, { active: true })).body.active).toBe(true);
  });

  test('a session row that outlives the deactivation (written in a race) still does not work', async () => {
    const user = await contractor(server);
    const [session] = (
      await server.db.execute({
        sql: 'SELECT id_hash, user_id, created_at, last_seen_at, expires_at FROM sessions WHERE user_id = ?',
        args: [user.userId],
      })
    ).rows;
    expect((await patch(admin, user.companyId!, { active: false })).status).toBe(200);
    await server.db.execute({
      sql: 'INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      args: [session!.id_hash, session!.user_id, session!.created_at, session!.last_seen_at, session!.expires_at],
    });
    expect((await user.json('GET', '/v1/me')).status).toBe(401);
  });
});

describe('errors', () => {
  test('422 with the field for a bad business ID, an empty name, a wrong type; 404 unknown; 409 business_id_taken', async () => {
    const id = await createCompany(server);
    const bad = await patch(admin, id, { businessId: '1234567-8' });
    expect([bad.status, bad.body.error, bad.body.issues[0].path]).toEqual([422, 'invalid', 'businessId']);
    expect((await patch(admin, id, { name: '   ' })).body.issues[0].path).toBe('name');
    expect((await patch(admin, id, { active: 'no' })).body.issues[0].path).toBe('active');
    expect((await patch(admin, id, { regions: ['03'] })).status).toBe(422);
    expect((await patch(admin, crypto.randomUUID(), { name: 'Ei ole Oy' })).status).toBe(404);
    const taken = (await server.db.execute({ sql: 'SELECT business_id FROM companies WHERE id != ? LIMIT 1', args: [id] })).rows[0]!
      .business_id;
    const clash = await patch(admin, id, { businessId: taken });
    expect([clash.status, clash.body.error]).toEqual([409, 'business_id_taken']);
    expect(
      (
        await patch(admin, id, {
          businessId: (await server.db.execute({ sql: 'SELECT business_id FROM companies WHERE id = ?', args: [id] })).rows[0]!.business_id,
        })
      ).status,
    ).toBe(200);
  });
});

describe('security', () => {
  test('contractors (owner or member) get 403 and change nothing; no session: 401; a foreign Origin: 403', async () => {
    const owner = await contractor(server, { role: 'owner' });
    const before = (await server.db.execute({ sql: 'SELECT name, active FROM companies WHERE id = ?', args: [owner.companyId] })).rows[0];
    expect((await patch(owner, owner.companyId!, { active: false })).status).toBe(403);
    expect((await patch(await contractor(server), owner.companyId!, { name: 'Kaapattu Oy' })).status).toBe(403);
    const anonymous = await fetch(`${server.url}/v1/admin/companies/${owner.companyId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{"active":false}',
    });
    expect(anonymous.status).toBe(401);
    expect(
      (
        await admin.call('PATCH', `/v1/admin/companies/${owner.companyId}`, {
          body: { active: false },
          headers: { origin: 'https://evil.example' },
        })
      ).status,
    ).toBe(403);
    expect((await server.db.execute({ sql: 'SELECT name, active FROM companies WHERE id = ?', args: [owner.companyId] })).rows[0]).toEqual(
      before,
    );
    expect((await owner.json('GET', '/v1/me')).status).toBe(200);
  });
});
