// Confirmed contacts (issue 13, part 3), on both engines: the confirmation mail's one-click link,
// the SMS code for a customer who gave only a phone (texted through a local server that speaks
// 46elks' API), and REQUIRE_CONFIRMED_CONTACT, which holds a request until it is confirmed and
// deletes it unconfirmed after 48 hours (the privacy notice says so).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { confirmation } from '../../api/config.ts';
import { contractor } from '../support/accounts.ts';
import { testClock, type TestClock } from '../support/clock.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { linksIn, startInbox, type Inbox } from '../support/mail-inbox.ts';
import { engine, startServer, type TestServer } from '../support/server.ts';
import { startElksServer, type ElksServer } from '../support/sms-server.ts';

const origin = 'https://rautakauppa.example';
const elksUser = { username: 'u-linkki', password: 'p-secret' };

type Created = { id: string; manageToken: string; confirmBy: string; listed: boolean };

/** A server with its own clock (tests move it), mail to a test inbox and texts to the 46elks stand-in. */
async function start(config: { requireConfirmedContact?: boolean } = {}) {
  const clock = testClock();
  const inbox = await startInbox(engine === 'worker' ? 'brevo' : 'smtp');
  const elks = await startElksServer(elksUser);
  const server = await startServer({ clock, config, mail: inbox.mail, sms: { apiUrl: elks.url, ...elksUser } });
  const partner = (await server.createPartner({ origins: [origin] })).publicKey;
  return { clock, inbox, elks, server, partner };
}
type World = Awaited<ReturnType<typeof start>>;
const stop = async (w: World | undefined) => {
  await w?.server.close();
  await w?.inbox.close();
  await w?.elks.close();
};

async function send(w: World, overrides: Record<string, unknown> = {}): Promise<Created> {
  const res = await postRequest(w.server.url, validRequest(w.partner, overrides), { origin });
  expect(res.status).toBe(201);
  return res.json();
}
const phoneOnly = (w: World, phone = '040 765 4321') => send(w, { email: '', phone });

