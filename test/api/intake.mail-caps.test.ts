// Issue 10, finding 1: the request form is not a mail cannon. At most 3 confirmations a Helsinki
// calendar day to one address and a partner's hourly cap; over a cap the request is stored and
// answered alike, and its mail recorded as `capped`, never sent (SPEC.md, December 2026).
// Both engines. Counts are compared per period of the server's own clock (a run across midnight
// or the hour splits them), so the tests do not depend on when they run.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mail } from '../../api/config.ts';
import { addDays } from '../../api/contract/dates.ts';
import { counterDay } from '../../api/domain/counters.ts';
import { contractor, signUp } from '../support/accounts.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { startInbox, type Inbox } from '../support/mail-inbox.ts';
import { engine, startServer, type TestServer } from '../support/server.ts';
import { now, testClock } from '../support/clock.ts';

const origin = 'https://rautakauppa.example';
const perAddress = mail.confirmationsPerAddressPerDay;
const perPartner = 6;
let server: TestServer;
let inbox: Inbox;

beforeAll(async () => {
  inbox = await startInbox(engine === 'worker' ? 'brevo' : 'smtp');
  server = await startServer({ mail: inbox.mail, config: { mailCaps: { confirmationsPerPartnerPerHour: perPartner } } });
});
afterAll(async () => {
  await server.close();
  await inbox.close();
});

const address = () => `postitus-${crypto.randomUUID().slice(0, 8)}@example.fi`;
const partner = async () => (await server.createPartner({ origins: [origin] })).publicKey;

async function send(key: string, email: string) {
  const res = await postRequest(server.url, validRequest(key, { email }), { origin });
  return { status: res.status, headers: [...res.headers.keys()].sort(), body: (await res.json()) as Record<string, string> };
}

type MailRow = { request: string; template: string; status: string; lastError: string | null; params: boolean; createdAt: number };
async function mailOf(ids: string[], template?: string): Promise<MailRow[]> {
  const { rows } = await server.db.execute({
    sql: `SELECT to_request_id, template, status, last_error, params_enc, created_at FROM outbox
          WHERE to_request_id IN (${ids.map(() => '?').join(', ')}) ${template ? 'AND template = ?' : ''} ORDER BY created_at, id`,
    args: template ? [...ids, template] : ids,
  });
  return rows.map((r) => ({
    request: String(r.to_request_id),
    template: String(r.template),
    status: String(r.status),
    lastError: r.last_error === null ? null : String(r.last_error),
    params: r.params_enc !== null,
    createdAt: Number(r.created_at),
  }));
}

/** How many of these may go out: `cap` in each period (the server's clock decides the period). */
function allowed(rows: MailRow[], period: (at: Date) => string, cap: number): number {
  const per = new Map<string, number>();
  for (const r of rows) per.set(period(new Date(r.createdAt)), (per.get(period(new Date(r.createdAt))) ?? 0) + 1);
  return [...per.values()].reduce((sum, n) => sum + Math.min(n, cap), 0);
}
const utcHour = (at: Date) => at.toISOString().slice(0, 13);

