// Records whose use has run out, forgotten by the scheduled jobs (api/jobs/run-jobs.ts) as the
// system actor: one write batch, each condition compared with `now`.
import { loginThrottle, sessions } from '../config.ts';
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
  const [idempotency, hits, salts, oldSessions, oldInvites, failures, caps] = await ctx.client.batch(
    [
      { sql: 'DELETE FROM idempotency_keys WHERE expires_at <= ?', args: [t] },
      // A window is at most a day long; yesterday's counters can't limit anyone any more.
      { sql: 'DELETE FROM rate_limit_hits WHERE window_start < ?', args: [t - 24 * 3600_000] },
      // Deleting old salts makes old buckets unlinkable to any address (S8).
      { sql: 'DELETE FROM rate_limit_salts WHERE day < ?', args: [today] },
      { sql: 'DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?', args: [t, t - sessions.idleMinutes * 60_000] },
      { sql: 'DELETE FROM invites WHERE expires_at <= ?', args: [t] },
      { sql: 'DELETE FROM login_failures WHERE window_start < ?', args: [t - loginThrottle.windowSeconds * 1000] },
      // A mail cap's day or hour is over: its counter (a keyed hash of an address) has no use left.
      { sql: 'DELETE FROM mail_caps WHERE expires_at <= ?', args: [t] },
    ],
    'write',
  );
  return {
    idempotencyKeysDeleted: idempotency!.rowsAffected,
    rateLimitHitsDeleted: hits!.rowsAffected,
    rateLimitSaltsDeleted: salts!.rowsAffected,
    sessionsDeleted: oldSessions!.rowsAffected,
    invitesDeleted: oldInvites!.rowsAffected,
    loginFailuresDeleted: failures!.rowsAffected,
    mailCapsDeleted: caps!.rowsAffected,
  };
}
