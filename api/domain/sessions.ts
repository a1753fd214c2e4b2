// Login, logout and the session behind every cookie: server-side, revocable, with idle and
// absolute expiry (SPEC.md: 30 minutes idle, 12 hours absolute).
import { and, eq } from 'drizzle-orm';
import { loginThrottle, sessions as config } from '../config.ts';
import { random, sha256Hex, toBase64Url } from '../adapters/keys.ts';
import { decoyHash, verifyPassword } from '../adapters/passwords.ts';
import { sessions, users } from '../db/schema/users.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import type { SessionUser } from './session-user.ts';
import { emailHash } from './users.ts';

type Ctx = Pick<Deps, 'db' | 'client' | 'clock' | 'keys'>;

const idleMs = config.idleMinutes * 60_000;
const absoluteMs = config.absoluteHours * 3600_000;
/** A session's last-seen time is written at most this often (one write per minute, not per request). */
const touchEveryMs = 60_000;

export async function login(ctx: Ctx, email: string, password: string): Promise<{ token: string; user: SessionUser }> {
  const now = ctx.clock.now().getTime();
  const hash = await emailHash(ctx, email);
  const bucket = await ctx.keys.hash('login', hash);
  const windowMs = loginThrottle.windowSeconds * 1000;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const failed = await ctx.client.execute({
    sql: 'SELECT failures FROM login_failures WHERE bucket = ? AND window_start = ?',
    args: [bucket, windowStart],
  });
  if (Number(failed.rows[0]?.failures ?? 0) >= loginThrottle.failures) {
    const retryAfter = Math.ceil((windowStart + windowMs - now) / 1000);
    throw new AppError('rate_limited', { retryAfter }, { 'Retry-After': String(retryAfter) });
  }

  const row = await ctx.db.query.users.findFirst({ where: and(eq(users.emailHash, hash), eq(users.active, true)) });
  // Unknown email and wrong password cost the same and answer the same.
  const ok = await verifyPassword(password, row?.passwordHash ?? (await decoyHash()));
  if (!row || !row.passwordHash || !ok) {
    await ctx.client.execute({
      sql: `INSERT INTO login_failures (bucket, window_start, failures) VALUES (?, ?, 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET failures = failures + 1`,
      args: [bucket, windowStart],
    });
    throw new AppError('invalid_credentials');
  }

  const token = toBase64Url(random(32));
  const sessionHash = await sha256Hex(token);
  await ctx.db.insert(sessions).values({
    idHash: sessionHash,
    userId: row.id,
    createdAt: new Date(now),
    lastSeenAt: new Date(now),
    expiresAt: new Date(now + absoluteMs),
  });
  return { token, user: { id: row.id, role: row.role, companyId: row.companyId, sessionHash } };
}

export async function resolveSession(ctx: Ctx, token: string): Promise<SessionUser | null> {
  const now = ctx.clock.now().getTime();
  const sessionHash = await sha256Hex(token);
  const found = await ctx.client.execute({
    // A user of an inactive company has no session, whatever the sessions table holds.
    sql: `SELECT s.last_seen_at, s.expires_at, u.id, u.role, u.company_id
          FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id_hash = ? AND u.active = 1
            AND (u.company_id IS NULL OR EXISTS (SELECT 1 FROM companies c WHERE c.id = u.company_id AND c.active = 1))`,
    args: [sessionHash],
  });
  const r = found.rows[0];
  if (!r) return null;
  const lastSeen = Number(r.last_seen_at);
  if (now >= Number(r.expires_at) || now >= lastSeen + idleMs) {
    await ctx.db.delete(sessions).where(eq(sessions.idHash, sessionHash));
    return null;
  }
  if (now - lastSeen > touchEveryMs) {
    await ctx.db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.idHash, sessionHash));
  }
  return {
    id: String(r.id),
    role: String(r.role) as SessionUser['role'],
    companyId: r.company_id === null ? null : String(r.company_id),
    sessionHash,
  };
}

export async function logout(ctx: Ctx, sessionHash: string): Promise<void> {
  await ctx.db.delete(sessions).where(eq(sessions.idHash, sessionHash));
}

/** Drops a session by its cookie value (login rotates: the old session ends). */
export async function endSessionByToken(ctx: Ctx, token: string): Promise<void> {
  await logout(ctx, await sha256Hex(token));
}
