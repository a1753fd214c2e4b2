// The request life cycle (SPEC.md table; S17–S20, S25), as of `now`: the verbs the scheduled
// jobs call with the system actor (api/jobs/life-cycle.ts). Each is a loop of bounded,
// conditional writes: safe to run twice or concurrently, and it catches up after downtime
// because every condition compares with `now`, not with "since the last run". `now` is input,
// not ctx.clock: a run is "as of" a time (`npm run jobs -- --now ISO`).
import { confirmation, retention } from '../config.ts';
import { addMonths } from '../contract/dates.ts';
import { assertSystem, type Ctx, type SystemActor } from './context.ts';

export type StepResult = { rows: number; batches: number; longestWriteMs: number };
type LifeCycleVerb = { ctx: Pick<Ctx, 'client'>; actor: SystemActor; input: { now: Date } };

/** Ended states: a request in one of them has `ended_at` and waits in buyers' archives. */
const ended = `status IN ('closed', 'expired', 'sold_out', 'removed')`;

async function inBatches(write: (limit: number) => Promise<number>): Promise<StepResult> {
  const result: StepResult = { rows: 0, batches: 0, longestWriteMs: 0 };
  for (;;) {
    const started = performance.now();
    const rows = await write(retention.jobBatchSize);
    result.longestWriteMs = Math.max(result.longestWriteMs, performance.now() - started);
    result.rows += rows;
    result.batches++;
    if (rows < retention.jobBatchSize) return result;
  }
}

/** S18: 28 days after creation a request leaves contractors' lists; it ended at its expiry. */
export function expireDueRequests({ ctx, actor, input: { now } }: LifeCycleVerb): Promise<StepResult> {
  assertSystem(actor);
  return inBatches(async (limit) => {
    const r = await ctx.client.execute({
      sql: `UPDATE requests SET status = 'expired', ended_at = expires_at
            WHERE id IN (SELECT id FROM requests WHERE status = 'open' AND expires_at <= ? ORDER BY id LIMIT ?)`,
      args: [now.getTime(), limit],
    });
    return r.rowsAffected;
  });
}

/**
 * REQUIRE_CONFIRMED_CONTACT (issue 13): a request never confirmed is deleted `holdHours` after it
 * was sent, as the privacy notice says: its contact row goes (code and all), its text and place
 * are cleared and its manage token stops working, as in the purge below. Nobody bought it: it
 * was never listed. Its mail not yet sent is cancelled at send time (the request is purged).
 */
export function deleteUnconfirmedRequests({ ctx, actor, input: { now } }: LifeCycleVerb): Promise<StepResult> {
  assertSystem(actor);
  const cutoff = now.getTime() - confirmation.holdHours * 3_600_000;
  const due = `SELECT id FROM requests WHERE status = 'unconfirmed' AND created_at <= :cutoff ORDER BY id LIMIT :limit`;
  return inBatches(async (limit) => {
    const args = { cutoff, limit, now: now.getTime() };
    const [, deleted] = await ctx.client.batch(
      [
        { sql: `DELETE FROM request_contacts WHERE request_id IN (${due})`, args: { cutoff, limit } },
        {
          sql: `UPDATE requests SET status = 'purged', ended_at = :now, purged_at = :now, description = NULL, answers = NULL, postal_code = NULL,
                  town = NULL, municipality_code = NULL, manage_token_hash = NULL
                WHERE id IN (${due})`,
          args,
        },
      ],
      'write',
    );
    return deleted!.rowsAffected;
  });
}

/**
 * S19, S20, S17: six months after a request ended, its contact details and every other personal
 * field are deleted, bought or not. Purchases keep category, region, price and dates.
 */
export function purgeEndedRequests({ ctx, actor, input: { now } }: LifeCycleVerb): Promise<StepResult> {
  assertSystem(actor);
  const cutoff = addMonths(now, -retention.archiveMonths).getTime();
  const due = `SELECT id FROM requests WHERE ${ended} AND COALESCE(ended_at, expires_at) <= ? ORDER BY id LIMIT ?`;
  return inBatches(async (limit) => {
    // One write transaction per batch: the contact rows and the request's fields go together.
    const [, purged] = await ctx.client.batch(
      [
        { sql: `DELETE FROM request_contacts WHERE request_id IN (${due})`, args: [cutoff, limit] },
        {
          sql: `UPDATE requests SET status = 'purged', purged_at = ?, description = NULL, answers = NULL, postal_code = NULL,
                  town = NULL, municipality_code = NULL, manage_token_hash = NULL
                WHERE id IN (${due})`,
          args: [now.getTime(), cutoff, limit],
        },
      ],
      'write',
    );
    return purged!.rowsAffected;
  });
}
