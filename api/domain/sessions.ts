// Login, logout and the session behind every cookie: server-side, revocable, with idle and
// absolute expiry (SPEC.md: 30 minutes idle, 12 hours absolute).
import { eq, sql } from 'drizzle-orm';
import { loginThrottle, sessions as config } from '../config.ts';
import { random, sha256Hex, toBase64Url } from '../adapters/keys.ts';
import { decoyHash, verifyPassword } from '../adapters/passwords.ts';
import { boolean, integer, rowReader, text, textOrNull } from '../db/rows.ts';
import { sessions } from '../db/schema/users.ts';
import { AppError } from './errors.ts';
import { addressKey } from './rate-limit.ts';
import type { Locale } from '../contract/request.ts';
import type { SessionUser } from './session-user.ts';
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
  const now = ctx.clock.now().getTime();
  const sessionHash = await sha256Hex(token);
  const found = await ctx.client.execute({
    // A user of an inactive company has no session, whatever the sessions table holds.
    sql: `SELECT s.last_seen_at, s.expires_at, u.id, u.role, u.company_id, u.locale
          FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id_hash = ? AND u.active = 1
            AND (u.company_id IS NULL OR EXISTS (SELECT 1 FROM companies c WHERE c.id = u.company_id AND c.active = 1))`,
    args: [sessionHash],
  });
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