describe('at most 3 confirmations a day to one address', () => {
  test('5 intakes to one address → 3 confirmations in the inbox, 2 recorded as capped; the answers do not differ', async () => {
    const key = await partner();
    const email = address();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await send(key, email));
    // The sender learns nothing: every answer is a 201 of the same shape, with its own manage token.
    for (const a of answers) {
      expect(a.status).toBe(201);
      expect(a.headers).toEqual(answers[0]!.headers);
      expect(Object.keys(a.body).sort()).toEqual(['confirmBy', 'expiresAt', 'id', 'listed', 'manageToken', 'manageUrl']);
    }
    const ids = answers.map((a) => a.body.id!);
    expect(new Set(ids).size).toBe(5);
    const stored = await server.db.execute({
      sql: `SELECT count(*) AS n FROM requests WHERE id IN (${ids.map(() => '?').join(', ')})`,
      args: ids,
    });
    expect(Number(stored.rows[0]!.n)).toBe(5);

    const written = await mailOf(ids, 'request.confirmation');
    expect(written).toHaveLength(5);
    // 3 on one day, which is nearly always; a run across Helsinki midnight lets more through.
    const mayGo = allowed(written, counterDay, perAddress);
    expect(mayGo).toBeGreaterThanOrEqual(perAddress);

    await server.runScheduled(new Date(now() + 1000));
    const after = await mailOf(ids, 'request.confirmation');
    const sent = after.filter((r) => r.status === 'sent');
    const capped = after.filter((r) => r.status === 'capped');
    expect(sent).toHaveLength(mayGo);
    expect(capped).toHaveLength(5 - mayGo);
    // The first ones of the day went out; a capped row keeps no manage token.
    for (const r of capped) expect(r).toMatchObject({ lastError: 'address_cap', params: false });
    expect(inbox.to(email).map((m) => m.subject)).toEqual(Array(mayGo).fill('Tarjouspyyntösi on vastaanotettu'));

    // Staff see them as capped in the mail view, with the reason.
    const staff = await signUp(server, { companyId: null, role: 'admin' });
    const view = await staff.json('GET', '/v1/notifications/outbox?status=capped');
    expect(view.status).toBe(200);
    const mine = view.body.items.filter((i: { recipient: { id: string } }) => ids.includes(i.recipient.id));
    // The capped requests' reminders and feedback mails are capped with them.
    expect(mine).toHaveLength((5 - mayGo) * 3);
    for (const i of mine) expect(i).toMatchObject({ status: 'capped', lastError: 'address_cap', sentAt: null });
    expect(mine.filter((i: { template: string }) => i.template === 'request.confirmation')).toHaveLength(5 - mayGo);
    const page = await staff.call('GET', '/dashboard/mail');
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Postirajoitus, ei lähetetty|Över posttaket, skickades inte|Over a mail cap, not sent/);
  });

  test('one address written differently (case, spaces, +tag) is one address', async () => {
    const key = await partner();
    const local = `kirjoitus-${crypto.randomUUID().slice(0, 8)}`;
    const forms = [
      `${local}@example.fi`,
      ` ${local.toUpperCase()}@EXAMPLE.fi`,
      `${local}+a@example.fi`,
      `${local}+b@example.fi`,
      `${local}@example.fi`,
    ];
    const ids = [];
    for (const email of forms) ids.push((await send(key, email)).body.id!);
    const rows = await mailOf(ids, 'request.confirmation');
    const mayGo = allowed(rows, counterDay, perAddress);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(mayGo);
    expect(rows.filter((r) => r.status === 'capped')).toHaveLength(5 - mayGo);
  });

  test('a capped request gets no reminder, feedback or purchase note when the jobs run', async () => {
    const key = await partner();
    const email = address();
    // Seven: however midnight may split them, some day has more than three.
    const requests = [];
    for (let i = 0; i < 7; i++) requests.push((await send(key, email)).body);
    const ids = requests.map((r) => r.id!);
    // One address in one category: a duplicate group, so a company each (one buying them all pays once).
    for (const id of ids) expect((await (await contractor(server)).call('POST', `/v1/leads/${id}/purchase`)).status).toBe(201);

    const confirmations = await mailOf(ids, 'request.confirmation');
    const cappedIds = confirmations.filter((r) => r.status === 'capped').map((r) => r.request);
    expect(cappedIds.length).toBe(7 - allowed(confirmations, counterDay, perAddress));
    expect(cappedIds.length).toBeGreaterThan(0);

    const created = now();
    await server.runScheduled(new Date(created + 1000));
    await server.runScheduled(addDays(new Date(created), mail.feedbackDays + 0.5));
    await server.runScheduled(addDays(new Date(requests[0]!.expiresAt), -mail.reminderDaysBeforeExpiry + 0.1));

    const all = await mailOf(ids);
    for (const r of all.filter((m) => cappedIds.includes(m.request))) {
      expect(r, r.template).toMatchObject({ status: 'capped', params: false });
    }
    // Every kind of customer mail was written for the capped requests, and none of them sent.
    expect(new Set(all.filter((m) => cappedIds.includes(m.request)).map((m) => m.template))).toEqual(
      new Set(['request.confirmation', 'request.bought', 'request.expiring', 'request.feedback']),
    );
    const sent = all.filter((m) => m.status === 'sent');
    expect(sent.every((m) => !cappedIds.includes(m.request))).toBe(true);
    // The other requests got all four; the inbox holds exactly what was marked sent.
    expect(sent).toHaveLength((7 - cappedIds.length) * 4);
    expect(inbox.to(email)).toHaveLength(sent.length);
  });

  test('concurrent intakes to one address never get more than 3 confirmations through', async () => {
    const key = await partner();
    const email = address();
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(key, email)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    const rows = await mailOf(
      answers.map((a) => a.body.id!),
      'request.confirmation',
    );
    expect(rows).toHaveLength(10);
    const through = rows.filter((r) => r.status === 'pending');
    expect(through).toHaveLength(allowed(rows, counterDay, perAddress));
    expect(through.length).toBeLessThanOrEqual(perAddress * 2);
    for (const day of new Set(rows.map((r) => counterDay(new Date(r.createdAt))))) {
      expect(through.filter((r) => counterDay(new Date(r.createdAt)) === day).length).toBeLessThanOrEqual(perAddress);
    }
    await server.runScheduled(new Date(now() + 1000));
    expect(inbox.to(email)).toHaveLength(through.length);
  });
});

