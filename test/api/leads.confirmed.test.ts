// Issue 13, confirmed contacts, as contractors see them: each lead says whether its customer
// proved the contact (the confirmation mail's link, or a code texted to the phone), the list
// filters on it (cursor paging included), a request held for its confirmation is never shown,
// and the demo seed shows each kind. Requests are confirmed through POST /v1/requests/confirm
// (test/support/confirm.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoPartnerKey, seedDemo, seedDemoRequests } from '../../api/domain/demo.ts';
import { contractor } from '../support/accounts.ts';
import { confirmByCode as byCode, confirmByLink as byLink, type Sent } from '../support/confirm.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let partnerKey: string;

beforeAll(async () => {
  server = await startServer();
  partnerKey = (await server.createPartner()).publicKey;
});
afterAll(() => server.close());

type Item = { id: string; confirmed: boolean; confirmedVia: 'email' | 'sms' | null };

/** A request as a customer sends it; its id and the manage token the widget was given. */
async function send(overrides: Record<string, unknown>): Promise<Sent> {
  const res = await postRequest(server.url, validRequest(partnerKey, overrides));
  expect(res.status).toBe(201);
  return res.json();
}

/** Confirmed as the customer would; the answer says it is listed now. */
async function confirmByLink(r: Sent) {
  expect(await byLink(server, r)).toEqual({ status: 200, body: { confirmed: true, via: 'email', listed: true } });
}
async function confirmByCode(r: Sent) {
  expect(await byCode(server, r)).toEqual({ status: 200, body: { confirmed: true, via: 'sms', listed: true } });
}

describe('confirmed and confirmedVia', () => {
  test('the list, the detail and the archive say whether and how the contact was confirmed', async () => {
    const me = await contractor(server);
    const where = { region: '05', category: 'sauna' };
    const mailed = await send({ ...where, email: 'linkki-vahvistus@example.fi', phone: undefined });
    const texted = await send({ ...where, email: undefined, phone: '040 765 4321' });
    const not = await send({ ...where, email: 'ei-vahvistettu@example.fi' });
    await confirmByLink(mailed);
    await confirmByCode(texted);

    const expected = {
      [mailed.id]: { confirmed: true, confirmedVia: 'email' },
      [texted.id]: { confirmed: true, confirmedVia: 'sms' },
      [not.id]: { confirmed: false, confirmedVia: null },
    };
    const list = await me.json('GET', '/v1/leads?region=05&category=sauna');
    expect(list.status).toBe(200);
    const shown = Object.fromEntries(list.body.items.map((i: Item) => [i.id, { confirmed: i.confirmed, confirmedVia: i.confirmedVia }]));
    expect(shown).toEqual(expected);
    for (const [id, state] of Object.entries(expected)) {
      const detail = await me.json('GET', `/v1/leads/${id}`);
      expect([detail.status, detail.body]).toEqual([200, expect.objectContaining({ id, ...state, contact: null })]);
    }

    // The buyer's archive (GET /v1/purchases) carries it too.
    for (const id of Object.keys(expected)) expect((await me.call('POST', `/v1/leads/${id}/purchase`)).status).toBe(201);
    const archive = await me.json('GET', '/v1/purchases');
    const bought = Object.fromEntries(
      archive.body.items.map((i: Item) => [i.id, { confirmed: i.confirmed, confirmedVia: i.confirmedVia }]),
    );
    expect(bought).toEqual(expected);
  });

  test('a request held for its confirmation is listed under neither filter, and once confirmed as confirmed', async () => {
    const me = await contractor(server);
    const held = await send({ region: '07', category: 'windows_doors' });
    // What REQUIRE_CONFIRMED_CONTACT stores at intake (submit-request.ts).
    await server.db.execute({ sql: `UPDATE requests SET status = 'unconfirmed' WHERE id = ?`, args: [held.id] });
    const ids = async (q: string) =>
      (await me.json('GET', `/v1/leads?region=07&category=windows_doors${q}`)).body.items.map((i: Item) => i.id);
    expect(await ids('')).not.toContain(held.id);
    expect(await ids('&confirmed=false')).not.toContain(held.id);
    expect(await ids('&confirmed=true')).not.toContain(held.id);
    expect((await me.json('GET', `/v1/leads/${held.id}`)).status).toBe(404);

    await confirmByLink(held);
    expect(await ids('&confirmed=true')).toEqual([held.id]);
    expect(await ids('&confirmed=false')).toEqual([]);
  });
});

