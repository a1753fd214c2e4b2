// The optional monthly spend cap, and "not for us", over real HTTP on both engines (S7: every
// purchase is one the company agreed to pay for). The cap is part of the purchase's single
// conditional write, so it holds under concurrent purchases like the cap on buyers does.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { boughtAt, contractor, customerRequest, lastMonth, setPrice, staff } from '../support/billing.ts';
import { signUp, type Account } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let partnerKey: string;

beforeAll(async () => {
  server = await startServer();
  partnerKey = (await server.createPartner()).publicKey;
  await setPrice(server, 'kitchen', 2500);
});
afterAll(() => server.close());

const count = async (sql: string, ...args: string[]) => Number((await server.db.execute({ sql, args })).rows[0]!.n);

describe('the monthly spend cap', () => {
  test('an owner sets it; a member cannot; staff can; it must be whole cents ≥ 0', async () => {
    const owner = await contractor(server, { role: 'owner' });
    const member = await signUp(server, { companyId: owner.companyId });
    expect((await owner.json('PATCH', '/v1/company/billing', { body: { spendCapCents: 7500 } })).body).toMatchObject({
      companyId: owner.companyId,
      spendCapCents: 7500,
      spentThisMonthCents: 0,
    });
    expect((await member.json('PATCH', '/v1/company/billing', { body: { spendCapCents: 1 } })).status).toBe(403);
    expect((await owner.json('PATCH', '/v1/company/billing', { body: { spendCapCents: -1 } })).status).toBe(422);
    expect((await owner.json('PATCH', '/v1/company/billing', { body: { spendCapCents: 12.5 } })).status).toBe(422);
    // Owners cannot set the e-invoicing details; staff can, and can clear the cap.
    expect(
      (await owner.json('PATCH', '/v1/company/billing', { body: { spendCapCents: 1, einvoiceAddress: '003712345671' } })).body
        .spendCapCents,
    ).toBe(1);
    const admin = await staff(server);
    expect(
      (await admin.json('PATCH', `/v1/admin/companies/${owner.companyId}/billing`, { body: { spendCapCents: null } })).body.spendCapCents,
    ).toBeNull();
    expect((await admin.json('GET', `/v1/admin/companies/${owner.companyId}/billing`)).body.einvoiceAddress).toBeNull();
  });

  test('a purchase past the cap → 409 spend_cap_reached with the numbers, and nothing written', async () => {
    const owner = await contractor(server, { role: 'owner' });
    await owner.json('PATCH', '/v1/company/billing', { body: { spendCapCents: 6000 } });
    const [a, b, c] = [
      await customerRequest(server, partnerKey, { category: 'kitchen' }),
      await customerRequest(server, partnerKey, { category: 'kitchen' }),
      await customerRequest(server, partnerKey, { category: 'kitchen' }),
    ];
    expect((await owner.json('POST', `/v1/leads/${a.id}/purchase`)).status).toBe(201);
    expect((await owner.json('POST', `/v1/leads/${b.id}/purchase`)).status).toBe(201);
    const refused = await owner.json('POST', `/v1/leads/${c.id}/purchase`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'spend_cap_reached', capCents: 6000, spentCents: 5000, priceCents: 2500 });
    expect(refused.body.message).toMatch(/spend cap/);
    expect(refused.text).not.toContain('@example.fi');
    expect(await count('SELECT count(*) AS n FROM purchases WHERE request_id = ?', c.id)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM audit_events WHERE request_id = ?`, c.id)).toBe(0);
    // Another company is not limited by it.
    expect((await (await contractor(server)).json('POST', `/v1/leads/${c.id}/purchase`)).status).toBe(201);
    // Raising the cap lets the purchase through.
    await owner.json('PATCH', '/v1/company/billing', { body: { spendCapCents: 7500 } });
    expect((await owner.json('POST', `/v1/leads/${c.id}/purchase`)).status).toBe(201);
  });

  test("last month's purchases do not count against this month", async () => {
    const owner = await contractor(server, { role: 'owner' });
    await owner.json('PATCH', '/v1/company/billing', { body: { spendCapCents: 2500 } });
    await boughtAt(server, owner, partnerKey, lastMonth().inside, { category: 'kitchen' });
    const fresh = await customerRequest(server, partnerKey, { category: 'kitchen' });
    expect((await owner.json('POST', `/v1/leads/${fresh.id}/purchase`)).status).toBe(201);
  });

  test('12 simultaneous purchases of different leads by one company with room for 3 → exactly 3', async () => {
    const owner = await contractor(server, { role: 'owner' });
    const users: Account[] = [
      owner,
      ...(await Promise.all(Array.from({ length: 3 }, () => signUp(server, { companyId: owner.companyId })))),
    ];
    await owner.json('PATCH', '/v1/company/billing', { body: { spendCapCents: 7500 } });
    const leads = await Promise.all(Array.from({ length: 12 }, () => customerRequest(server, partnerKey, { category: 'kitchen' })));
    const answers = await Promise.all(leads.map((l, i) => users[i % users.length]!.json('POST', `/v1/leads/${l.id}/purchase`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error === 'spend_cap_reached')).toBe(true);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(9);
    expect(await count('SELECT count(*) AS n FROM purchases WHERE company_id = ?', owner.companyId!)).toBe(3);
    expect(await count('SELECT coalesce(sum(price_cents), 0) AS n FROM purchases WHERE company_id = ?', owner.companyId!)).toBe(7500);
  });
});

describe('"not for us"', () => {
  test("hides an open request from this company's list only, at no charge; undo shows it again", async () => {
    const me = await contractor(server);
    const other = await contractor(server);
    const lead = await customerRequest(server, partnerKey, { category: 'kitchen', region: '09' });
    const listed = async (who: Account) =>
      (await who.json('GET', '/v1/leads?region=09&limit=100')).body.items.map((i: { id: string }) => i.id);

    expect((await me.call('POST', `/v1/leads/${lead.id}/not-for-us`)).status).toBe(204);
    expect(await listed(me)).not.toContain(lead.id);
    expect(await listed(other)).toContain(lead.id);
    expect(await count('SELECT count(*) AS n FROM purchases WHERE request_id = ?', lead.id)).toBe(0);
    // Twice is the same answer.
    expect((await me.call('POST', `/v1/leads/${lead.id}/not-for-us`)).status).toBe(204);
    // Still reachable by its link, and buyable if they change their mind.
    expect((await me.json('GET', `/v1/leads/${lead.id}`)).status).toBe(200);

    expect((await me.call('DELETE', `/v1/leads/${lead.id}/not-for-us`)).status).toBe(204);
    expect(await listed(me)).toContain(lead.id);
  });

  test('a bought request → 409; a closed one → 410; an unknown one → 404; from another site → 403', async () => {
    const me = await contractor(server);
    const bought = await customerRequest(server, partnerKey, { category: 'kitchen' });
    await me.json('POST', `/v1/leads/${bought.id}/purchase`);
    expect((await me.json('POST', `/v1/leads/${bought.id}/not-for-us`)).body).toEqual({ error: 'already_bought' });

    const closed = await customerRequest(server, partnerKey, { category: 'kitchen' });
    await fetch(`${server.url}/v1/manage/close`, { method: 'POST', headers: { authorization: `Bearer ${closed.manageToken}` } });
    expect((await me.call('POST', `/v1/leads/${closed.id}/not-for-us`)).status).toBe(410);
    expect((await me.call('POST', `/v1/leads/${crypto.randomUUID()}/not-for-us`)).status).toBe(404);

    const open = await customerRequest(server, partnerKey, { category: 'kitchen' });
    expect((await me.call('POST', `/v1/leads/${open.id}/not-for-us`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await fetch(`${server.url}/v1/leads/${open.id}/not-for-us`, { method: 'POST' })).status).toBe(401);
  });
});
