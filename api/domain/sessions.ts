// Login, logout and the session behind every cookie: server-side, revocable, with idle and
// absolute expiry (SPEC.md: 30 minutes idle, 12 hours absolute).
import type { InStatement, InValue, ResultSet } from '@libsql/client';
import { eq, sql } from 'drizzle-orm';
import { loginThrottle, sessions as config } from '../config.ts';
import { random, sha256Hex, toBase64Url } from '../adapters/keys.ts';
import { decoyHash, verifyPassword } from '../adapters/passwords.ts';
import { boolean, integer, rowReader, text, textOrNull } from '../db/rows.ts';
import { sessions } from '../db/schema/users.ts';
import { AppError } from './errors.ts';
import { addressKey } from './rate-limit.ts';
import type { Locale } from '../contract/request.ts';
import { atLeast, type SessionUser } from './session-user.ts';
import type { Role } from '../db/schema/users.ts';
import { emailHash } from './users.ts';
import type { Ctx } from './context.ts';

const idleMs = config.idleMinutes * 60_000;
const absoluteMs = config.absoluteHours * 3600_000;
/** A session's last-seen time is written at most this often (one write per minute, not per request). */
const touchEveryMs = 60_000;

const readFailures = rowReader({ failures: integer });
/** `company_active` is 1 for staff, who have no company. */
const readAccount = rowReader({
  id: text,
  role: text,
  company_id: textOrNull,
  password_hash: textOrNull,
  company_active: boolean,
  locale: text,
});

/**
 * Signs a user in. The throttle counts an attempt before the password is hashed, in one
 * statement that increments and returns (a read, a slow hash, then a write would let every
 * concurrent guess through). Two counts, per window:
 * - per account AND source (`loginThrottle.failures`): the strict one; failures elsewhere never
 *   lock the owner out of their own address;
 * - per account over all sources (`loginThrottle.accountFailures`), counting only attempts that
 *   passed the strict one. Past it, a source that already tried this account in the window is
 *   refused, and a source that has not gets one try: a spread-out attacker is slowed to one
 *   guess per address, the owner at an address that was not failing still signs in.
 * A success gives its attempt back to both counts. Unknown emails are counted alike.
 */
export async function login({
  ctx,
  input: { email, password, source },
}: {
  ctx: Ctx;
  input: { email: string; password: string; source: string };
}): Promise<{ token: string; user: SessionUser }> {
  const now = ctx.clock.now().getTime();
  const hash = await emailHash(ctx, email);
  const accountBucket = await ctx.keys.hash('login', hash);
  const pairBucket = await ctx.keys.hash('login', `${hash}\u0000${await addressKey(ctx, source)}`);
  const windowMs = loginThrottle.windowSeconds * 1000;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const refuse = () => {
    const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    return new AppError('rate_limited', { retryAfter }, { 'Retry-After': String(retryAfter) });
  };
  // One write batch, one round trip: the pair's count, then the account's, which counts only an
  // attempt the pair's limit let through (its WHERE reads the pair's row the batch just wrote).
  const [pair, account] = await ctx.client.batch(
    [
      {
        sql: `INSERT INTO login_failures (bucket, window_start, failures) VALUES (?, ?, 1)
              ON CONFLICT (bucket, window_start) DO UPDATE SET failures = failures + 1
              RETURNING failures`,
        args: [pairBucket, windowStart],
      },
      {
        sql: `INSERT INTO login_failures (bucket, window_start, failures)
              SELECT ?, ?, 1 WHERE (SELECT failures FROM login_failures WHERE bucket = ? AND window_start = ?) <= ?
              ON CONFLICT (bucket, window_start) DO UPDATE SET failures = failures + 1
              RETURNING failures`,
        args: [accountBucket, windowStart, pairBucket, windowStart, loginThrottle.failures],
      },
    ],
    'write',
  );
  const fromHere = readFailures(pair!.rows[0]!).failures;
  if (fromHere > loginThrottle.failures) throw refuse();
  const overall = readFailures(account!.rows[0]!).failures;
  if (overall > loginThrottle.accountFailures && fromHere > 1) throw refuse();

  const found = await ctx.client.execute({
    sql: `SELECT u.id, u.role, u.company_id, u.password_hash, u.locale, coalesce(c.active, 1) AS company_active FROM users u
          LEFT JOIN companies c ON c.id = u.company_id
          WHERE u.email_hash = ? AND u.active = 1`,
    args: [hash],
  });
  const row = found.rows.map(readAccount)[0];
  const stored = row?.password_hash ?? null;
  // Unknown email and wrong password cost the same and answer the same.
  const ok = await verifyPassword(password, stored ?? (await decoyHash()));
  if (!row || !stored || !ok) throw new AppError('invalid_credentials');
  // An inactive company's user cannot sign in (SPEC, December 2026). Only someone who knows the
  // password learns why, so they ask Linkki instead of resetting a password that is right.
  if (!row.company_active) throw new AppError('company_inactive');

  const userId = row.id;
  const token = toBase64Url(random(32));
  const sessionHash = await sha256Hex(token);
  await ctx.db.batch([
    ctx.db.insert(sessions).values({
      idHash: sessionHash,
      userId,
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + absoluteMs),
    }),
    ctx.db.run(sql`UPDATE login_failures SET failures = failures - 1
      WHERE bucket IN (${pairBucket}, ${accountBucket}) AND window_start = ${windowStart} AND failures > 0`),
  ]);
  return {
    token,
    user: {
      id: userId,
      role: row.role as SessionUser['role'],
      companyId: row.company_id,
      sessionHash,
      locale: row.locale as Locale,
    },
  };
}

