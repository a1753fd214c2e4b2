// The sender's promises, on Node with a real SMTP server: at most once when a sender dies
// mid-send or several run at once; an SMTP server that breaks the connection after the message
// leaves it `unknown`, not resent; a refused connection is retried. Daily digests.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Mailer, MailMessage } from '../../api/adapters/mailer.ts';
import type { MailError } from '../../api/adapters/mailer.ts';
import { createSmtpMailer } from '../../api/adapters/mailer-smtp.ts';
import { mail } from '../../api/config.ts';
import { finnishDay } from '../../api/domain/notifications/digest.ts';
import { drainOutbox } from '../../api/jobs/send-mail.ts';
import { createCompany, signUp } from '../support/accounts.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { startHangUpSmtp, type Inbox } from '../support/mail-inbox.ts';
import { startMailServer, stopMailServer } from '../support/mail-server.ts';
import type { TestServer } from '../support/server.ts';
import { now } from '../support/clock.ts';

const origin = 'https://rautakauppa.example';
let server: TestServer;
let inbox: Inbox;
let partner: string;

beforeAll(async () => {
  ({ inbox, server, partner } = await startMailServer({ kind: 'smtp', origins: [origin] }));
});
afterAll(() => stopMailServer(server, inbox));

let n = 0;
async function request(overrides: Record<string, unknown> = {}) {
  const email = `lahettaja-${now().toString(36)}-${++n}@example.fi`;
  const res = await postRequest(server.url, validRequest(partner, { email, ...overrides }), { origin });
  expect(res.status).toBe(201);
  return { ...((await res.json()) as { id: string }), email };
}
const row = async (id: string) =>
  (await server.db.execute({ sql: "SELECT * FROM outbox WHERE to_request_id = ? AND template = 'request.confirmation'", args: [id] }))
    .rows[0]!;

describe('at most once', () => {
  test('a sender that dies after the message left: the row is reconciled as unknown and never sent again', async () => {
    const r = await request();
    let delivered!: () => void;
    const left = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    // Delivers for real, then never returns: the process "died" before recording the send.
    const dying: Mailer = {
      ...server.deps.mailer,
      async send(m: MailMessage) {
        await server.deps.mailer.send(m);
        delivered();
        return new Promise(() => {});
      },
    };
    const at = now() + 1000;
    void drainOutbox({ ...server.deps, mailer: dying }, new Date(at));
    await left;
    expect(inbox.to(r.email)).toHaveLength(1);
    expect(await row(r.id)).toMatchObject({ status: 'sending', attempts: 1 });

    // Another sender soon after: the claimed row is not someone else's to send.
    await drainOutbox(server.deps, new Date(at + 60_000));
    expect(inbox.to(r.email)).toHaveLength(1);

    // After the timeout the row is taken for a crash: unknown, its secret dropped, not resent.
    const report = await drainOutbox(server.deps, new Date(at + mail.sendingTimeoutMinutes * 60_000 + 1));
    expect(report.mailUnknown).toBeGreaterThanOrEqual(1);
    expect(await row(r.id)).toMatchObject({ status: 'unknown', last_error: 'interrupted', params_enc: null });
    await drainOutbox(server.deps, new Date(at + 24 * 3600_000));
    expect(inbox.to(r.email)).toHaveLength(1);
  });

  test('senders running at once send each message exactly once', async () => {
    const rs = await Promise.all(Array.from({ length: 6 }, () => request()));
    const at = new Date(now() + 1000);
    const reports = await Promise.all([drainOutbox(server.deps, at), drainOutbox(server.deps, at), drainOutbox(server.deps, at)]);
    expect(reports.reduce((s, x) => s + x.mailSent, 0)).toBeGreaterThanOrEqual(6);
    for (const r of rs) expect(inbox.to(r.email)).toHaveLength(1);
  });
});

describe('SMTP outcomes', () => {
  test('a connection broken after the message was sent is unknown (it may have arrived), never retried', async () => {
    // Speaks just enough SMTP to take a message, then hangs up instead of answering 250.
    const rude = await startHangUpSmtp();
    const mailer = createSmtpMailer(rude.url, 'Linkki <no-reply@localhost>');
    try {
      const r = await request();
      const report = await drainOutbox({ ...server.deps, mailer }, new Date(now() + 1000));
      expect(report.mailUnknown).toBe(1);
      expect(await row(r.id)).toMatchObject({ status: 'unknown', attempts: 1 });
    } finally {
      await rude.close();
    }
  });

  test('a refused connection is certainly not a delivery: retried later', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, 'Linkki <no-reply@localhost>');
    await expect(mailer.send({ id: 'x', to: 'a@example.fi', subject: 's', text: 't', html: '<p>t</p>' })).rejects.toMatchObject({
      outcome: 'retry',
      code: 'smtp_refused',
    } satisfies Partial<MailError>);
  });
});

describe('daily digests', () => {
  test('one digest a Finnish day, listing the open requests the company serves that came in since the last one', async () => {
    const companyId = await createCompany(server);
    const owner = await signUp(server, { companyId, role: 'owner', locale: 'fi' });
    expect(
      (await owner.json('PATCH', '/v1/notifications/preferences', { body: { alerts: 'daily', regions: ['12'], categories: [] } })).status,
    ).toBe(200);
    const a = await request({ region: '12', postalCode: '80100' });
    const b = await request({ region: '12', postalCode: '80100', category: 'kitchen' });
    const elsewhere = await request({ region: '19', postalCode: '96100' });
    // No instant alert for a daily reader.
    await drainOutbox(server.deps, new Date(now() + 1000));
    expect(inbox.to(owner.email).filter((m) => m.text.includes('/dashboard/leads/'))).toHaveLength(0);

    let at = now() + 12 * 3600_000;
    while (finnishDay(new Date(at)).hour < mail.digestHour) at += 3600_000;
    await server.runScheduled(new Date(at));
    await server.runScheduled(new Date(at + 15 * 60_000));
    const digests = inbox.to(owner.email).filter((m) => m.subject === '2 uutta tarjouspyyntöä');
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain(`/dashboard/leads/${a.id}`);
    expect(digests[0]!.text).toContain(`/dashboard/leads/${b.id}`);
    expect(digests[0]!.text).not.toContain(elsewhere.id);
    expect(digests[0]!.text).not.toContain(a.email);
    expect(digests[0]!.headers['list-unsubscribe']).toMatch(/\/mail\/unsubscribe\//);
  });
});

test("a removed user's waiting mail is cancelled and its token dropped by the next run", async () => {
  const companyId = await createCompany(server);
  const owner = await signUp(server, { companyId, role: 'owner' });
  const invited = await owner.json('POST', '/v1/company/users', {
    body: { name: 'Poistuva Jäsen', email: `poistuva-${now()}@yritys.example`, role: 'member' },
  });
  expect(invited.status).toBe(201);
  expect((await owner.call('DELETE', `/v1/company/users/${invited.body.id}`)).status).toBe(204);
  // The jobs run before the sender would reach it (it is due later than now).
  await server.db.execute({
    sql: 'UPDATE outbox SET next_attempt_at = next_attempt_at + 3600000 WHERE to_user_id = ?',
    args: [invited.body.id],
  });
  await server.runScheduled(new Date(now() + 1000));
  const { rows } = await server.db.execute({ sql: 'SELECT status, params_enc FROM outbox WHERE to_user_id = ?', args: [invited.body.id] });
  expect(rows).toEqual([expect.objectContaining({ status: 'cancelled', params_enc: null })]);
});
