// Credits for bad leads, each rule over real HTTP on both engines (S2: what is invoiced is fair;
// S7: purchases are recorded, so credits are too). Checkable reasons are decided at once when the
// rule matches; everything else waits for staff, and the contractor sees every claim's state.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { billing } from '../../api/config.ts';
import { DAY_MS } from '../../api/contract/dates.ts';
import { boughtAt, buy, contractor, customerRequest, lastMonth, setPrice, staff } from '../support/billing.ts';
import type { Account } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { now } from '../support/clock.ts';

let server: TestServer;
let partnerKey: string;
let admin: Account;

beforeAll(async () => {
  server = await startServer();
  partnerKey = (await server.createPartner()).publicKey;
  admin = await staff(server);
});
afterAll(() => server.close());

const claim = (who: Account, purchaseId: string, reason: string, note?: string) =>
  who.json('POST', '/v1/credits', { body: { purchaseId, reason, ...(note === undefined ? {} : { note }) } });

async function bought(who: Account, overrides: Record<string, unknown> = {}) {
  const request = await customerRequest(server, partnerKey, overrides);
  return { ...request, purchaseId: await buy(who, request.id) };
}

const close = (manageToken: string) =>
  fetch(`${server.url}/v1/manage/close`, { method: 'POST', headers: { authorization: `Bearer ${manageToken}` } });

describe(`never_asked: approved when the customer closed the request within ${billing.neverAskedClosedWithinHours} h of sending it`, () => {
  test('closed by the customer right away → approved by rule at once', async () => {
    const me = await contractor(server);
    const lead = await bought(me);
    expect((await close(lead.manageToken)).status).toBe(200);
    const res = await claim(me, lead.purchaseId, 'never_asked');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      purchaseId: lead.purchaseId,
      requestId: lead.id,
      reason: 'never_asked',
      status: 'approved',
      checkResult: 'matched',
      decidedBy: 'rule',
      amountCents: 2500,
      invoiceId: null,
    });
    expect(res.body.decidedAt).toBe(res.body.createdAt);
  });

  test("closed when already sold out still counts: the customer's close is recorded", async () => {
    await setPrice(server, 'sauna', 2500);
    await server.db.execute(`UPDATE categories SET max_buyers = 1 WHERE id = 'sauna'`);
    const me = await contractor(server);
    const lead = await bought(me, { category: 'sauna' });
    expect((await close(lead.manageToken)).status).toBe(200);
    expect((await claim(me, lead.purchaseId, 'never_asked')).body.status).toBe('approved');
  });

  test('not closed → staff queue, and the contractor sees that the check did not match', async () => {
    const me = await contractor(server);
    const lead = await bought(me);
    const res = await claim(me, lead.purchaseId, 'never_asked', 'Asiakas sanoi puhelimessa, ettei ole jättänyt pyyntöä.');
    expect(res.body).toMatchObject({ status: 'pending', checkResult: 'no_match', decidedBy: null, decidedAt: null });
    const queue = await admin.json('GET', '/v1/credits?status=pending');
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(res.body.id);
  });

  test(`closed more than ${billing.neverAskedClosedWithinHours} h after it was sent → staff queue`, async () => {
    const me = await contractor(server);
    const lead = await bought(me);
    // The request was sent three days ago; the customer closes it now.
    await server.db.execute({ sql: 'UPDATE requests SET created_at = created_at - ? WHERE id = ?', args: [3 * DAY_MS, lead.id] });
    await close(lead.manageToken);
    expect((await claim(me, lead.purchaseId, 'never_asked')).body).toMatchObject({ status: 'pending', checkResult: 'no_match' });
  });
});

