// Mail that arrives, on each engine's real path: Node sends over SMTP to an smtp-server started
// here, the Worker (in workerd) calls Brevo's API on a local HTTP server. The sender is driven by
// the scheduled jobs with an explicit instant, never by waiting.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractor, createCompany, sendRequest, signUp } from '../support/accounts.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { linksIn, startInbox, type Inbox } from '../support/mail-inbox.ts';
import { startMailServer, stopMailServer } from '../support/mail-server.ts';
import { engine, startServer, type TestServer } from '../support/server.ts';
import { now } from '../support/clock.ts';

const origin = 'https://rautakauppa.example';
let server: TestServer;
let inbox: Inbox;
let partner: string;

beforeAll(async () => {
  ({ inbox, server, partner } = await startMailServer({ origins: [origin] }));
});
afterAll(() => stopMailServer(server, inbox));

/** The scheduled jobs a moment from now: the sender drains what is due. */
const deliver = () => server.runScheduled(new Date(now() + 1000));
let n = 0;
const customerEmail = () => `asiakas-${now().toString(36)}-${++n}@example.fi`;

async function newRequest(overrides: Record<string, unknown> = {}) {
  const res = await postRequest(server.url, validRequest(partner, overrides), { origin });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; manageToken: string; expiresAt: string };
}

describe('the customer', () => {
  test('gets a confirmation in their language with the manage link (secret in the fragment), what they sent, the expiry and the privacy notice', async () => {
    const email = customerEmail();
    const r = await newRequest({ email, locale: 'sv', description: 'Badrummet ska renoveras, kakel och golvvärme.' });
    expect(inbox.to(email)).toHaveLength(0);
    await deliver();
    const [mail, ...more] = inbox.to(email);
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe('Din offertförfrågan har tagits emot');
    expect(mail!.text).toContain('Badrummet ska renoveras, kakel och golvvärme.');
    expect(mail!.text).toContain('Nyland');
    expect(mail!.text).toContain('Badrum');
    const links = linksIn(mail!);
    expect(links).toContain(`${server.deps.config.publicUrl}/manage?lang=sv#${r.manageToken}`);
    expect(links).toContain(`${server.deps.config.publicUrl}/privacy?lang=sv`);
    // The secret never travels in a path or query.
    expect(links.filter((l) => l.includes(r.manageToken)).every((l) => l.split('#')[0]!.includes(r.manageToken) === false)).toBe(true);
    expect(mail!.html).toMatch(/<html lang="sv">/);
    expect(mail!.html).toContain(`href="${server.deps.config.publicUrl}/manage?lang=sv#${r.manageToken}"`);
    expect(new Date(r.expiresAt).getUTCFullYear()).toBeGreaterThan(2000);

    // Sent once: the next run sends it no more.
    await deliver();
    expect(inbox.to(email)).toHaveLength(1);
  });

  test('without an email no mail is queued for the customer, only the SMS code; the request is stored all the same', async () => {
    const r = await newRequest({ email: '' });
    const rows = await server.db.execute({ sql: 'SELECT template FROM outbox WHERE to_request_id = ?', args: [r.id] });
    expect(rows.rows.map((x) => x.template)).toEqual(['sms.code']);
  });

  test('gets a note naming the company that bought the request, and the buyer a receipt in their own language; neither carries contact details (S5)', async () => {
    const email = customerEmail();
    const r = await newRequest({ email, phone: '040 765 4321', locale: 'fi' });
    const buyer = await contractor(server, { locale: 'en' });
    const bought = await buyer.json('POST', `/v1/leads/${r.id}/purchase`);
    expect(bought.status).toBe(201);
    const company = (await buyer.json('GET', '/v1/me')).body.company.name as string;
    await deliver();

    const notes = inbox.to(email).filter((m) => m.subject.includes('osti'));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.subject).toBe(`${company} osti tarjouspyyntösi`);
    expect(notes[0]!.text).toContain('1/3');

    const receipts = inbox.to(buyer.email).filter((m) => m.subject.startsWith('Receipt'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.subject).toBe('Receipt: you bought a request (Bathroom, Uusimaa)');
    expect(receipts[0]!.text).toContain(bought.body.purchaseId);
    expect(receipts[0]!.text).toContain(`${server.deps.config.publicUrl}/dashboard/leads/${r.id}`);
    for (const m of [...receipts, ...notes]) {
      expect(m.text + m.html).not.toContain('0407654321');
      expect(m.text + m.html).not.toContain('040 765 4321');
    }
    expect(receipts[0]!.text + receipts[0]!.html).not.toContain(email);

    // Buying again is the same purchase: no second receipt.
    expect((await buyer.json('POST', `/v1/leads/${r.id}/purchase`)).status).toBe(200);
    await deliver();
    expect(inbox.to(buyer.email).filter((m) => m.subject.startsWith('Receipt'))).toHaveLength(1);
  });
});