describe('the cap cannot be walked around', () => {
  test('a waiting confirmation is not re-routed by correcting the email: it was counted for the address it was written for', async () => {
    const key = await partner();
    const own = address();
    const target = address();
    const created = await send(key, own);
    const patched = await fetch(`${server.url}/v1/manage`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${created.body.manageToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: target }),
    });
    expect(patched.status).toBe(200);
    await server.runScheduled(new Date(now() + 1000));
    const [confirmation] = await mailOf([created.body.id!], 'request.confirmation');
    expect(confirmation).toMatchObject({ status: 'cancelled', params: false });
    expect(inbox.to(target)).toHaveLength(0);
    expect(inbox.to(own)).toHaveLength(0);
  });
});

describe("a partner's hourly cap", () => {
  test(`over ${perPartner} confirmations an hour from one partner are capped; another partner is not affected`, async () => {
    const key = await partner();
    const ids = [];
    for (let i = 0; i < perPartner + 2; i++) {
      const a = await send(key, address());
      expect(a.status).toBe(201);
      ids.push(a.body.id!);
    }
    const rows = await mailOf(ids, 'request.confirmation');
    const mayGo = allowed(rows, utcHour, perPartner);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(mayGo);
    const capped = rows.filter((r) => r.status === 'capped');
    expect(capped).toHaveLength(perPartner + 2 - mayGo);
    for (const r of capped) expect(r.lastError).toBe('partner_cap');

    const other = await send(await partner(), address());
    expect((await mailOf([other.body.id!], 'request.confirmation'))[0]!.status).toBe('pending');
  });

  test("a request without an email sends no mail and counts against no address cap; its SMS code counts in its number's day and the partner's hour", async () => {
    const key = await partner();
    const buckets = async () => (await server.db.execute('SELECT bucket, sent FROM mail_caps')).rows.map((r) => `${r.bucket}=${r.sent}`);
    const before = await buckets();
    const res = await postRequest(server.url, validRequest(key, { email: '' }), { origin });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    expect((await mailOf([id])).map((m) => m.template)).toEqual(['sms.code']);
    const added = (await buckets()).filter((b) => !before.includes(b)).map((b) => b.replace(/:.*=/, '='));
    expect(added.sort()).toEqual(['partner=1', 'phone=1']);
  });
});

describe('the day is the Helsinki calendar day (the clock moved across midnight)', () => {
  // 23:58 in Helsinki on 10 November 2026 (UTC+2) is 21:58 UTC; 00:00:30 the next Helsinki day is
  // still 10 November in UTC. A UTC day would cap the second batch.
  const clock = testClock('2026-11-10T21:58:00Z');
  let own: TestServer;
  beforeAll(async () => {
    own = await startServer({ clock });
  });
  afterAll(() => own.close());

  test('after Helsinki midnight one address gets 3 more; the jobs drop counters whose day is over', async () => {
    const key = (await own.createPartner({ origins: [origin] })).publicKey;
    const email = address();
    const statuses = async () =>
      (await own.db.execute("SELECT status FROM outbox WHERE template = 'request.confirmation' ORDER BY created_at, rowid")).rows.map((r) =>
        String(r.status),
      );
    for (let i = 0; i < 4; i++) expect((await postRequest(own.url, validRequest(key, { email }), { origin })).status).toBe(201);
    expect(await statuses()).toEqual(['pending', 'pending', 'pending', 'capped']);

    clock.set('2026-11-10T22:00:30Z');
    for (let i = 0; i < 4; i++) expect((await postRequest(own.url, validRequest(key, { email }), { origin })).status).toBe(201);
    expect((await statuses()).slice(4)).toEqual(['pending', 'pending', 'pending', 'capped']);

    const counters = async () => Number((await own.db.execute('SELECT count(*) AS n FROM mail_caps')).rows[0]!.n);
    expect(await counters()).toBeGreaterThan(0);
    await own.runScheduled(new Date('2026-11-12T12:00:00Z'));
    expect(await counters()).toBe(0);
  });
});