describe(`duplicate: approved when this company bought the same contact within ${billing.duplicateDays} days before`, () => {
  test('same e-mail → approved; the first purchase of the pair is not a duplicate', async () => {
    const me = await contractor(server);
    const email = `sama-${crypto.randomUUID().slice(0, 8)}@example.fi`;
    const first = await bought(me, { email, phone: '0401111111' });
    const second = await bought(me, { email, phone: '0402222222', category: 'kitchen' });
    expect((await claim(me, second.purchaseId, 'duplicate')).body).toMatchObject({
      status: 'approved',
      checkResult: 'matched',
      decidedBy: 'rule',
    });
    expect((await claim(me, first.purchaseId, 'duplicate')).body).toMatchObject({ status: 'pending', checkResult: 'no_match' });
  });

  test('same phone, different e-mail → approved', async () => {
    const me = await contractor(server);
    const phone = `050${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await bought(me, { phone });
    // Another category: in the same one within 14 days it would be linked, and never charged.
    const second = await bought(me, { phone, category: 'kitchen' });
    expect((await claim(me, second.purchaseId, 'duplicate')).body.status).toBe('approved');
  });

  test('another company bought the same contact: not a duplicate for this one', async () => {
    const [me, other] = [await contractor(server), await contractor(server)];
    const email = `toinen-${crypto.randomUUID().slice(0, 8)}@example.fi`;
    await bought(other, { email });
    const mine = await bought(me, { email });
    expect((await claim(me, mine.purchaseId, 'duplicate')).body).toMatchObject({ status: 'pending', checkResult: 'no_match' });
  });

  test(`the earlier purchase was ${billing.duplicateDays + 1} days before → staff queue`, async () => {
    const me = await contractor(server);
    const email = `vanha-${crypto.randomUUID().slice(0, 8)}@example.fi`;
    const old = await bought(me, { email });
    await server.db.execute({
      sql: 'UPDATE purchases SET created_at = created_at - ? WHERE id = ?',
      args: [(billing.duplicateDays + 1) * DAY_MS, old.purchaseId],
    });
    const mine = await bought(me, { email, category: 'kitchen' });
    expect((await claim(me, mine.purchaseId, 'duplicate')).body).toMatchObject({ status: 'pending', checkResult: 'no_match' });
  });

  test('contact details the customer erased cannot match → staff queue (S24)', async () => {
    const me = await contractor(server);
    const email = `pois-${crypto.randomUUID().slice(0, 8)}@example.fi`;
    await bought(me, { email });
    const mine = await bought(me, { email, category: 'kitchen' });
    await fetch(`${server.url}/v1/manage/contact`, { method: 'DELETE', headers: { authorization: `Bearer ${mine.manageToken}` } });
    expect((await claim(me, mine.purchaseId, 'duplicate')).body).toMatchObject({ status: 'pending', checkResult: 'no_match' });
  });
});

describe('bounced: approved when the confirmation mail was refused for good', () => {
  test('the receiving server answered 5xx → approved; mail still being tried → staff queue', async () => {
    const me = await contractor(server);
    const refused = await bought(me);
    // What the mail sender records when the customer's server refuses the confirmation for good.
    const marked = await server.db.execute({
      sql: `UPDATE outbox SET status = 'failed', last_error = 'smtp_550' WHERE to_request_id = ? AND template = 'request.confirmation'`,
      args: [refused.id],
    });
    expect(marked.rowsAffected).toBe(1);
    expect((await claim(me, refused.purchaseId, 'bounced')).body).toMatchObject({ status: 'approved', checkResult: 'matched' });

    const retrying = await bought(me);
    await server.db.execute({
      sql: `UPDATE outbox SET status = 'pending', last_error = 'smtp_421' WHERE to_request_id = ? AND template = 'request.confirmation'`,
      args: [retrying.id],
    });
    expect((await claim(me, retrying.purchaseId, 'bounced')).body).toMatchObject({ status: 'pending', checkResult: 'no_match' });
  });
});

describe('wrong_contact, outside_area, other: staff decide, with a note the contractor sees', () => {
  test.each(['wrong_contact', 'outside_area', 'other'])('%s → pending with no automatic check', async (reason) => {
    const me = await contractor(server);
    const lead = await bought(me);
    const res = await claim(me, lead.purchaseId, reason, 'Numero ei ole käytössä.');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ reason, status: 'pending', checkResult: null, note: 'Numero ei ole käytössä.' });
  });

  test('"other" needs a note: 422, nothing stored', async () => {
    const me = await contractor(server);
    const lead = await bought(me);
    const res = await claim(me, lead.purchaseId, 'other');
    expect(res.status).toBe(422);
    expect(res.body.issues[0]).toMatchObject({ path: 'note', code: 'required' });
    expect((await me.json('GET', '/v1/credits')).body.items).toEqual([]);
  });

  test('staff approve or reject once, with a note; the contractor sees the state and the note', async () => {
    const me = await contractor(server);
    const [a, b] = [await bought(me), await bought(me)];
    const ca = (await claim(me, a.purchaseId, 'wrong_contact')).body;
    const cb = (await claim(me, b.purchaseId, 'outside_area')).body;

    const approve = await admin.json('POST', `/v1/credits/${ca.id}/decision`, {
      body: { decision: 'approve', note: 'Numero tarkistettu: ei käytössä.' },
    });
    expect(approve.status).toBe(200);
    expect(approve.body).toMatchObject({ status: 'approved', decidedBy: 'staff', decisionNote: 'Numero tarkistettu: ei käytössä.' });
    const reject = await admin.json('POST', `/v1/credits/${cb.id}/decision`, {
      body: { decision: 'reject', note: 'Postinumero on alueellanne.' },
    });
    expect(reject.body).toMatchObject({ status: 'rejected', decidedBy: 'staff' });

    // Decided once.
    expect((await admin.json('POST', `/v1/credits/${ca.id}/decision`, { body: { decision: 'reject', note: 'x' } })).status).toBe(409);
    // A note is required; unknown claim → 404.
    expect((await admin.json('POST', `/v1/credits/${cb.id}/decision`, { body: { decision: 'approve', note: '' } })).status).toBe(422);
    expect(
      (await admin.json('POST', `/v1/credits/${crypto.randomUUID()}/decision`, { body: { decision: 'approve', note: 'x' } })).status,
    ).toBe(404);

    const mine = (await me.json('GET', '/v1/credits')).body.items;
    expect(mine.map((c: { id: string; status: string; decisionNote: string }) => [c.id, c.status, c.decisionNote]).sort()).toEqual(
      [
        [ca.id, 'approved', 'Numero tarkistettu: ei käytössä.'],
        [cb.id, 'rejected', 'Postinumero on alueellanne.'],
      ].sort(),
    );
  });
});

describe('who may claim, and when', () => {
  test(`within ${billing.claimDays} days of the purchase; once per purchase; only the buyer`, async () => {
    const me = await contractor(server);
    const other = await contractor(server);
    const late = await bought(me);
    await server.db.execute({
      sql: 'UPDATE purchases SET created_at = ? WHERE id = ?',
      args: [now() - (billing.claimDays * DAY_MS + 60_000), late.purchaseId],
    });
    const tooLate = await claim(me, late.purchaseId, 'wrong_contact');
    expect(tooLate.status).toBe(422);
    expect(tooLate.body.issues[0]).toMatchObject({ path: 'purchaseId', code: 'claim_window_closed' });

    const inTime = await bought(me);
    await server.db.execute({
      sql: 'UPDATE purchases SET created_at = ? WHERE id = ?',
      args: [now() - (billing.claimDays - 1) * DAY_MS, inTime.purchaseId],
    });
    const first = await claim(me, inTime.purchaseId, 'wrong_contact');
    expect(first.status).toBe(201);
    const twice = await claim(me, inTime.purchaseId, 'outside_area');
    expect(twice.status).toBe(409);
    expect(twice.body).toEqual({ error: 'already_claimed', creditId: first.body.id });

    expect((await claim(other, inTime.purchaseId, 'wrong_contact')).status).toBe(404);
    expect((await other.json('GET', `/v1/credits/${first.body.id}`)).status).toBe(404);
    expect((await other.json('POST', `/v1/credits/${first.body.id}/decision`, { body: { decision: 'approve', note: 'x' } })).status).toBe(
      403,
    );
    expect((await me.json('POST', `/v1/credits/${first.body.id}/decision`, { body: { decision: 'approve', note: 'x' } })).status).toBe(403);
    expect((await claim(me, late.purchaseId, 'nonsense')).status).toBe(422);
  });
});

describe('approved credits on the next invoice', () => {
  test('an approved credit is a negative line on the next invoice, once; a rejected or pending one is not', async () => {
    await setPrice(server, 'floors', 3000);
    const me = await contractor(server);
    const last = lastMonth();
    const a = await boughtAt(server, me, partnerKey, now(), { category: 'floors' });
    const b = await boughtAt(server, me, partnerKey, now() + 1, { category: 'floors' });
    const c = await boughtAt(server, me, partnerKey, now() + 2, { category: 'floors' });
    const approved = (await claim(me, a.purchaseId, 'wrong_contact')).body;
    await admin.json('POST', `/v1/credits/${approved.id}/decision`, { body: { decision: 'approve', note: 'OK' } });
    const rejected = (await claim(me, b.purchaseId, 'wrong_contact')).body;
    await admin.json('POST', `/v1/credits/${rejected.id}/decision`, { body: { decision: 'reject', note: 'Ei' } });
    await claim(me, c.purchaseId, 'outside_area');
    // All of it happened last month: the purchases, the claims and the decisions.
    await server.db.batch(
      [
        { sql: 'UPDATE purchases SET created_at = ? + (created_at % 1000) WHERE company_id = ?', args: [last.inside, me.companyId] },
        {
          sql: 'UPDATE credit_claims SET decided_at = ? WHERE decided_at IS NOT NULL AND company_id = ?',
          args: [last.inside + 5000, me.companyId],
        },
      ],
      'write',
    );

    expect((await admin.json('POST', '/v1/invoices/generate', { body: { period: last.period } })).status).toBe(200);
    const list = (await me.json('GET', '/v1/invoices')).body.items;
    const invoice = (await me.json('GET', `/v1/invoices/${list[0].id}`)).body;
    expect(
      invoice.lines.map((l: { kind: string; amountCents: number; creditId: string | null }) => [l.kind, l.amountCents, l.creditId]),
    ).toEqual([
      ['purchase', 3000, null],
      ['purchase', 3000, null],
      ['purchase', 3000, null],
      ['credit', -3000, approved.id],
    ]);
    // 60.00 € net, 15.30 € VAT.
    expect(invoice).toMatchObject({ netCents: 6000, vatCents: 1530, totalCents: 7530 });
    const credit = (await me.json('GET', `/v1/credits/${approved.id}`)).body;
    expect(credit).toMatchObject({ invoiceId: invoice.id, invoiceNumber: invoice.number });
    // This month's running balance no longer carries it.
    expect((await me.json('GET', '/v1/invoices/current')).body.lines).toEqual([]);
  });
});
