// Staff answer a written data-subject request: find, export and erase by email or phone,
// through keyed hashes; each action audited without contact values (S21, S24, S26).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { companyUser, signInAdmin, type Client } from '../support/session.ts';

const origin = 'https://rautakauppa.example';
let server: TestServer;
let admin: Client;
let partner: string;

beforeAll(async () => {
  server = await startServer();
  admin = await signInAdmin(server);
  partner = (await server.createPartner({ origins: [origin] })).publicKey;
});
afterAll(() => server.close());

async function send(email: string, phone?: string) {
  const res = await postRequest(server.url, validRequest(partner, { email, phone }), { origin });
  return (await res.json()).id as string;
}

test('find by email (any case) and by phone (any format), across requests and users', async () => {
  const a = await send('Liisa.Virtanen@example.fi', '040 111 2222');
  const b = await send('liisa.virtanen@example.fi', undefined);
  const c = await send('someone.else@example.fi', '+358401112222');
  const byEmail = await admin.json('POST', '/v1/admin/data-subjects/search', { email: 'LIISA.virtanen@example.fi ' });
  expect(byEmail.status).toBe(200);
  expect(byEmail.body.requests.map((r: { id: string }) => r.id).sort()).toEqual([a, b].sort());
  const byPhone = await admin.json('POST', '/v1/admin/data-subjects/search', { phone: '0401112222' });
  expect(byPhone.body.requests.map((r: { id: string }) => r.id).sort()).toEqual([a, c].sort());

  const user = await companyUser(server);
  const users = await admin.json('POST', '/v1/admin/data-subjects/search', { email: user.email });
  expect(users.body.users).toEqual([expect.objectContaining({ id: user.id, role: 'member' })]);
});

test('export gives the stored data; erase removes it for buyers too; all audited without values', async () => {
  const id = await send('erase.me@example.fi', '050 999 8888');
  const buyer = await companyUser(server);
  await buyer.session.call('POST', `/v1/leads/${id}/purchase`);

  const exported = await admin.json('POST', '/v1/admin/data-subjects/export', { email: 'erase.me@example.fi' });
  expect(exported.body.requests[0].request).toMatchObject({ id, contact: { email: 'erase.me@example.fi', phone: '0509998888' } });

  const erased = await admin.json('POST', '/v1/admin/data-subjects/erase', { email: 'erase.me@example.fi' });
  expect(erased.body).toEqual({ requestsErased: 1, usersErased: 0 });
  const lead = await buyer.session.json('GET', `/v1/leads/${id}`);
  expect(JSON.stringify(lead.body ?? {})).not.toContain('erase.me');
  expect((await admin.json('POST', '/v1/admin/data-subjects/search', { email: 'erase.me@example.fi' })).body.requests).toEqual([]);

  const audit = await server.db.execute("SELECT * FROM audit_events WHERE action LIKE 'subject.%'");
  expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['subject.searched', 'subject.exported', 'subject.erased']));
  expect(JSON.stringify(audit.rows)).not.toMatch(/erase\.me|999 ?8888/);
});

test('erasing a company user closes and anonymises the account', async () => {
  const user = await companyUser(server);
  const res = await admin.json('POST', '/v1/admin/data-subjects/erase', { email: user.email });
  expect(res.body).toEqual({ requestsErased: 0, usersErased: 1 });
  expect((await user.session.json('GET', '/v1/me')).status).toBe(401);
  const row = (await server.db.execute({ sql: 'SELECT * FROM users WHERE id = ?', args: [user.id] })).rows[0]!;
  expect(await server.deps.keys.decrypt(String(row.email_enc), `users:${user.id}:email`)).toBe('(erased)');
});

test('only staff; bad input names the field', async () => {
  const member = await companyUser(server);
  expect((await member.session.json('POST', '/v1/admin/data-subjects/search', { email: 'a@b.fi' })).status).toBe(403);
  const bad = await admin.json('POST', '/v1/admin/data-subjects/search', {});
  expect(bad).toMatchObject({ status: 422, body: { issues: [{ path: 'email', code: 'contact_required' }] } });
});
