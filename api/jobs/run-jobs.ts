// The scheduled jobs, with the clock passed in. Run by the Node server on a timer, by the
// Worker's cron trigger, and by `npm run jobs -- [--now ISO]`. Each step is one statement,
// safe to run twice or concurrently. (The request life cycle joins here with its issue.)
import type { Deps } from '../deps.ts';

export type JobReport = Record<string, number>;

export async function runJobs(ctx: Pick<Deps, 'client'>, now: Date): Promise<JobReport> {
  const today = now.toISOString().slice(0, 10);
  const [idempotency, hits, salts] = await ctx.client.batch(
    [
      { sql: 'DELETE FROM idempotency_keys WHERE expires_at <= ?', args: [now.getTime()] },
      // A window is at most a day long; yesterday's counters can't limit anyone any more.
      { sql: 'DELETE FROM rate_limit_hits WHERE window_start < ?', args: [now.getTime() - 24 * 3600_000] },
      // Deleting old salts makes old buckets unlinkable to any address (S8).
      { sql: 'DELETE FROM rate_limit_salts WHERE day < ?', args: [today] },
    ],
    'write',
  );
  return {
    idempotencyKeysDeleted: idempotency!.rowsAffected,
    rateLimitHitsDeleted: hits!.rowsAffected,
    rateLimitSaltsDeleted: salts!.rowsAffected,
  };
}
