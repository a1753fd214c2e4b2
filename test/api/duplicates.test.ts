// Duplicates (issue 13, part 5), on both engines: the same contact (keyed hash of the e-mail or
// the phone) in the same category within 14 days is linked to the first request; a company that
// bought one of a group sees the others as bought and is never charged for them (S7), also when
// it buys two of a group at once; another company buys a duplicate as any lead.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { duplicates } from '../../api/config.ts';
import { firstOfGroup } from '../../api/domain/submit-request.ts';
import { queryPlan } from '../support/plan.ts';
import { contractor } from '../support/accounts.ts';
import { testClock } from '../support/clock.ts';
import { postRequest, uniqueContact, validRequest } from '../support/intake.ts';
import { startServer, type TestServer } from '../support/server.ts';

const clock = testClock();
let server: TestServer;
let partner: string;
beforeAll(async () => {
  server = await startServer({ clock });
  partner = (await server.createPartner()).publicKey;
});
afterAll(() => server.close());

async function send(overrides: Record<string, unknown>): Promise<string> {
  const res = await postRequest(server.url, validRequest(partner, overrides));
  expect(res.status).toBe(201);
  return (await res.json()).id;
}
const duplicateOf = async (id: string) =>
  (await server.db.execute({ sql: 'SELECT duplicate_of FROM requests WHERE id = ?', args: [id] })).rows[0]!.duplicate_of;
const purchasesOf = async (company: string) =>
  (await server.db.execute({ sql: 'SELECT request_id, price_cents FROM purchases WHERE company_id = ?', args: [company] })).rows;

describe('linking', () => {
  test('same e-mail or same phone, same category, within 14 days → linked to the first; another category → not', async () => {
    const c = uniqueContact();
    const first = await send({ ...c });
    const sameEmail = await send({ email: c.email, phone: uniqueContact().phone });
    const samePhone = await send({ email: uniqueContact().email, phone: c.phone.replaceAll(' ', '') });
    const emailCase = await send({ email: c.email.toUpperCase(), phone: '' });
    const otherCategory = await send({ ...c, category: 'kitchen' });
    expect(await duplicateOf(first)).toBeNull();
    for (const id of [sameEmail, samePhone, emailCase]) expect(await duplicateOf(id)).toBe(first);
    expect(await duplicateOf(otherCategory)).toBeNull();
  });

  test(`${duplicates.linkDays} days on, the same contact starts a group of its own`, async () => {
    const c = uniqueContact();
    const first = await send({ ...c });
    clock.advance(duplicates.linkDays * 86_400_000 + 1000);
    const later = await send({ ...c });
    expect(await duplicateOf(later)).toBeNull();
    expect(await duplicateOf(await send({ ...c }))).toBe(later);
    expect(await duplicateOf(first)).toBeNull();
  });
});

test("the link is found from the contact's hashes, never by walking the requests", async () => {
  const query = new SQLiteAsyncDialect().sqlToQuery(
    sql`SELECT ${firstOfGroup({ emailHash: 'e', phoneHash: 'p', categoryId: 'bathroom', now: clock.now() })}`,
  );
  const detail = (await queryPlan(server.dbPath, query.sql, query.params as string[])).join('\n');
  expect(detail).toContain('MULTI-INDEX OR');
  expect(detail).toContain('request_contacts_email_hash_idx');
  expect(detail).toContain('request_contacts_phone_hash_idx');
  expect(detail).not.toMatch(/SCAN (f|requests)|requests_duplicate_of_idx/);
});

describe('charging', () => {
  test('a company that bought the first sees the duplicate as bought, with its details, and pays once', async () => {
    const c = uniqueContact();
    const first = await send({ ...c });
    const dup = await send({ email: c.email, phone: uniqueContact().phone });
    const me = await contractor(server);
    const bought = await me.json('POST', `/v1/leads/${first}/purchase`);
    expect(bought.status).toBe(201);

    const listed = (await me.json('GET', '/v1/leads?limit=100')).body.items.find((l: { id: string }) => l.id === dup);
    expect(listed).toMatchObject({ purchased: true, duplicateOf: first });
    const detail = await me.json('GET', `/v1/leads/${dup}`);
    expect(detail.body).toMatchObject({ purchased: true, duplicateOf: first, contact: { email: c.email } });

    const again = await me.json('POST', `/v1/leads/${dup}/purchase`);
    expect(again.status).toBe(200);
    expect(again.body.purchaseId).toBe(bought.body.purchaseId);
    expect(again.body.contact.email).toBe(c.email);
    expect(await purchasesOf(me.companyId!)).toHaveLength(1);

    // Another company buys the duplicate as any lead, at its price; a third has bought neither.
    const other = await contractor(server);
    const theirs = await other.json('POST', `/v1/leads/${dup}/purchase`);
    expect(theirs.status).toBe(201);
    expect(theirs.body.priceCents).toBeGreaterThan(0);
    const third = await contractor(server);
    expect((await third.json('GET', `/v1/leads/${dup}`)).body).toMatchObject({ purchased: false, contact: null });
  });

  test('bought the duplicate first: the first is bought too (the group goes both ways)', async () => {
    const c = uniqueContact();
    const first = await send({ ...c });
    const dup = await send({ ...c });
    const me = await contractor(server);
    expect((await me.json('POST', `/v1/leads/${dup}/purchase`)).status).toBe(201);
    expect((await me.json('POST', `/v1/leads/${first}/purchase`)).status).toBe(200);
    expect((await me.json('GET', `/v1/leads/${first}`)).body).toMatchObject({ purchased: true, contact: { email: c.email } });
    expect(await purchasesOf(me.companyId!)).toHaveLength(1);
  });

  test('race: one company buying a first and its two duplicates at once is charged exactly once', async () => {
    for (let round = 0; round < 3; round++) {
      const c = uniqueContact();
      const group = [await send({ ...c }), await send({ ...c }), await send({ ...c })];
      const me = await contractor(server);
      const answers = await Promise.all(group.flatMap((id) => [1, 2].map(() => me.json('POST', `/v1/leads/${id}/purchase`))));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      const purchases = await purchasesOf(me.companyId!);
      expect(purchases).toHaveLength(1);
      const winner = answers.find((a) => a.status === 201)!.body.purchaseId;
      expect(answers.map((a) => a.body.purchaseId)).toEqual(answers.map(() => winner));
    }
  });
});
