// Contractors for tests: a company and a user made through the domain verbs, a known password,
// a real login over HTTP, and a client that keeps the session cookie. Also: requests sent
// through POST /v1/requests, as a customer would.
import { systemActor } from '../../api/domain/context.ts';
import { hashPassword } from '../../api/adapters/passwords.ts';
import { createCompany as createCompanyVerb } from '../../api/domain/companies.ts';
import { createUser } from '../../api/domain/users.ts';
import { postRequest, validRequest } from './intake.ts';
import type { TestServer } from './server.ts';
import { now } from './clock.ts';

export const testPassword = 'correct horse battery';
// Tests log in dozens of times: a cheap hash keeps them fast. The parameters travel in the
// hash string, so the real verifier checks it on both engines; production uses config.ts's.
const cheap = { rounds: 1, iterationsPerRound: 1_000, saltBytes: 16, hashBytes: 32 };

type Init = { body?: unknown; headers?: Record<string, string> };

export type Account = {
  userId: string;
  companyId: string | null;
  email: string;
  /** A signed-in request; mutations carry our own Origin, as the dashboard's would. */
  call(method: string, path: string, init?: Init): Promise<Response>;
  /** The same, with the body read: `text` as sent (for "never contains" checks), `body` parsed. */
  json<T = any>(method: string, path: string, init?: Init): Promise<{ status: number; text: string; body: T; headers: Headers }>;
};

let counter = 0;
const unique = () => `${now().toString(36)}${(++counter).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A valid, random Y-tunnus (weights 7,9,10,5,8,4,2; remainder 1 has no valid check digit). */
export function randomBusinessId(): string {
  const weights = [7, 9, 10, 5, 8, 4, 2];
  for (;;) {
    const digits = Array.from({ length: 7 }, () => Math.floor(Math.random() * 10));
    const remainder = digits.reduce((s, d, i) => s + d * weights[i]!, 0) % 11;
    if (remainder !== 1) return `${digits.join('')}-${remainder === 0 ? 0 : 11 - remainder}`;
  }
}

export async function createCompany(server: TestServer, name = `Remontti ${unique()} Oy`): Promise<string> {
  for (;;) {
    try {
      return (
        await createCompanyVerb({
          ctx: server.deps,
          actor: systemActor('test'),
          input: { name, businessId: randomBusinessId(), regions: [], categories: [] },
        })
      ).id;
    } catch (err) {
      // One random business ID in ten million repeats: draw again.
      if ((err as { code?: string }).code !== 'business_id_taken') throw err;
    }
  }
}

/** A user with a known password, signed in over HTTP. No companyId + role admin = staff. */
export async function signUp(
  server: TestServer,
  {
    companyId,
    role = 'member',
    locale = 'fi',
  }: { companyId: string | null; role?: 'member' | 'owner' | 'admin'; locale?: 'fi' | 'sv' | 'en' },
): Promise<Account> {
  const email = `user-${unique()}@yritys.example`;
  const { id } = await createUser({
    ctx: server.deps,
    actor: systemActor('test'),
    companyId,
    input: role === 'admin' ? { name: 'Staff Person', email, role, locale } : { name: 'Urho Urakoitsija', email, role, locale },
  });
  await server.db.execute({
    sql: 'UPDATE users SET password_hash = ? WHERE id = ?',
    args: [await hashPassword(testPassword, cheap), id],
  });
  const login = await fetch(`${server.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: testPassword }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const ownOrigin = new URL(server.deps.config.publicUrl).origin;

  const call = (method: string, path: string, init: Init = {}) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        cookie,
        ...(method === 'GET' ? {} : { origin: ownOrigin }),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  return {
    userId: id,
    companyId,
    email,
    call,
    async json(method, path, init) {
      const res = await call(method, path, init);
      const text = await res.text();
      return { status: res.status, text, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
  };
}

/** A new company and one member of it, signed in. */
export async function contractor(server: TestServer, opts: { role?: 'member' | 'owner'; locale?: 'fi' | 'sv' | 'en' } = {}) {
  return signUp(server, { companyId: await createCompany(server), ...opts });
}

/** Sends a request as a customer would (POST /v1/requests); returns its id. */
export async function sendRequest(server: TestServer, partnerKey: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await postRequest(server.url, validRequest(partnerKey, overrides));
  if (res.status !== 201) throw new Error(`request not stored: ${res.status}`);
  return (await res.json()).id;
}
