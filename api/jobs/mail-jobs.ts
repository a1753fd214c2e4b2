// The mail steps of the scheduled jobs (api/jobs/run-jobs.ts): queue the daily digests, drop
// what the outbox holds about purged requests, forget old records, then send what is due.
import { mail } from '../config.ts';
import { addMonths } from '../contract/dates.ts';
import { queueDigests } from '../domain/notifications/digest.ts';
import { drainOutbox, type MailCtx } from './send-mail.ts';
import type { Ctx } from '../domain/context.ts';

/**
 * No mail parameter outlives its request (S17, S20): once a request is purged (by the life
 * cycle or a data-subject erasure), or a user removed or erased, the waiting mail is cancelled
 * and every parameter (manage, invite and reset tokens) dropped.
 * Records without bodies or addresses are kept mail.logMonths for the staff view.
 */
export async function purgeOutbox(ctx: Pick<Ctx, 'client'>, now: Date) {
  const [dropped, deleted] = await ctx.client.batch([
    {
      sql: `UPDATE outbox SET params_enc = NULL,
              status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END,
              last_error = CASE WHEN status = 'pending' THEN 'request_gone' ELSE last_error END
            WHERE (params_enc IS NOT NULL OR status = 'pending')
              AND (request_id IN (SELECT id FROM requests WHERE status IN ('purged', 'removed'))
                OR to_user_id IN (SELECT id FROM users WHERE active = 0))`,
      args: [],
    },
    {
      sql: `DELETE FROM outbox WHERE created_at < ? AND status NOT IN ('pending', 'sending')`,
      args: [addMonths(now, -mail.logMonths).getTime()],
    },
  ], 'write');
  return { mailParamsDropped: dropped!.rowsAffected, mailRecordsDeleted: deleted!.rowsAffected };
}

export const hasMailer = (ctx: object): ctx is MailCtx => 'mailer' in ctx && 'keys' in ctx && 'db' in ctx && 'config' in ctx;

export async function runMailJobs(ctx: MailCtx, now: Date): Promise<Record<string, number>> {
  const mailDigestsQueued = await queueDigests(ctx, now);
  const purged = await purgeOutbox(ctx, now);
  const drained = await drainOutbox(ctx, now);
  return { mailDigestsQueued, ...purged, ...drained };
}
