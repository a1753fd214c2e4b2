// Mail over a request's life: the feedback mail is marketing and respects the ban (S23), the
// reminder before expiry carries a one-click close (S25), erasure cancels what waits (S24),
// and nothing the outbox holds outlives the purge (S17, S20). Both engines, jobs driven by date.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mail } from '../../api/config.ts';
import { addDays, addMonths } from '../../api/contract/dates.ts';
import { contractor } from '../support/accounts.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { linksIn, type Inbox } from '../support/mail-inbox.ts';
import { startMailServer, stopMailServer } from '../support/mail-server.ts';
import type { TestServer } from '../support/server.ts';
import { now } from '../support/clock.ts';

const origin = 'https://rautakauppa.example';
let server: TestServer;
let inbox: Inbox;
let partner: string;
/** Set once the requests below exist: the jobs run relative to it. */
let created = 0;

beforeAll(async () => {
  ({ inbox, server, partner } = await startMailServer({ origins: [origin] }));
});
afterAll(() => stopMailServer(server, inbox));

let n = 0;
async function request(overrides: Record<string, unknown> = {}) {
  const email = (overrides.email as string) ?? `elinkaari-${now().toString(36)}-${++n}@example.fi`;
  const res = await postRequest(server.url, validRequest(partner, { ...overrides, email }), { origin });
  expect(res.status).toBe(201);
  return { ...((await res.json()) as { id: string; manageToken: string; expiresAt: string }), email };
}
const manage = (token: string, path = '', init: RequestInit = {}) =>
  fetch(`${server.url}/v1/manage${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });

const feedbackSubject = 'Miten remonttisi edistyy?';
let banned: Awaited<ReturnType<typeof request>>;
let sameperson: Awaited<ReturnType<typeof request>>;
let welcome: Awaited<ReturnType<typeof request>>;
let remindMe: Awaited<ReturnType<typeof request>>;
let closedEarly: Awaited<ReturnType<typeof request>>;

beforeAll(async () => {
  banned = await request();
  // Another category: in the same one it would be a duplicate, which one buyer cannot buy twice.
  sameperson = await request({ email: banned.email, category: 'kitchen' });
  welcome = await request();
  remindMe = await request({ locale: 'en' });
  closedEarly = await request();
  expect((await manage(banned.manageToken, '', { method: 'PATCH', body: JSON.stringify({ marketingOptOut: true }) })).status).toBe(200);
  const buyer = await contractor(server);
  for (const r of [banned, sameperson, welcome]) expect((await buyer.json('POST', `/v1/leads/${r.id}/purchase`)).status).toBe(201);
  expect((await manage(closedEarly.manageToken, '/close', { method: 'POST' })).status).toBe(200);
  created = now();
});

describe('S23: marketing mail respects the ban; service mail does not need consent', () => {
  test('the feedback mail reaches a buyer-served customer, never one who forbade marketing on any of their requests', async () => {
    await server.runScheduled(new Date(created + 1000));
    // Service mail went to everyone, the banned customer included.
    expect(inbox.to(banned.email).map((m) => m.subject)).toContain('Tarjouspyyntösi on vastaanotettu');
    await server.runScheduled(addDays(new Date(created), mail.feedbackDays + 0.5));
    const [feedback, ...more] = inbox.to(welcome.email).filter((m) => m.subject === feedbackSubject);
    expect(more).toHaveLength(0);
    expect(linksIn(feedback!)).toContain(`${server.deps.config.publicUrl}/request?partner=${partner}&lang=fi`);
    expect(inbox.to(banned.email).filter((m) => m.subject === feedbackSubject)).toHaveLength(0);
    const { rows } = await server.db.execute({
      sql: "SELECT to_request_id, status, last_error FROM outbox WHERE template = 'request.feedback' AND to_request_id IN (?, ?)",
      args: [banned.id, sameperson.id],
    });
    expect(rows.map((r) => [r.status, r.last_error])).toEqual([
      ['cancelled', 'marketing_opt_out'],
      ['cancelled', 'marketing_opt_out'],
    ]);
    // A request nobody bought gets no feedback mail.
    expect(inbox.to(remindMe.email).filter((m) => m.subject === 'How is your renovation going?')).toHaveLength(0);
  });
});

describe('S25: the reminder before expiry closes the request with one click', () => {
  test('an open request gets the reminder with a close link (secret in the fragment); a closed one does not', async () => {
    const expires = new Date(remindMe.expiresAt);
    await server.runScheduled(addDays(expires, -mail.reminderDaysBeforeExpiry + 0.1));
    const [reminder] = inbox.to(remindMe.email).filter((m) => m.subject.startsWith('Your request closes'));
    expect(reminder).toBeDefined();
    const links = linksIn(reminder!);
    const close = links.find((l) => l.includes('/mail/close'))!;
    expect(close).toBe(`${server.deps.config.publicUrl}/mail/close?lang=en#${remindMe.manageToken}`);
    expect(links).toContain(`${server.deps.config.publicUrl}/manage?lang=en#${remindMe.manageToken}`);
    expect(inbox.to(closedEarly.email).filter((m) => m.subject.startsWith('Tarjouspyyntösi sulkeutuu'))).toHaveLength(0);

    // The page behind the link: a button and our own script, under the strict CSP.
    const page = await fetch(`${server.url}/mail/close?lang=en`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const body = await page.text();
    expect(body).toContain('<script type="module" src="/mail/close.js"></script>');
    expect(body).toContain('Close the request');
    const script = await fetch(`${server.url}/mail/close.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain("fetch('/v1/manage/close'");
    // What the script does with the fragment's token.
    expect((await manage(remindMe.manageToken, '/close', { method: 'POST' })).status).toBe(200);
    expect((await (await manage(remindMe.manageToken)).json()).status).toBe('closed');
  });
});

describe("S24, S17, S20: nothing in the outbox outlives the customer's data", () => {
  test('erasing the contact cancels waiting mail and drops its secrets at once', async () => {
    const r = await request();
    expect((await manage(r.manageToken, '/contact', { method: 'DELETE' })).status).toBe(204);
    const { rows } = await server.db.execute({ sql: 'SELECT status, params_enc FROM outbox WHERE to_request_id = ?', args: [r.id] });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.status === 'cancelled' && x.params_enc === null)).toBe(true);
  });

  test('after the purge no row about the request holds parameters or waits to be sent', async () => {
    const r = await request();
    const before = await server.db.execute({
      sql: 'SELECT count(*) AS n FROM outbox WHERE request_id = ? AND params_enc IS NOT NULL',
      args: [r.id],
    });
    expect(Number(before.rows[0]!.n)).toBeGreaterThan(0);
    await server.runScheduled(addDays(addMonths(new Date(r.expiresAt), 6), 2));
    const { rows } = await server.db.execute({ sql: 'SELECT status, params_enc FROM outbox WHERE request_id = ?', args: [r.id] });
    expect(rows.every((x) => x.params_enc === null && x.status !== 'pending' && x.status !== 'sending')).toBe(true);
    const left = await server.db.execute("SELECT count(*) AS n FROM outbox WHERE params_enc IS NOT NULL OR status = 'pending'");
    expect(Number(left.rows[0]!.n)).toBe(0);
  });
});
