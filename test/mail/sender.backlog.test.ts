// The sender on a backlog, on Node with a real SMTP server: one drain claims again while claims
// come back full and sends a few at a time; drains at once still send each mail once; a failed
// mail is retried alone; a drain out of time hands back what it claimed but did not start; the
// pump keeps going while mail is due, and stops without leaving rows claimed; a claim looks its
// rows up by id.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MailError, type Mailer, type MailMessage } from '../../api/adapters/mailer.ts';
import { mail } from '../../api/config.ts';
import { insertMail, mailRow } from '../../api/domain/notifications/enqueue.ts';
import { backoffSeconds, claimStatement, createMailPump, drainOutbox } from '../../api/jobs/send-mail.ts';
import { now } from '../support/clock.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import type { Inbox } from '../support/mail-inbox.ts';
import { startMailServer, stopMailServer } from '../support/mail-server.ts';
import type { TestServer } from '../support/server.ts';
import { queryPlan } from '../support/plan.ts';

const origin = 'https://rautakauppa.example';
let server: TestServer;
let inbox: Inbox;
let partner: string;

beforeAll(async () => {
  ({ inbox, server, partner } = await startMailServer({ kind: 'smtp', origins: [origin] }));
});
afterAll(() => stopMailServer(server, inbox));

let n = 0;
/** `count` confirmations due now for one new request, written by the domain's enqueue functions. */
async function backlog(count: number): Promise<string[]> {
  const email = `jono-${now().toString(36)}-${++n}@example.fi`;
  const res = await postRequest(server.url, validRequest(partner, { email }), { origin });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const at = new Date(now());
  const rows = await Promise.all(
    Array.from({ length: count }, () =>
      mailRow(server.deps, {
        template: 'request.confirmation',
        locale: 'fi',
        to: { requestId: id },
        now: at,
        params: { manageToken: 't' },
      }),
    ),
  );
  for (const row of rows) await insertMail(server.deps.db, row);
  return rows.map((r) => r.id);
}

/** Messages that reached the SMTP server with this outbox row's Message-ID. */
const arrivals = (id: string) => inbox.received.filter((m) => m.headers['message-id']?.startsWith(`<${id}@`)).length;

async function rows(ids: string[]) {
  const { rows } = await server.db.execute({
    sql: `SELECT id, status, attempts, attempt_id, claimed_at, last_error, next_attempt_at FROM outbox
          WHERE id IN (SELECT value FROM json_each(?))`,
    args: [JSON.stringify(ids)],
  });
  return new Map(rows.map((r) => [r.id as string, r]));
}

