// A mail server that refuses: the action that caused the mail has already succeeded; the sender
// retries with exponential backoff and records a failure after mail.maxAttempts, never sending
// a message twice. Both engines (SMTP on Node, Brevo's API in workerd), driven by the jobs' clock.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mail } from '../../api/config.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import type { Inbox } from '../support/mail-inbox.ts';
import { startMailServer, stopMailServer } from '../support/mail-server.ts';
import { engine, type TestServer } from '../support/server.ts';
import { now } from '../support/clock.ts';

const origin = 'https://rautakauppa.example';
let server: TestServer;
let inbox: Inbox;
let partner: string;

beforeAll(async () => {
  ({ inbox, server, partner } = await startMailServer({ origins: [origin] }));
});
afterAll(() => stopMailServer(server, inbox));

let n = 0;
async function request() {
  const email = `virhe-${now().toString(36)}-${++n}@example.fi`;
  const res = await postRequest(server.url, validRequest(partner, { email }), { origin });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: string; manageToken: string };
  return { ...body, email };
}

async function confirmation(id: string) {
  const { rows } = await server.db.execute({
    sql: "SELECT status, attempts, next_attempt_at, last_error, params_enc FROM outbox WHERE to_request_id = ? AND template = 'request.confirmation'",
    args: [id],
  });
  const r = rows[0]!;
  return {
    status: String(r.status),
    attempts: Number(r.attempts),
    next: Number(r.next_attempt_at),
    error: r.last_error,
    params: r.params_enc,
  };
}

const code = (kind: 'temporary' | 'permanent') =>
  engine === 'worker' ? (kind === 'temporary' ? 'http_503' : 'http_400') : kind === 'temporary' ? 'smtp_421' : 'smtp_550';

test('a refusing server: retries with growing waits, then a recorded failure; the request itself is intact', async () => {
  inbox.behave('temporary');
  const r = await request();
  const before = inbox.attempts;
  let at = now() + 1000;
  await server.runScheduled(new Date(at));
  let row = await confirmation(r.id);
  expect(row).toMatchObject({ status: 'pending', attempts: 1, error: code('temporary') });
  expect(row.next - at).toBe(mail.firstRetrySeconds * 1000);

  // Not yet due: nothing is tried.
  await server.runScheduled(new Date(at + 30_000));
  expect((await confirmation(r.id)).attempts).toBe(1);

  const waits = [row.next - at];
  while (row.status === 'pending') {
    at = row.next + 1;
    await server.runScheduled(new Date(at));
    const next = await confirmation(r.id);
    if (next.status === 'pending') waits.push(next.next - at);
    row = next;
  }
  expect(row).toMatchObject({ status: 'failed', attempts: mail.maxAttempts, error: code('temporary'), params: null });
  expect(waits).toEqual(Array.from({ length: mail.maxAttempts - 1 }, (_, i) => mail.firstRetrySeconds * 1000 * mail.backoffFactor ** i));
  expect(inbox.attempts - before).toBe(mail.maxAttempts);
  expect(inbox.to(r.email)).toHaveLength(0);

  // The server recovers: a failed mail stays failed, nothing is sent late or twice.
  inbox.behave('ok');
  await server.runScheduled(new Date(at + 24 * 3600_000));
  expect(inbox.to(r.email)).toHaveLength(0);
  // The customer's action was never in doubt.
  const manage = await fetch(`${server.url}/v1/manage`, { headers: { authorization: `Bearer ${r.manageToken}` } });
  expect(manage.status).toBe(200);
  expect((await manage.json()).contact.email).toBe(r.email);
});

test('a permanent refusal is recorded as failed at once, without retries', async () => {
  inbox.behave('permanent');
  try {
    const r = await request();
    const before = inbox.attempts;
    await server.runScheduled(new Date(now() + 1000));
    expect(await confirmation(r.id)).toMatchObject({ status: 'failed', attempts: 1, error: code('permanent') });
    expect(inbox.attempts - before).toBe(1);
  } finally {
    inbox.behave('ok');
  }
});

test('a server that recovers gets the message exactly once', async () => {
  inbox.behave('temporary');
  const r = await request();
  const at = now() + 1000;
  await server.runScheduled(new Date(at));
  expect(await confirmation(r.id)).toMatchObject({ status: 'pending', attempts: 1 });
  inbox.behave('ok');
  const { next } = await confirmation(r.id);
  await server.runScheduled(new Date(next + 1));
  await server.runScheduled(new Date(next + 2));
  expect(await confirmation(r.id)).toMatchObject({ status: 'sent', attempts: 2, error: null });
  expect(inbox.to(r.email)).toHaveLength(1);
});
