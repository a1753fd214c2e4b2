// The scheduled jobs, with the clock passed in. Run by the Node server on a timer, by the
// Worker's cron trigger, and by `npm run jobs -- [--now ISO]`. Every step is conditional on
// `now`: safe to run twice or concurrently; a run after downtime catches up.
import { loginThrottle, sessions } from '../config.ts';
import { runInvoicing } from './invoicing.ts';
import { expireRequests, purgeRequests } from './life-cycle.ts';
import { hasMailer, runMailJobs } from './mail-jobs.ts';
import type { Ctx } from '../domain/context.ts';

export type JobReport = Record<string, number>;

export async function runJobs(ctx: Pick<Ctx, 'client'> & Partial<Pick<Ctx, 'config'>>, now: Date, runner = 'node'): Promise<JobReport> {
  const runId = crypto.randomUUID();
  const startedAt = Date.now();
  await ctx.client.execute({
    sql: 'INSERT INTO job_runs (id, as_of, started_at, runner) VALUES (?, ?, ?, ?)',
    args: [runId, now.getTime(), startedAt, runner],
  });

  const expired = await expireRequests(ctx, now);
  const purged = await purgeRequests(ctx, now);
  const billing = await runInvoicing(ctx, now);
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
  const report: JobReport = {
    requestsExpired: expired.rows,
    requestsPurged: purged.rows,
    purgeBatches: purged.batches,
    longestWriteMs: Math.round(Math.max(expired.longestWriteMs, purged.longestWriteMs)),
    idempotencyKeysDeleted: idempotency!.rowsAffected,
    rateLimitHitsDeleted: hits!.rowsAffected,
    rateLimitSaltsDeleted: salts!.rowsAffected,
    sessionsDeleted: oldSessions!.rowsAffected,
    invitesDeleted: oldInvites!.rowsAffected,
    loginFailuresDeleted: failures!.rowsAffected,
    mailCapsDeleted: caps!.rowsAffected,
    ...billing,
  };
  if (purged.rows > 0) {
    // secure_delete zeroes the pages; a checkpoint moves them out of the WAL as well. A remote
    // libSQL server may refuse the pragma: it manages its own WAL.
    await ctx.client.execute('PRAGMA wal_checkpoint(TRUNCATE)').catch(() => undefined);
  }
  // Digests, the outbox's purge and the sender; `npm run jobs` has no mailer and leaves mail to the server.
  if (hasMailer(ctx)) Object.assign(report, await runMailJobs(ctx, now));
  await ctx.client.execute({
    sql: 'UPDATE job_runs SET finished_at = ?, report = ? WHERE id = ?',
    args: [Date.now(), JSON.stringify(report), runId],
  });
  return report;
}
