// The scheduled jobs, with the clock passed in. Run by the Node server on a timer, by the
// Worker's cron trigger, and by `npm run jobs -- [--now ISO]`. Every step is conditional on
// `now`: safe to run twice or concurrently; a run after downtime catches up.
import { systemActor, type Ctx } from '../domain/context.ts';
import { forgetExpired } from '../domain/housekeeping.ts';
import { runInvoicing } from './invoicing.ts';
import { deleteUnconfirmed, expireRequests, purgeRequests } from './life-cycle.ts';
import { hasMailer, runMailJobs } from './mail-jobs.ts';
import type { DrainBudget } from './send-mail.ts';

export type JobReport = Record<string, number>;

export async function runJobs(
  ctx: Pick<Ctx, 'client'> & Partial<Pick<Ctx, 'config'>>,
  now: Date,
  runner = 'node',
  mailDrain?: DrainBudget,
): Promise<JobReport> {
  const runId = crypto.randomUUID();
  const startedAt = Date.now();
  await ctx.client.execute({
    sql: 'INSERT INTO job_runs (id, as_of, started_at, runner) VALUES (?, ?, ?, ?)',
    args: [runId, now.getTime(), startedAt, runner],
  });

  const expired = await expireRequests(ctx, now);
  const purged = await purgeRequests(ctx, now);
  const unconfirmed = await deleteUnconfirmed(ctx, now);
  const billing = await runInvoicing(ctx, now);
  const forgotten = await forgetExpired({ ctx, actor: systemActor('housekeeping'), input: { now } });
  const report: JobReport = {
    requestsExpired: expired.rows,
    requestsPurged: purged.rows,
    purgeBatches: purged.batches,
    unconfirmedDeleted: unconfirmed.rows,
    longestWriteMs: Math.round(Math.max(expired.longestWriteMs, purged.longestWriteMs, unconfirmed.longestWriteMs)),
    ...forgotten,
    ...billing,
  };
  if (purged.rows > 0 || unconfirmed.rows > 0) {
    // secure_delete zeroes the pages; a checkpoint moves them out of the WAL as well. A remote
    // libSQL server may refuse the pragma: it manages its own WAL.
    await ctx.client.execute('PRAGMA wal_checkpoint(TRUNCATE)').catch(() => undefined);
  }
  // Digests, the outbox's purge and the sender; `npm run jobs` has no mailer and leaves mail to the server.
  if (hasMailer(ctx)) Object.assign(report, await runMailJobs(ctx, now, mailDrain));
  await ctx.client.execute({
    sql: 'UPDATE job_runs SET finished_at = ?, report = ? WHERE id = ?',
    args: [Date.now(), JSON.stringify(report), runId],
  });
  return report;
}
