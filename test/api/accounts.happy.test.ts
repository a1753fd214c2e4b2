// Staff create companies and users; users accept invites and manage their own data.
// S7, S10 (accounts are created for users), S15 (encrypted), S16 (personal logins), S26.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { randomBusinessId } from '../support/accounts.ts';
import { client, signIn, signInAdmin, type Client } from '../support/session.ts';

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startServer();
  admin = await signInAdmin(server);
});
afterAll(() => server.close());

async function newCompany(name = 'Putkiremontti Oy') {
  const res = await admin.json('POST', '/v1/admin/companies', { name, businessId: randomBusinessId() });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function invite(companyId: string, email: string, role: 'member' | 'owner' = 'owner', by = admin) {
  const res = await by.json('POST', `/v1/admin/companies/${companyId}/users`, { name: 'Maija Mallikas', email, role });
  return res;
}

test('the admin logs in with an HttpOnly SameSite cookie and reads their own data', async () => {
  const res = await admin.json('GET', '/v1/me');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ role: 'admin', company: null, email: expect.stringMatching(/@linkki\.test$/) });
  const login = await client(server).call('POST', '/v1/auth/login', { email: res.body.email, password: 'admin-password-123' });
  const cookie = login.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^linkki_session=[A-Za-z0-9_-]{43};/);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Lax/);
  expect(cookie).toMatch(/Max-Age=43200/); // 12 hours absolute
});

describe('a company user is invited and sets their own password (S10)', () => {
  test('invite → accept → login → /v1/me names the company; the invite works once', async () => {
    const companyId = await newCompany('Kattomestarit Oy');
    const created = await invite(companyId, 'maija@kattomestarit.fi');
    expect(created.status).toBe(201);
    expect(created.body.inviteUrl).toBe(`${server.url}/invite#${created.body.inviteToken}`);

    const anon = client(server);
    expect((await anon.call('POST', `/v1/auth/invite/${created.body.inviteToken}`, { password: 'oma-salasana-123' })).status).toBe(204);
    expect((await anon.json('POST', `/v1/auth/invite/${created.body.inviteToken}`, { password: 'toinen-salasana-1' })).body.error).toBe(
      'invite_invalid',
    );

    const user = await signIn(server, 'MAIJA@kattomestarit.fi ', 'oma-salasana-123');
    const me = await user.json('GET', '/v1/me');
    expect(me.body).toMatchObject({
      name: 'Maija Mallikas',
      email: 'maija@kattomestarit.fi',
      role: 'owner',
      company: { id: companyId, name: 'Kattomestarit Oy' },
    });
  });

  test("users' names and emails are encrypted at rest; login finds them by keyed hash (S15)", async () => {
    const companyId = await newCompany('Salaus Oy');
    const { body } = await invite(companyId, 'salainen.nimi@salaus.fi');
    const row = (await server.db.execute({ sql: 'SELECT * FROM users WHERE id = ?', args: [body.id] })).rows[0]!;
    expect(JSON.stringify(row)).not.toMatch(/salainen|Maija|Mallikas/i);
    expect(String(row.email_enc)).toMatch(/^v1\./);
    expect(String(row.email_hash)).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the same email twice → 409 email_taken; a bad business ID → 422 with the field', async () => {
    const companyId = await newCompany('Tupla Oy');
    expect((await invite(companyId, 'tupla@tupla.fi')).status).toBe(201);
    const again = await invite(companyId, 'Tupla@Tupla.fi');
    expect(again).toMatchObject({ status: 409, body: { error: 'email_taken', field: 'email' } });

    for (const businessId of ['0737546-3', '0000006-0', '0000006-9', '1234567', 'abc']) {
      const res = await admin.json('POST', '/v1/admin/companies', { name: 'Virhe Oy', businessId });
      expect(res.status, businessId).toBe(422);
      expect(res.body.issues[0]).toMatchObject({ path: 'businessId' });
    }
    const dup = await admin.json('POST', '/v1/admin/companies', { name: 'Kopio Oy', businessId: '0737546-2' });
    expect(dup.status === 201 || dup.body.error === 'business_id_taken').toBe(true);
  });
});

