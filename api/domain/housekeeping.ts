// Records whose use has run out, forgotten by the scheduled jobs (api/jobs/run-jobs.ts) as the
// system actor: one write batch, each condition compared with `now`.
import { housekeeping, loginThrottle, sessions } from '../config.ts';
import { assertSystem, type Ctx, type SystemActor } from './context.ts';

export async function forgetExpired({
  ctx,
  actor,
  input: { now },
}: {
  ctx: Pick<Ctx, 'client'>;
  actor: SystemActor;
  input: { now: Date };
}): Promise<Record<string, number>> {
  assertSystem(actor);
  const t = now.getTime();
  const today = now.toISOString().slice(0, 10);
  // The high-volume tables (a row per intake and per counted address) go in chunks on their
  // indexes, so that no single statement holds the database for long; the rest is small.
  const chunked = (table: string, column: string, before: number) => ({
    sql: `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${column} < ? LIMIT ${housekeeping.chunkRows})`,
    args: [before],
  });
  const big = [
    // An Idempotency-Key is answered until it expires.
    chunked('idempotency_keys', 'expires_at', t + 1),
    // A window is at most a day long; yesterday's counters can't limit anyone any more.
    chunked('rate_limit_hits', 'window_start', t - 24 * 3600_000),
    chunked('login_failures', 'window_start', t - loginThrottle.windowSeconds * 1000),
    // A spent proof of work is remembered until its challenge expires; then the signature's
    // expiry refuses it anyway (api/domain/bot-check.ts).
    chunked('bot_proofs', 'expires_at', t + 1),
  ];
  const results = await ctx.client.batch(
    [
      ...big,
      // Deleting old salts makes old buckets unlinkable to any address (S8).
      { sql: 'DELETE FROM rate_limit_salts WHERE day < ?', args: [today] },
      { sql: 'DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?', args: [t, t - sessions.idleMinutes * 60_000] },
      { sql: 'DELETE FROM invites WHERE expires_at <= ?', args: [t] },
      // A mail cap's day or hour is over: its counter (a keyed hash of an address) has no use left.
      { sql: 'DELETE FROM mail_caps WHERE expires_at <= ?', args: [t] },
    ],
    'write',
  );
  const deleted = results.map((r) => r.rowsAffected);
  // A full chunk means more may be left: again, one chunk per table per batch, until none is full.
  let full = big.filter((_, i) => deleted[i] === housekeeping.chunkRows);
  while (full.length > 0) {
    const again = await ctx.client.batch(full, 'write');
    for (const [j, r] of again.entries()) deleted[big.indexOf(full[j]!)]! += r.rowsAffected;
    full = full.filter((_, j) => again[j]!.rowsAffected === housekeeping.chunkRows);
  }
  const [idempotency, hits, failures, proofs, salts, oldSessions, oldInvites, caps] = deleted as number[];
  return {
    idempotencyKeysDeleted: idempotency!,
    rateLimitHitsDeleted: hits!,
    rateLimitSaltsDeleted: salts!,
    sessionsDeleted: oldSessions!,
    invitesDeleted: oldInvites!,
    loginFailuresDeleted: failures!,
    botProofsDeleted: proofs!,
    mailCapsDeleted: caps!,
  };
}
