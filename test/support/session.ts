// A signed-in HTTP client for tests: keeps the session cookie, sends our Origin on mutations.
import { systemActor } from '../../api/domain/context.ts';
import { hashPassword } from '../../api/adapters/passwords.ts';
import { ensureAdmin } from '../../api/domain/bootstrap.ts';
import { randomBusinessId } from './accounts.ts';
import type { TestServer } from './server.ts';

export type Client = {
  cookie: string | null;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
};

export function client(server: TestServer, origin = new URL(server.deps.config.publicUrl).origin): Client {
  const c: Client = {
    cookie: null,
    async call(method, path, body, headers = {}) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(method === 'GET' ? {} : { origin }),
          ...(c.cookie ? { cookie: c.cookie } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
      });
      const set = res.headers.get('set-cookie');
      if (set) {
        const [pair] = set.split(';');
        c.cookie = /=$/.test(pair!) || /Max-Age=0/i.test(set) ? null : pair!;
      }
      return res;
    },
    async json(method, path, body) {
      const res = await c.call(method, path, body);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
  return c;
}

export async function signIn(server: TestServer, email: string, password: string): Promise<Client> {
  const c = client(server);
  const res = await c.call('POST', '/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return c;
}

let admins = 0;
/** The first admin, as ADMIN_EMAIL + ADMIN_PASSWORD would create it at start. */
export async function signInAdmin(server: TestServer): Promise<Client> {
  const email = `admin${++admins}@linkki.test`;
  const password = 'admin-password-123';
  if (!(await ensureAdmin(server.deps, email, password))) {
    // An admin exists already in this database: add another directly.
    const { createUser } = await import('../../api/domain/users.ts');
    const { id } = await createUser({
      ctx: server.deps,
      actor: systemActor('test'),
      companyId: null,
      input: { name: 'Staff', email, role: 'admin', locale: 'fi' },
    });
    await server.db.execute({ sql: 'UPDATE users SET password_hash = ? WHERE id = ?', args: [await hashPassword(password), id] });
  }
  return signIn(server, email, password);
}

let companies = 0;
/** A fresh company with one signed-in user of the given role. */
export async function companyUser(server: TestServer, role: 'member' | 'owner' = 'member') {
  const { createCompany } = await import('../../api/domain/companies.ts');
  const { createUser } = await import('../../api/domain/users.ts');
  const n = ++companies;
  const { id: companyId } = await createCompany({
    ctx: server.deps,
    actor: systemActor('test'),
    input: { name: `Urakka ${n} Oy`, businessId: randomBusinessId(), regions: [], categories: [] },
  });
  const email = `user${n}.${Math.random().toString(36).slice(2, 8)}@urakka.fi`;
  const { id } = await createUser({
    ctx: server.deps,
    actor: systemActor('test'),
    companyId,
    input: { name: `Urakoitsija ${n}`, email, role, locale: 'fi' },
  });
  await server.db.execute({ sql: 'UPDATE users SET password_hash = ? WHERE id = ?', args: [await hashPassword('salasana-1234'), id] });
  return { id, email, companyId, session: await signIn(server, email, 'salasana-1234') };
}
