// Security review (issue 10), accounts: who has an account is not told to an owner, link secrets
// travel in the fragment, and an email change is told to the old address. Mail arrives on each
// engine's real path (SMTP on Node, Brevo's API from the Worker), driven by the scheduled jobs.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testPassword, contractor, createCompany, signUp } from '../support/accounts.ts';
import { linksIn, type Inbox } from '../support/mail-inbox.ts';
import { startMailServer, stopMailServer } from '../support/mail-server.ts';
import type { TestServer } from '../support/server.ts';
import { now } from '../support/clock.ts';

let server: TestServer;
let inbox: Inbox;
let n = 0;

beforeAll(async () => {
  ({ inbox, server } = await startMailServer());
});
afterAll(() => stopMailServer(server, inbox));

const deliver = () => server.runScheduled(new Date(now() + 1000));
const address = (who: string) => `${who}-${now().toString(36)}-${++n}@yritys.example`;
const own = () => new URL(server.deps.config.publicUrl).origin;

/** The dashboard's form, posted as a browser without JavaScript would. */
const postForm = (path: string, form: Record<string, string>) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: own() },
    body: new URLSearchParams(form).toString(),
  });

describe('issue 10: adding an address that already has an account tells the owner nothing', () => {
  test('the owner gets the same 201 shape as for a new address, the token never works, and the holder is mailed in their language', async () => {
    const owner = await contractor(server, { role: 'owner' });
    const holder = await signUp(server, { companyId: await createCompany(server), locale: 'sv' });
    const fresh = address('uusi');

    const a = await owner.json('POST', '/v1/company/users', { body: { name: 'Olemassa Oleva', email: holder.email, role: 'member' } });
    const b = await owner.json('POST', '/v1/company/users', { body: { name: 'Uusi Henkilö', email: fresh, role: 'member' } });
    expect([a.status, b.status]).toEqual([201, 201]);
    const shape = (body: Record<string, string>) => ({
      keys: Object.keys(body).sort(),
      id: /^[0-9a-f-]{36}$/.test(body.id!),
      token: /^[A-Za-z0-9_-]{43}$/.test(body.inviteToken!),
      url: body.inviteUrl!.replace(body.inviteToken!, 'T'),
    });
    expect(shape(a.body)).toEqual(shape(b.body));
    expect(a.headers.get('content-type')).toBe(b.headers.get('content-type'));
    expect(
      (
        await fetch(`${server.url}/v1/auth/invite/${a.body.inviteToken}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ password: 'kaappaajan-tunnus-1' }),
        })
      ).status,
    ).toBe(404);

    await deliver();
    // (Test users are made through the invite verb, so their own invite mail is there too.)
    const told = inbox.to(holder.email).filter((m) => !/^Inbjudan/.test(m.subject));
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe('Någon försökte lägga till dig i Linkki');
    expect(told[0]!.text).toMatch(/Du har redan ett Linkki-konto/);
    expect(inbox.to(fresh).map((m) => m.subject)).toEqual([expect.stringMatching(/^Kutsu Linkkiin/)]);
    // The holder's account is untouched: same company, still signs in.
    expect((await holder.json('GET', '/v1/me')).body.company.id).toBe(holder.companyId);
  });

  test('staff, who may search any address anyway, still get 409 email_taken', async () => {
    const admin = await signUp(server, { companyId: null, role: 'admin' });
    const holder = await contractor(server);
    const res = await admin.json('POST', `/v1/admin/companies/${await createCompany(server)}/users`, {
      body: { name: 'X', email: holder.email, role: 'member' },
    });
    expect(res).toMatchObject({ status: 409, body: { error: 'email_taken' } });
  });
});

describe('issue 10: invite and reset links carry the token in the fragment', () => {
  test("the mailed link is /invite?lang=<reader's>#<token>; the page and its form work without JavaScript", async () => {
    const admin = await signUp(server, { companyId: null, role: 'admin' });
    const email = address('kutsu');
    const created = await admin.json('POST', `/v1/admin/companies/${await createCompany(server)}/users`, {
      body: { name: 'Kutsuttu', email, role: 'member' },
    });
    expect(created.body.inviteUrl).toBe(`${server.deps.config.publicUrl}/invite#${created.body.inviteToken}`);
    await deliver();
    const link = linksIn(inbox.to(email)[0]!).find((l) => l.includes('/invite'))!;
    expect(link).toBe(`${server.deps.config.publicUrl}/invite?lang=fi#${created.body.inviteToken}`);

    const page = await fetch(`${server.url}/invite`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="token"');
    expect(html).toContain('<script src="/invite.js"></script>');
    const script = await fetch(`${server.url}/invite.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('location.hash');

    // No JavaScript: the reader pastes the code into the visible field.
    const weak = await postForm('/invite?lang=sv', { token: created.body.inviteToken, password: 'password12', repeat: 'password12' });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('Lösenordet är för lätt att gissa');
    const set = await postForm('/invite?lang=fi', {
      token: created.body.inviteToken,
      password: 'oma-vahva-tunnus-5',
      repeat: 'oma-vahva-tunnus-5',
    });
    expect(set.status).toBe(303);
    expect(set.headers.get('location')).toMatch(/^\/dashboard\/login/);
  });

  test('the API takes the token in the body too, so it never has to be in a URL', async () => {
    const admin = await signUp(server, { companyId: null, role: 'admin' });
    const email = address('api');
    const created = await admin.json('POST', `/v1/admin/companies/${await createCompany(server)}/users`, {
      body: { name: 'Api', email, role: 'member' },
    });
    const set = (body: unknown) =>
      fetch(`${server.url}/v1/auth/invite`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await set({ token: 'ei-tallaista', password: 'api-vahva-tunnus-8' })).status).toBe(404);
    expect((await set({ token: created.body.inviteToken, password: 'password12' })).status).toBe(422);
    expect((await set({ token: created.body.inviteToken, password: 'api-vahva-tunnus-8' })).status).toBe(204);
    expect((await set({ token: created.body.inviteToken, password: 'api-vahva-tunnus-8' })).status).toBe(404);
  });

  test('a link mailed before (token in the path) is moved into the fragment', async () => {
    const res = await fetch(`${server.url}/invite/vanha-linkki-token`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/invite?lang=fi#vanha-linkki-token');
  });

  test("a reset link refuses a weak password in the reader's language, then sets a strong one", async () => {
    const user = await contractor(server, { locale: 'en' });
    await fetch(`${server.url}/v1/notifications/password-reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email }),
    });
    await deliver();
    const link = linksIn(inbox.to(user.email).find((m) => m.subject === 'Resetting your Linkki password')!).find((l) =>
      l.includes('/invite?'),
    )!;
    expect(link).toMatch(/\/invite\?lang=en&for=reset#/);
    const token = link.split('#')[1]!;
    const weak = await postForm('/invite?lang=en', { token, password: 'aaaaaaaaaa', repeat: 'aaaaaaaaaa' });
    expect(weak.status).toBe(422);
    const html = await weak.text();
    expect(html).toContain('This password is too easy to guess');
    expect(html).toContain(`value="${token}"`);
    expect((await postForm('/invite?lang=en', { token, password: 'reset-vahva-tunnus-4', repeat: 'reset-vahva-tunnus-4' })).status).toBe(
      303,
    );
  });
});

describe('issue 10: changing the email ends the other sessions and tells the old address', () => {
  test("PATCH /v1/me with a new email: the other session ends, this one stays, the old address gets a notice in the user's language", async () => {
    const me = await contractor(server, { locale: 'en' });
    const other = await fetch(`${server.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: me.email, password: testPassword }),
    });
    const otherCookie = other.headers.get('set-cookie')!.split(';')[0]!;
    const newEmail = address('uusi-osoite');

    const res = await me.json('PATCH', '/v1/me', { body: { email: newEmail, currentPassword: testPassword } });
    expect(res).toMatchObject({ status: 200, body: { email: newEmail } });
    expect((await me.json('GET', '/v1/me')).status).toBe(200);
    expect((await fetch(`${server.url}/v1/me`, { headers: { cookie: otherCookie } })).status).toBe(401);

    await deliver();
    const notice = inbox.to(me.email).filter((m) => !/^Invitation/.test(m.subject));
    expect(notice.map((m) => m.subject)).toEqual(['The email address of your Linkki account was changed']);
    expect(notice[0]!.text).not.toContain(newEmail);
    expect(inbox.to(newEmail).filter((m) => /email address/.test(m.subject))).toHaveLength(0);
  });

  test('a name change alone keeps the other sessions and sends nothing', async () => {
    const me = await contractor(server);
    const other = await fetch(`${server.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: me.email, password: testPassword }),
    });
    const otherCookie = other.headers.get('set-cookie')!.split(';')[0]!;
    expect((await me.json('PATCH', '/v1/me', { body: { name: 'Uusi Nimi' } })).status).toBe(200);
    expect((await fetch(`${server.url}/v1/me`, { headers: { cookie: otherCookie } })).status).toBe(200);
    await deliver();
    expect(inbox.to(me.email).filter((m) => !/^Kutsu/.test(m.subject))).toHaveLength(0);
  });
});