describe('own data (S26)', () => {
  let user: Client;
  beforeAll(async () => {
    const companyId = await newCompany('Oma Oy');
    const { body } = await invite(companyId, 'oma@oma.fi');
    await client(server).call('POST', `/v1/auth/invite/${body.inviteToken}`, { password: 'alkuperainen-1' });
    user = await signIn(server, 'oma@oma.fi', 'alkuperainen-1');
  });

  test('name changes without the current password; email and password need it', async () => {
    expect((await user.json('PATCH', '/v1/me', { name: 'Uusi Nimi' })).body.name).toBe('Uusi Nimi');
    const missing = await user.json('PATCH', '/v1/me', { email: 'uusi@oma.fi' });
    expect(missing).toMatchObject({ status: 422, body: { issues: [{ path: 'currentPassword', code: 'required' }] } });
    const wrong = await user.json('PATCH', '/v1/me', { email: 'uusi@oma.fi', currentPassword: 'arvaus-1234' });
    expect(wrong).toMatchObject({ status: 422, body: { issues: [{ path: 'currentPassword', code: 'wrong_password' }] } });
    const ok = await user.json('PATCH', '/v1/me', { email: 'uusi@oma.fi', currentPassword: 'alkuperainen-1' });
    expect(ok.body.email).toBe('uusi@oma.fi');
    await signIn(server, 'uusi@oma.fi', 'alkuperainen-1');
  });

  test('a new password ends the other sessions, keeps this one', async () => {
    const other = await signIn(server, 'uusi@oma.fi', 'alkuperainen-1');
    const res = await user.json('PATCH', '/v1/me', { password: 'vaihdettu-salasana-2', currentPassword: 'alkuperainen-1' });
    expect(res.status).toBe(200);
    expect((await user.json('GET', '/v1/me')).status).toBe(200);
    expect((await other.json('GET', '/v1/me')).status).toBe(401);
    await signIn(server, 'uusi@oma.fi', 'vaihdettu-salasana-2');
  });

  test('logout ends the session on the server', async () => {
    const session = await signIn(server, 'uusi@oma.fi', 'vaihdettu-salasana-2');
    const cookie = session.cookie;
    expect((await session.call('POST', '/v1/auth/logout')).status).toBe(204);
    const replay = await fetch(`${server.url}/v1/me`, { headers: { cookie: cookie! } });
    expect(replay.status).toBe(401);
  });
});

describe('a company owner manages the company users', () => {
  test('owner invites a member, lists and removes them; the removed user cannot log in', async () => {
    const companyId = await newCompany('Omistaja Oy');
    const { body } = await invite(companyId, 'omistaja@omistaja.fi');
    await client(server).call('POST', `/v1/auth/invite/${body.inviteToken}`, { password: 'vahva-pääsalasana-7' });
    const owner = await signIn(server, 'omistaja@omistaja.fi', 'vahva-pääsalasana-7');

    const member = await owner.json('POST', '/v1/company/users', { name: 'Jäsen', email: 'jasen@omistaja.fi', role: 'member' });
    expect(member.status).toBe(201);
    await client(server).call('POST', `/v1/auth/invite/${member.body.inviteToken}`, { password: 'toisen-käyttäjän-tunnus' });
    const asMember = await signIn(server, 'jasen@omistaja.fi', 'toisen-käyttäjän-tunnus');
    expect((await asMember.json('POST', '/v1/company/users', { name: 'X', email: 'x@omistaja.fi', role: 'member' })).status).toBe(403);

    const list = await owner.json('GET', '/v1/company/users');
    expect(list.body.items.map((u: { email: string }) => u.email).sort()).toEqual(['jasen@omistaja.fi', 'omistaja@omistaja.fi']);

    expect((await owner.call('DELETE', `/v1/company/users/${member.body.id}`)).status).toBe(204);
    expect((await asMember.json('GET', '/v1/me')).status).toBe(401);
    expect(
      (await client(server).call('POST', '/v1/auth/login', { email: 'jasen@omistaja.fi', password: 'toisen-käyttäjän-tunnus' })).status,
    ).toBe(401);
  });
});

test('staff edit a category price and buyer cap; the widget config still lists it', async () => {
  const res = await admin.json('PATCH', '/v1/admin/categories/sauna', { priceCents: 3500, maxBuyers: 2 });
  expect(res).toMatchObject({ status: 200, body: { id: 'sauna', priceCents: 3500, maxBuyers: 2 } });
  expect((await admin.json('PATCH', '/v1/admin/categories/sauna', { maxBuyers: 0 })).status).toBe(422);
  expect((await admin.json('PATCH', '/v1/admin/categories/nope', { maxBuyers: 2 })).status).toBe(404);
});

test('staff create a partner through the API', async () => {
  const res = await admin.json('POST', '/v1/admin/partners', {
    name: 'Rauta Oy',
    kind: 'hardware_store',
    allowedOrigins: ['https://rauta.example'],
  });
  expect(res.status).toBe(201);
  expect(res.body.publicKey).toMatch(/^pk_/);
  const bad = await admin.json('POST', '/v1/admin/partners', {
    name: 'Rauta Oy',
    kind: 'hardware_store',
    allowedOrigins: ['https://rauta.example/path'],
  });
  expect(bad).toMatchObject({ status: 422, body: { issues: [{ path: 'allowedOrigins.0', code: 'invalid_origin' }] } });
  // The verb audits its own change, in the same batch (api/domain/README.md).
  const audited = await server.db.execute({
    sql: "SELECT count(*) AS n FROM audit_events WHERE action = 'partner.created' AND actor_kind = 'user' AND actor_user_id IS NOT NULL",
    args: [],
  });
  expect(Number(audited.rows[0]!.n)).toBe(1);
});