describe('a backlog', () => {
  test('larger than one claim: one drain sends all of it, each mail once', async () => {
    const ids = await backlog(mail.drainBatchSize * 2 + 20);
    const report = await drainOutbox(server.deps, new Date(now() + 1000));
    expect(report.mailSent).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) expect(arrivals(id)).toBe(1);
    for (const row of (await rows(ids)).values()) expect(row).toMatchObject({ status: 'sent', attempts: 1, attempt_id: null });
  });

  test('two drains at once over 120 due mails: each mail delivered exactly once', async () => {
    const ids = await backlog(120);
    const at = new Date(now() + 1000);
    const reports = await Promise.all([drainOutbox(server.deps, at), drainOutbox(server.deps, at)]);
    expect(reports[0].mailSent + reports[1].mailSent).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) expect(arrivals(id)).toBe(1);
    for (const row of (await rows(ids)).values()) expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  test('a failure in one mail of a claim retries that one alone, after its backoff', async () => {
    const ids = await backlog(12);
    const failing = ids[5]!;
    const flaky: Mailer = {
      ...server.deps.mailer,
      async send(m: MailMessage) {
        if (m.id === failing) throw new MailError('retry', 'smtp_421');
        return server.deps.mailer.send(m);
      },
    };
    const at = now() + 1000;
    const report = await drainOutbox({ ...server.deps, mailer: flaky }, new Date(at));
    expect(report.mailRetried).toBe(1);
    const after = await rows(ids);
    expect(after.get(failing)).toMatchObject({
      status: 'pending',
      attempts: 1,
      attempt_id: null,
      last_error: 'smtp_421',
      next_attempt_at: at + backoffSeconds(1) * 1000,
    });
    for (const id of ids.filter((x) => x !== failing)) {
      expect(after.get(id)).toMatchObject({ status: 'sent', attempts: 1 });
      expect(arrivals(id)).toBe(1);
    }
    expect(arrivals(failing)).toBe(0);

    // Not before its backoff; then once, and nothing else again.
    await drainOutbox(server.deps, new Date(at + backoffSeconds(1) * 1000 - 1));
    expect(arrivals(failing)).toBe(0);
    await drainOutbox(server.deps, new Date(at + backoffSeconds(1) * 1000));
    expect((await rows([failing])).get(failing)).toMatchObject({ status: 'sent', attempts: 2 });
    for (const id of ids) expect(arrivals(id)).toBe(1);
  });

  test('a drain out of time hands back the rows it claimed but did not start: pending, attempts as before', async () => {
    const ids = await backlog(mail.sendConcurrency * 4);
    // Each send uses up the whole budget: the sends already started finish, no other starts.
    let elapsed = 0;
    const slow: Mailer = {
      ...server.deps.mailer,
      async send(m: MailMessage) {
        elapsed += 60_000;
        return server.deps.mailer.send(m);
      },
    };
    const at = now() + 1000;
    const report = await drainOutbox({ ...server.deps, mailer: slow }, new Date(at), { seconds: 20, timer: () => elapsed });
    const after = await rows(ids);
    const sent = ids.filter((id) => after.get(id)!.status === 'sent');
    const handedBack = ids.filter((id) => after.get(id)!.status === 'pending');
    // The request's own confirmation from intake is due too, and older: it may be among them.
    expect(report.mailSent).toBeLessThanOrEqual(mail.sendConcurrency);
    expect(sent.length).toBeLessThanOrEqual(report.mailSent);
    expect(sent.length + handedBack.length).toBe(ids.length);
    for (const id of handedBack) {
      expect(after.get(id)).toMatchObject({ attempts: 0, attempt_id: null, claimed_at: null });
      expect(arrivals(id)).toBe(0);
    }

    await drainOutbox(server.deps, new Date(at));
    for (const id of ids) expect(arrivals(id)).toBe(1);
  });

  test('the pump drains again at once while mail is due, until the backlog is gone', async () => {
    const ids = await backlog(35);
    const waiting = new Set(ids);
    let allSent!: () => void;
    const done = new Promise<void>((resolve) => {
      allSent = resolve;
    });
    const counting: Mailer = {
      ...server.deps.mailer,
      async send(m: MailMessage) {
        const sent = await server.deps.mailer.send(m);
        waiting.delete(m.id);
        if (waiting.size === 0) allSent();
        return sent;
      },
    };
    // 10 mails per drain: one poke needs four drains; the minute timer never fires in this test.
    const pump = createMailPump(
      { ...server.deps, mailer: counting },
      { delayMs: 0, everyMs: 3_600_000, budget: { seconds: 20, mails: 10 } },
    );
    pump.poke();
    await done;
    await pump.stop();
    for (const id of ids) expect(arrivals(id)).toBe(1);
  });

  test("the pump's stop lets the sends in flight finish and hands back what it claimed but did not start", async () => {
    const ids = await backlog(20);
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    let go!: () => void;
    const held = new Promise<void>((resolve) => {
      go = resolve;
    });
    const holding: Mailer = {
      ...server.deps.mailer,
      async send(m: MailMessage) {
        started();
        await held;
        return server.deps.mailer.send(m);
      },
    };
    const pump = createMailPump({ ...server.deps, mailer: holding }, { delayMs: 0, everyMs: 3_600_000 });
    pump.poke();
    await firstStarted;
    const stopped = pump.stop();
    go();
    await stopped;
    const after = await rows(ids);
    const sent = ids.filter((id) => after.get(id)!.status === 'sent');
    const handedBack = ids.filter((id) => after.get(id)!.status === 'pending');
    expect(sent.length).toBeLessThanOrEqual(mail.sendConcurrency);
    expect(handedBack.length).toBeGreaterThanOrEqual(ids.length - mail.sendConcurrency);
    expect(sent.length + handedBack.length).toBe(ids.length);
    for (const id of handedBack) expect(after.get(id)).toMatchObject({ attempts: 0, attempt_id: null });

    await drainOutbox(server.deps, new Date(now() + 1000));
    for (const id of ids) expect(arrivals(id)).toBe(1);
  });
});

test('a claim looks up the ids it picked, not every pending row (plan, no ANALYZE)', async () => {
  const { sql, args } = claimStatement('plan', new Date(now()), mail.drainBatchSize);
  const details = await queryPlan(server.dbPath, sql, args);
  expect(details[0]).toMatch(/^SEARCH outbox USING INDEX sqlite_autoindex_outbox_1 \(id=\?\)$/);
  expect(details).toContain('SEARCH outbox USING INDEX outbox_due_idx (status=? AND next_attempt_at<?)');
});