describe('contractor alerts', () => {
  test('go to users whose company serves the region and the category, never with contact details, with an unsubscribe link', async () => {
    const owner = async (regions: string[], categories: string[], locale: 'fi' | 'sv' | 'en' = 'fi') => {
      const account = await signUp(server, { companyId: await createCompany(server), role: 'owner', locale });
      const res = await account.json('PATCH', '/v1/notifications/preferences', { body: { regions, categories } });
      expect(res.status).toBe(200);
      return account;
    };
    const uusimaaBathrooms = await owner(['01'], ['bathroom'], 'en');
    const lapland = await owner(['19'], ['bathroom']);
    const kitchens = await owner(['01'], ['kitchen']);
    const everything = await owner([], []);
    const quiet = await owner(['01'], ['bathroom']);
    expect((await quiet.json('PATCH', '/v1/notifications/preferences', { body: { alerts: 'off' } })).body.alerts).toBe('off');

    const email = customerEmail();
    const marker = `Kylpyhuone ${crypto.randomUUID()}`;
    const r = await newRequest({ email, phone: '050 111 2233', region: '01', category: 'bathroom', description: marker });
    await deliver();

    const alertsTo = (a: { email: string }) => inbox.to(a.email).filter((m) => m.text.includes(`/dashboard/leads/${r.id}`));
    expect(alertsTo(uusimaaBathrooms)).toHaveLength(1);
    expect(alertsTo(everything)).toHaveLength(1);
    expect(alertsTo(lapland)).toHaveLength(0);
    expect(alertsTo(kitchens)).toHaveLength(0);
    expect(alertsTo(quiet)).toHaveLength(0);

    const alert = alertsTo(uusimaaBathrooms)[0]!;
    expect(alert.subject).toBe('New request: Bathroom, Uusimaa');
    for (const secret of [email, '0501112233', '050 111 2233', marker, 'Matti']) {
      expect(alert.text + alert.html + JSON.stringify(alert.headers)).not.toContain(secret);
    }
    const unsubscribe = linksIn(alert).find((l) => l.includes('/mail/unsubscribe/'))!;
    expect(unsubscribe).toMatch(new RegExp(`^${server.deps.config.publicUrl}/mail/unsubscribe/${uusimaaBathrooms.userId}\\.[0-9a-f]{64}$`));
    expect(alert.headers['list-unsubscribe']).toBe(`<${unsubscribe}>`);
    expect(alert.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    // One-click unsubscribe (RFC 8058: a POST without a session), then no more alerts.
    const page = await fetch(unsubscribe);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    const post = await fetch(unsubscribe, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.status).toBe(200);
    expect((await uusimaaBathrooms.json('GET', '/v1/notifications/preferences')).body.alerts).toBe('off');
    const forged = unsubscribe.replace(/.$/, (ch) => (ch === '0' ? '1' : '0'));
    expect((await fetch(forged, { method: 'POST' })).status).toBe(404);

    const second = await newRequest({ region: '01', category: 'bathroom' });
    await deliver();
    expect(inbox.to(uusimaaBathrooms.email).filter((m) => m.text.includes(second.id))).toHaveLength(0);
    expect(inbox.to(everything.email).filter((m) => m.text.includes(second.id))).toHaveLength(1);
  });

  test("members choose their own alerts; only owners choose the company's regions and categories", async () => {
    const companyId = await createCompany(server);
    const member = await signUp(server, { companyId, role: 'member' });
    expect((await member.json('PATCH', '/v1/notifications/preferences', { body: { alerts: 'daily' } })).body.alerts).toBe('daily');
    expect((await member.json('PATCH', '/v1/notifications/preferences', { body: { regions: ['01'] } })).status).toBe(403);
    expect((await member.json('PATCH', '/v1/notifications/preferences', { body: { alerts: 'sometimes' } })).status).toBe(422);
    const anonymous = await fetch(`${server.url}/v1/notifications/preferences`);
    expect(anonymous.status).toBe(401);
  });
});

describe('accounts', () => {
  test('an invited user gets the invite link in their language; the link opens the password page', async () => {
    const admin = await signUp(server, { companyId: null, role: 'admin' });
    const companyId = await createCompany(server, `Putkiremontti ${n++} Oy`);
    const email = `uusi-${now().toString(36)}@yritys.example`;
    const created = await admin.json('POST', `/v1/admin/companies/${companyId}/users`, {
      body: { name: 'Sara Svensson', email, role: 'member', locale: 'sv' },
    });
    expect(created.status).toBe(201);
    await deliver();
    const [invite] = inbox.to(email);
    expect(invite!.subject).toMatch(/^Inbjudan till Linkki: Putkiremontti/);
    // The page opens in the reader's language (found by a user check: it opened in Finnish).
    const link = linksIn(invite!).find((l) => l.includes('/invite?'))!;
    expect(link).toBe(`${server.deps.config.publicUrl}/invite?lang=sv#${created.body.inviteToken}`);
    expect(await (await fetch(link.replace(server.deps.config.publicUrl, server.url))).text()).toContain('<h1>Välj lösenord</h1>');
    expect((await fetch(link.replace(server.deps.config.publicUrl, server.url))).status).toBe(200);
  });

  test('a password reset is answered alike for any address; a known one gets a one-time link that sets the password', async () => {
    const user = await contractor(server);
    const ask = (email: string) =>
      fetch(`${server.url}/v1/notifications/password-reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
    const unknown = `nobody-${now()}@example.fi`;
    const [a, b] = await Promise.all([ask(user.email), ask(unknown)]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(await a.text()).toBe(await b.text());
    await deliver();
    expect(inbox.to(unknown)).toHaveLength(0);
    const [reset] = inbox.to(user.email).filter((m) => m.subject === 'Linkin salasanan vaihto');
    // A reset link says it is one: its page speaks of a new password, not of a new account.
    const link = linksIn(reset!).find((l) => l.includes('/invite?'))!;
    expect(link).toMatch(/\/invite\?lang=fi&for=reset#/);
    const page = await (await fetch(link.replace(server.deps.config.publicUrl, server.url))).text();
    expect(page).toContain('<h1>Aseta uusi salasana</h1>');
    expect(page).toContain('action="/invite?lang=fi&amp;for=reset"');
    const token = link.split('#')[1]!;
    const accepted = await fetch(`${server.url}/v1/auth/invite/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'uusi-salasana-2026' }),
    });
    expect(accepted.status).toBeLessThan(300);
    const login = await fetch(`${server.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: 'uusi-salasana-2026' }),
    });
    expect(login.status).toBe(200);
  });
});

describe('staff', () => {
  test("see what was sent to whom and how it went, without bodies or customers' addresses; others may not", async () => {
    const email = customerEmail();
    const r = await newRequest({ email });
    await deliver();
    const admin = await signUp(server, { companyId: null, role: 'admin' });
    const view = await admin.json('GET', '/v1/notifications/outbox');
    expect(view.status).toBe(200);
    const mine = view.body.items.filter(
      (i: { requestId: string; recipient: { kind: string } }) => i.requestId === r.id && i.recipient.kind === 'customer',
    );
    expect(mine.map((i: { template: string }) => i.template).sort()).toEqual([
      'request.confirmation',
      'request.expiring',
      'request.feedback',
    ]);
    const confirmation = mine.find((i: { template: string }) => i.template === 'request.confirmation');
    expect(confirmation).toMatchObject({ status: 'sent', attempts: 1, recipient: { kind: 'customer', id: r.id, name: null } });
    expect(view.text).not.toContain(email);
    expect(view.text).not.toContain(r.manageToken);

    const member = await contractor(server);
    expect((await member.json('GET', '/v1/notifications/outbox')).status).toBe(403);
    // Sent rows keep no parameters (the manage token is gone from the database).
    const params = await server.db.execute({ sql: "SELECT params_enc FROM outbox WHERE request_id = ? AND status = 'sent'", args: [r.id] });
    expect(params.rows.every((row) => row.params_enc === null)).toBe(true);
  });
});

test('intake answers the same whether or not mail can be sent: the action never waits for the mail server', async () => {
  inbox.behave('temporary');
  try {
    const id = await sendRequest(server, partner, { email: customerEmail() });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  } finally {
    inbox.behave('ok');
  }
});

test('with the after-write sender on (npm start, a deployed Worker) the confirmation goes out without waiting for the cron', async () => {
  const own = await startInbox(engine === 'worker' ? 'brevo' : 'smtp');
  const soon = await startServer({ mail: { ...own.mail, afterWrite: true } });
  try {
    const { publicKey } = await soon.createPartner({ origins: [origin] });
    const email = customerEmail();
    const res = await postRequest(soon.url, validRequest(publicKey, { email }), { origin });
    expect(res.status).toBe(201);
    const mail = await own.arrival(email);
    expect(mail.subject).toBe('Tarjouspyyntösi on vastaanotettu');
  } finally {
    await soon.close();
    await own.close();
  }
});