async function post(w: World, path: string, body: unknown) {
  const res = await fetch(`${w.server.url}/v1/requests${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), cors: res.headers.get('access-control-allow-origin') };
}
const confirm = (w: World, body: unknown) => post(w, '/confirm', body);

/** The sender runs (the scheduled jobs a moment on); the newest code texted to `to`. */
async function textedCode(w: World, to: string): Promise<string> {
  await w.server.runScheduled(new Date(w.clock.now().getTime() + 1000));
  const texts = w.elks.messages.filter((m) => m.to === to);
  const code = /\b(\d{6})\b/.exec(texts.at(-1)?.message ?? '')?.[1];
  if (!code) throw new Error(`no code texted to ${to}`);
  return code;
}

const requestRow = async (w: World, id: string) =>
  (await w.server.db.execute({ sql: 'SELECT * FROM requests WHERE id = ?', args: [id] })).rows[0]!;
const contactRow = async (w: World, id: string) =>
  (await w.server.db.execute({ sql: 'SELECT * FROM request_contacts WHERE request_id = ?', args: [id] })).rows[0];
const wrongCode = (code: string) => String((Number(code) + 1) % 10 ** confirmation.codeDigits).padStart(confirmation.codeDigits, '0');
const linkProof = async (w: World, id: string) => (await w.server.deps.keys.hash('confirm-link', id)).slice(0, 32);

describe('confirmed contacts', () => {
  let w: World;
  beforeAll(async () => {
    w = await start();
  });
  afterAll(() => stop(w));

  test('a phone-only customer is texted a 6-digit code (E.164 number, own language); the right code confirms it, once', async () => {
    const r = await phoneOnly(w, '040 765 4321');
    expect(r).toMatchObject({ confirmBy: 'sms', listed: true });
    const code = await textedCode(w, '+358407654321');
    expect(w.elks.messages.filter((m) => m.to === '+358407654321')).toHaveLength(1);
    expect(w.elks.messages.at(-1)!.message).toContain('vahvistuskoodisi');
    // The manage page takes the code too: the text carries its link, for a customer whose thank-you view is gone.
    expect(w.elks.messages.at(-1)!.message).toContain(`${w.server.deps.config.publicUrl}/manage?lang=fi#${r.manageToken}`);
    // The code is never stored: only its keyed hash.
    expect(JSON.stringify(await contactRow(w, r.id))).not.toContain(code);

    const before = w.clock.now().getTime();
    const ok = await confirm(w, { manageToken: r.manageToken, code });
    expect(ok).toMatchObject({ status: 200, body: { confirmed: true, via: 'sms', listed: true }, cors: origin });
    const row = await requestRow(w, r.id);
    expect(row.confirmed_via).toBe('sms');
    expect(Number(row.confirmed_at)).toBeGreaterThanOrEqual(before);
    expect(Number(row.confirmed_at)).toBeLessThanOrEqual(w.clock.now().getTime());
    expect((await contactRow(w, r.id))!.code_hash).toBeNull();
    const audits = await w.server.db.execute({
      sql: "SELECT actor_kind FROM audit_events WHERE request_id = ? AND action = 'request.confirmed'",
      args: [r.id],
    });
    expect(audits.rows.map((a) => a.actor_kind)).toEqual(['customer']);
    // Idempotent: asked again (the same code, or any), it is confirmed.
    expect(await confirm(w, { manageToken: r.manageToken, code: wrongCode(code) })).toMatchObject({ status: 200, body: { via: 'sms' } });
  });

  test('a wrong code says how many tries are left; after 5 even the right one is refused (used_up) until a new code is asked for', async () => {
    const r = await phoneOnly(w, '040 111 2222');
    const code = await textedCode(w, '+358401112222');
    for (let left = confirmation.codeAttempts - 1; left >= 0; left--) {
      const res = await confirm(w, { manageToken: r.manageToken, code: wrongCode(code) });
      expect(res).toMatchObject({ status: 422, body: { error: 'confirm_failed', field: 'code', reason: 'wrong', attemptsLeft: left } });
    }
    expect(await confirm(w, { manageToken: r.manageToken, code })).toMatchObject({ status: 422, body: { reason: 'used_up' } });
    expect((await requestRow(w, r.id)).confirmed_at).toBeNull();

    const again = await post(w, '/confirm/code', { manageToken: r.manageToken });
    expect(again).toMatchObject({ status: 202, body: { sendsLeft: confirmation.codeSends - 2 } });
    const second = await textedCode(w, '+358401112222');
    // The first code stopped working with the new one.
    if (second !== code)
      expect(await confirm(w, { manageToken: r.manageToken, code })).toMatchObject({ status: 422, body: { reason: 'wrong' } });
    expect(await confirm(w, { manageToken: r.manageToken, code: second })).toMatchObject({ status: 200, body: { via: 'sms' } });
  });

  test('race: 12 wrong guesses at once spend at most the 5 tries a code has', async () => {
    const r = await phoneOnly(w, '040 333 4444');
    const code = await textedCode(w, '+358403334444');
    const answers = await Promise.all(Array.from({ length: 12 }, () => confirm(w, { manageToken: r.manageToken, code: wrongCode(code) })));
    expect(answers.filter((a) => a.body.reason === 'wrong')).toHaveLength(confirmation.codeAttempts);
    expect(answers.filter((a) => a.body.reason === 'used_up')).toHaveLength(12 - confirmation.codeAttempts);
    expect(Number((await contactRow(w, r.id))!.code_attempts)).toBe(confirmation.codeAttempts);
  });

  test(`a code works ${confirmation.codeMinutes} minutes`, async () => {
    const r = await phoneOnly(w, '040 555 6666');
    const code = await textedCode(w, '+358405556666');
    w.clock.advance(confirmation.codeMinutes * 60_000 + 1000);
    expect(await confirm(w, { manageToken: r.manageToken, code })).toMatchObject({ status: 422, body: { reason: 'expired' } });
    expect((await requestRow(w, r.id)).confirmed_at).toBeNull();
  });

  test(`at most ${confirmation.codeSends} codes per request; none for a customer with an e-mail; none once confirmed`, async () => {
    const r = await phoneOnly(w, '040 777 8888');
    for (let left = confirmation.codeSends - 2; left >= 0; left--) {
      expect(await post(w, '/confirm/code', { manageToken: r.manageToken })).toMatchObject({ status: 202, body: { sendsLeft: left } });
    }
    expect(await post(w, '/confirm/code', { manageToken: r.manageToken })).toMatchObject({ status: 429, body: { error: 'codes_used_up' } });
    await w.server.runScheduled(new Date(w.clock.now().getTime() + 1000));
    expect(w.elks.messages.filter((m) => m.to === '+358407778888')).toHaveLength(confirmation.codeSends);

    const withEmail = await send(w, { email: `c-${crypto.randomUUID()}@example.fi` });
    expect(withEmail.confirmBy).toBe('email');
    expect(await post(w, '/confirm/code', { manageToken: withEmail.manageToken })).toMatchObject({
      status: 422,
      body: { error: 'confirm_failed', reason: 'none' },
    });
    expect(await confirm(w, { manageToken: withEmail.manageToken, link: await linkProof(w, withEmail.id) })).toMatchObject({ status: 200 });
    expect(await post(w, '/confirm/code', { manageToken: withEmail.manageToken })).toMatchObject({
      status: 409,
      body: { error: 'already_confirmed' },
    });
  });

  test("the confirmation mail's one-click link carries the proof after the manage token; it confirms that request only", async () => {
    const email = `link-${crypto.randomUUID()}@example.fi`;
    const r = await send(w, { email, locale: 'sv', firstName: 'Maija', answers: { timing: 'asap', floorArea: 6 } });
    const other = await send(w, { email: `other-${crypto.randomUUID()}@example.fi` });
    expect(r).toMatchObject({ confirmBy: 'email', listed: true });
    await w.server.runScheduled(new Date(w.clock.now().getTime() + 1000));
    const [mail] = w.inbox.to(email);
    expect(mail!.text).toContain('Bekräfta din e-postadress');
    // What was sent, all of it: the first name and the answers in the customer's language.
    for (const said of ['Förnamn', 'Maija', 'Tidtabell', 'Så snart som möjligt', 'Badrummets golvyta (m²)', '6 m²'])
      expect(mail!.text).toContain(said);
    const link = linksIn(mail!).find((l) => l.includes(`#${r.manageToken}.`));
    expect(link).toBeDefined();
    expect(link!.startsWith(`${w.server.deps.config.publicUrl}/manage?lang=sv#`)).toBe(true);
    const proof = link!.split('.').at(-1)!;

    // Another request's token with this proof, and this token with a made-up proof: refused.
    expect(await confirm(w, { manageToken: other.manageToken, link: proof })).toMatchObject({
      status: 422,
      body: { error: 'confirm_failed', field: 'link', reason: 'wrong' },
    });
    expect(await confirm(w, { manageToken: r.manageToken, link: '0'.repeat(32) })).toMatchObject({ status: 422, body: { field: 'link' } });
    expect((await requestRow(w, other.id)).confirmed_at).toBeNull();

    expect(await confirm(w, { manageToken: r.manageToken, link: proof })).toMatchObject({ status: 200, body: { via: 'email' } });
    expect((await requestRow(w, r.id)).confirmed_via).toBe('email');

    // Corrected: the same address written again keeps the confirmation; another address loses it.
    const patch = (body: object) =>
      fetch(`${w.server.url}/v1/manage`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${r.manageToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await patch({ email })).status).toBe(200);
    expect((await requestRow(w, r.id)).confirmed_via).toBe('email');
    expect((await patch({ phone: '040 868 6868' })).status).toBe(200);
    expect((await requestRow(w, r.id)).confirmed_via).toBe('email');
    expect((await patch({ email: `uusi-${email}` })).status).toBe(200);
    expect(await requestRow(w, r.id)).toMatchObject({ confirmed_at: null, confirmed_via: null });
  });

  test('the privacy notice says how contacts are confirmed, and says nothing of a deletion this mode does not do', async () => {
    const page = await (await fetch(`${w.server.url}/privacy?lang=fi`)).text();
    expect(page).toContain('tekstiviestillä');
    expect(page).not.toContain(`${confirmation.holdHours} tunnin`);
  });

  test('bad input: a clear error with the field, and nothing changes', async () => {
    const r = await phoneOnly(w, '040 999 0000');
    const cases: [unknown, number, string, string][] = [
      [{ manageToken: r.manageToken, code: '12a456' }, 422, 'code', 'invalid_code'],
      [{ manageToken: r.manageToken }, 422, 'code', 'required'],
      [{ manageToken: r.manageToken, code: '123456', link: '0'.repeat(32) }, 422, 'code', 'required'],
      [{ manageToken: r.manageToken, link: 'not-hex' }, 422, 'link', 'invalid_format'],
      [{ code: '123456' }, 422, 'manageToken', 'required'],
    ];
    for (const [body, status, path, code] of cases) {
      const res = await confirm(w, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.issues).toEqual([expect.objectContaining({ path, code })]);
    }
    expect(await confirm(w, { manageToken: 'x'.repeat(43), code: '123456' })).toMatchObject({ status: 401 });
    const contact = await contactRow(w, r.id);
    expect(Number(contact!.code_attempts)).toBe(0);
    expect((await requestRow(w, r.id)).confirmed_at).toBeNull();
  });
  test(`at most ${confirmation.codesPerPhonePerDay} codes to one number per Helsinki day, over all its requests: the next is recorded as capped, never sent`, async () => {
    // Forward to 10:00 UTC of the next day (noon in Helsinki): the test's texts fall on one Helsinki day.
    const next = new Date(w.clock.now().getTime() + 86_400_000);
    next.setUTCHours(10, 0, 0, 0);
    w.clock.set(next);
    const to = '+358402468024';
    const sent = () => w.elks.messages.filter((m) => m.to === to).length;
    const first = await phoneOnly(w, '040 246 8024');
    for (let i = 1; i < confirmation.codesPerPhonePerDay - 1; i++) await phoneOnly(w, '040 246 8024');
    // The last code the day allows, by asking again; then neither a new request nor a resend texts it.
    expect(await post(w, '/confirm/code', { manageToken: first.manageToken })).toMatchObject({ status: 202 });
    const over = await phoneOnly(w, '0402468024');
    expect(await post(w, '/confirm/code', { manageToken: first.manageToken })).toMatchObject({
      status: 429,
      body: { error: 'codes_used_up' },
    });
    await w.server.runScheduled(new Date(w.clock.now().getTime() + 1000));
    expect(sent()).toBe(confirmation.codesPerPhonePerDay);
    const capped = await w.server.db.execute({
      sql: 'SELECT status, last_error, params_enc FROM outbox WHERE to_request_id = ?',
      args: [over.id],
    });
    expect(capped.rows).toEqual([expect.objectContaining({ status: 'capped', last_error: 'address_cap', params_enc: null })]);
  });
});