const readSession = rowReader({
  last_seen_at: integer,
  expires_at: integer,
  id: text,
  role: text,
  company_id: textOrNull,
  locale: text,
});

/** The signed-in person behind a session cookie's token, or null (the actor every other verb is given). */
export async function resolveSession({ ctx, input: { token } }: { ctx: Ctx; input: { token: string } }): Promise<SessionUser | null> {
  const sessionHash = await sha256Hex(token);
  return acceptSession(ctx, sessionHash, await ctx.client.execute(sessionStatement(sessionHash)));
}

/**
 * The session's row (a user of an inactive company has none, whatever the sessions table holds).
 * Its own statement, so a verb can read it in the same pipeline as its own reads (`readSignedIn`).
 */
function sessionStatement(sessionHash: string): InStatement {
  return {
    sql: `SELECT s.last_seen_at, s.expires_at, u.id, u.role, u.company_id, u.locale
          FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id_hash = ? AND u.active = 1
            AND (u.company_id IS NULL OR EXISTS (SELECT 1 FROM companies c WHERE c.id = u.company_id AND c.active = 1))`,
    args: [sessionHash],
  };
}

/** The user a session row gives, or null; an expired session is deleted, a live one touched once a minute. */
async function acceptSession(ctx: Ctx, sessionHash: string, found: ResultSet): Promise<SessionUser | null> {
  const now = ctx.clock.now().getTime();
  const r = found.rows.map(readSession)[0];
  if (!r) return null;
  const lastSeen = r.last_seen_at;
  if (now >= r.expires_at || now >= lastSeen + idleMs) {
    await ctx.db.delete(sessions).where(eq(sessions.idHash, sessionHash));
    return null;
  }
  if (now - lastSeen > touchEveryMs) {
    await ctx.db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.idHash, sessionHash));
  }
  return {
    id: r.id,
    role: r.role as SessionUser['role'],
    companyId: r.company_id,
    sessionHash,
    locale: r.locale as Locale,
  };
}

/**
 * A cookie whose session is not read yet. A verb that reads anyway reads the session in the same
 * round trip (`readSignedIn`): on the edge every statement apart is a trip to the database.
 */
export type PendingSession = { pendingSessionHash: string };

/**
 * Whom a statement reads for, as SQL: `company` and `user` are expressions. For a user already
 * read they are bound parameters; for a pending session they name the session's user through the
 * CTE `me`, so the statement can run in the same read as the session itself. The session is
 * judged (expiry, idle, active company) from its own row in the same snapshot, and a verb uses
 * the rows only if it passes.
 */
export type SqlActor = { with: string; company: string; user: string; args: Record<string, InValue> };

export function sqlActor(actor: SessionUser | PendingSession): SqlActor {
  if ('pendingSessionHash' in actor) {
    return {
      with: 'WITH me AS (SELECT u.id AS user_id, u.company_id FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = :session)',
      company: '(SELECT company_id FROM me)',
      user: '(SELECT user_id FROM me)',
      args: { session: actor.pendingSessionHash },
    };
  }
  return { with: '', company: ':company', user: ':user', args: { company: actor.companyId, user: actor.id } };
}

/**
 * A signed-in verb's reads, with the session if it is still pending, in one round trip. Refuses
 * a dead session (401) and a role below `role` (403) before any row is used.
 */
export async function readSignedIn(
  ctx: Ctx,
  actor: SessionUser | PendingSession,
  role: Role,
  statements: (who: SqlActor) => InStatement[],
): Promise<{ user: SessionUser; results: ResultSet[] }> {
  const own = statements(sqlActor(actor));
  let user: SessionUser | null;
  let results: ResultSet[];
  if ('pendingSessionHash' in actor) {
    const [session, ...rest] = await ctx.client.batch([sessionStatement(actor.pendingSessionHash), ...own], 'read');
    user = await acceptSession(ctx, actor.pendingSessionHash, session!);
    results = rest;
  } else {
    user = actor;
    results = own.length === 1 ? [await ctx.client.execute(own[0]!)] : await ctx.client.batch(own, 'read');
  }
  if (!user) throw new AppError('unauthorized');
  if (!atLeast(user, role)) throw new AppError('forbidden');
  return { user, results };
}

/** Ends the actor's own session, the one they act in. */
export async function logout({ ctx, actor }: { ctx: Ctx; actor: SessionUser }): Promise<void> {
  await endSession(ctx, actor.sessionHash);
}

/** Drops a session by its cookie value (login rotates: the old session ends). */
export async function endSessionByToken({ ctx, input: { token } }: { ctx: Ctx; input: { token: string } }): Promise<void> {
  await endSession(ctx, await sha256Hex(token));
}

async function endSession(ctx: Ctx, sessionHash: string): Promise<void> {
  await ctx.db.delete(sessions).where(eq(sessions.idHash, sessionHash));
}