describe('GET /v1/leads?confirmed=', () => {
  test('true lists only confirmed leads and false only unconfirmed ones, newest first, paged across a page boundary', async () => {
    const me = await contractor(server);
    const where = { region: '08', category: 'facade' };
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await send(where));
    // Confirmed and unconfirmed alternate in the order shown, so a page that lost the filter shows the other kind.
    const confirmedIds = new Set<string>();
    for (const i of [0, 2, 3, 5]) {
      await confirmByLink(made[i]!);
      confirmedIds.add(made[i]!.id);
    }

    const everything = await me.json('GET', '/v1/leads?region=08&category=facade&limit=100');
    const order: string[] = everything.body.items.map((i: Item) => i.id);
    expect(order.toSorted()).toEqual(made.map((r) => r.id).toSorted());

    /** Every page of a query, following nextCursor; the page sizes too. */
    async function pages(q: string, limit: number) {
      const sizes: number[] = [];
      const seen: Item[] = [];
      let cursor: string | null = null;
      do {
        const res: { status: number; body: { items: Item[]; nextCursor: string | null } } = await me.json(
          'GET',
          `/v1/leads?region=08&category=facade&${q}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        sizes.push(res.body.items.length);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor && sizes.length < 10);
      return { sizes, seen };
    }

    const yes = await pages('confirmed=true', 3);
    expect(yes.sizes).toEqual([3, 1]);
    expect(yes.seen.map((i) => i.id)).toEqual(order.filter((id) => confirmedIds.has(id)));
    expect(yes.seen.every((i) => i.confirmed && i.confirmedVia === 'email')).toBe(true);

    const no = await pages('confirmed=false', 2);
    expect(no.sizes).toEqual([2, 1]);
    expect(no.seen.map((i) => i.id)).toEqual(order.filter((id) => !confirmedIds.has(id)));
    expect(no.seen.every((i) => !i.confirmed && i.confirmedVia === null)).toBe(true);
  });

  test.each(['yes', 'TRUE', '1', ''])('confirmed=%s → 422 invalid_choice on confirmed', async (value) => {
    const me = await contractor(server);
    const res = await me.json('GET', `/v1/leads?confirmed=${value}`);
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'confirmed', code: 'invalid_choice' })]);
  });
});

test('the demo seed (npm start) lists one lead confirmed by e-mail, one by SMS and one unconfirmed', async () => {
  const me = await contractor(server);
  expect(await seedDemo(server.deps, [])).toBe(true);
  expect(await seedDemoRequests(server.deps)).toBe(3);
  const demo = await server.db.execute({
    sql: `SELECT r.id, r.category_id FROM requests r JOIN partners p ON p.id = r.partner_id WHERE p.public_key = ?`,
    args: [demoPartnerKey],
  });
  const shown: Record<string, unknown> = {};
  for (const row of demo.rows) {
    const { body } = await me.json('GET', `/v1/leads/${row.id}`);
    shown[String(row.category_id)] = { status: body.status, confirmed: body.confirmed, confirmedVia: body.confirmedVia };
  }
  expect(shown).toEqual({
    bathroom: { status: 'open', confirmed: true, confirmedVia: 'email' },
    pipe_renovation: { status: 'open', confirmed: true, confirmedVia: 'sms' },
    roof: { status: 'open', confirmed: false, confirmedVia: null },
  });
  // No SMS code is left waiting for the confirmed ones.
  const codes = await server.db.execute({
    sql: 'SELECT count(*) AS n FROM request_contacts WHERE code_hash IS NOT NULL AND request_id IN (SELECT value FROM json_each(?))',
    args: [JSON.stringify(demo.rows.map((r) => String(r.id)))],
  });
  expect(Number(codes.rows[0]!.n)).toBe(0);
});