describe('REQUIRE_CONFIRMED_CONTACT=true', () => {
  let w: World;
  beforeAll(async () => {
    w = await start({ requireConfirmedContact: true });
  });
  afterAll(() => stop(w));

  const listedIds = async (session: Awaited<ReturnType<typeof contractor>>) =>
    ((await session.json('GET', '/v1/leads?limit=100')).body.items as { id: string }[]).map((l) => l.id);
  const alerts = async (id: string) =>
    (
      await w.server.db.execute({ sql: "SELECT to_user_id FROM outbox WHERE request_id = ? AND template = 'lead.alert'", args: [id] })
    ).rows.map((x) => x.to_user_id);

  test('a request waits unlisted, with no alerts, until confirmed; then it is listed and each contractor is alerted once (two confirmations at once)', async () => {
    const buyer = await contractor(w.server);
    const r = await send(w, { email: `held-${crypto.randomUUID()}@example.fi` });
    expect(r).toMatchObject({ confirmBy: 'email', listed: false });
    expect((await requestRow(w, r.id)).status).toBe('unconfirmed');
    expect(await listedIds(buyer)).not.toContain(r.id);
    expect((await buyer.json('POST', `/v1/leads/${r.id}/purchase`)).status).not.toBe(201);
    expect(await alerts(r.id)).toEqual([]);
    // The mail says it waits, and for how long.
    await w.server.runScheduled(new Date(w.clock.now().getTime() + 1000));
    expect(w.inbox.received.some((m) => m.text.includes(`${confirmation.holdHours} tunnin`))).toBe(true);

    const proof = await linkProof(w, r.id);
    const both = await Promise.all([1, 2].map(() => confirm(w, { manageToken: r.manageToken, link: proof })));
    expect(both.map((b) => b.status)).toEqual([200, 200]);
    expect(both.some((b) => b.body.listed)).toBe(true);
    expect((await requestRow(w, r.id)).status).toBe('open');
    expect(await listedIds(buyer)).toContain(r.id);
    const alerted = await alerts(r.id);
    expect(alerted).toContain(buyer.userId);
    expect(new Set(alerted).size).toBe(alerted.length);
  });

  test(`the privacy notice says an unconfirmed request is deleted after ${confirmation.holdHours} hours (fi, sv, en)`, async () => {
    const say = { fi: `${confirmation.holdHours} tunnin`, sv: `${confirmation.holdHours} timmar`, en: `${confirmation.holdHours} hours` };
    for (const [lang, words] of Object.entries(say)) {
      expect(await (await fetch(`${w.server.url}/privacy?lang=${lang}`)).text()).toContain(words);
    }
  });

  test(`unconfirmed after ${confirmation.holdHours} hours: deleted (contacts, text, token); one hour younger stays`, async () => {
    const old = await phoneOnly(w, '040 121 2121');
    const sentAt = Number((await requestRow(w, old.id)).created_at);
    w.clock.set(sentAt + 3_600_000);
    const young = await phoneOnly(w, '040 131 3131');

    await w.server.runScheduled(new Date(sentAt + confirmation.holdHours * 3_600_000 - 1000));
    expect((await requestRow(w, old.id)).status).toBe('unconfirmed');

    const at = new Date(sentAt + confirmation.holdHours * 3_600_000 + 1000);
    w.clock.set(at);
    await w.server.runScheduled(at);
    const gone = await requestRow(w, old.id);
    expect(gone).toMatchObject({ status: 'purged', description: null, town: null, manage_token_hash: null });
    expect(await contactRow(w, old.id)).toBeUndefined();
    expect(await confirm(w, { manageToken: old.manageToken, code: '123456' })).toMatchObject({ status: 401 });
    expect((await requestRow(w, young.id)).status).toBe('unconfirmed');
    expect(await contactRow(w, young.id)).toBeDefined();
  });
});
