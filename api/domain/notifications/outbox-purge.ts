// The outbox forgets, run by the scheduled jobs (api/jobs/mail-jobs.ts) as the system actor.
import { mail } from '../../config.ts';
import { addMonths } from '../../contract/dates.ts';
import { assertSystem, type Ctx, type SystemActor } from '../context.ts';

/**
 * No mail parameter outlives its request (S17, S20): once a request is purged (by the life
 * cycle or a data-subject erasure), or a user removed or erased, the waiting mail is cancelled
 * and every parameter (manage, invite and reset tokens) dropped.
 * Records without bodies or addresses are kept mail.logMonths for the staff view.
 */
export async function purgeOutbox({
  ctx,
  actor,
  input: { now },
}: {
  ctx: Pick<Ctx, 'client'>;
  actor: SystemActor;
  input: { now: Date };
}): Promise<{ mailParamsDropped: number; mailRecordsDeleted: number }> {
  assertSystem(actor);
  const [dropped, deleted] = await ctx.client.batch(
    [
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
    ],
    'write',
  );
  return { mailParamsDropped: dropped!.rowsAffected, mailRecordsDeleted: deleted!.rowsAffected };
}
