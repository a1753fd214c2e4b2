// The mail steps of the scheduled jobs (api/jobs/run-jobs.ts): queue the daily digests, drop
// what the outbox holds about purged requests, forget old records, then send what is due.
import { systemActor } from '../domain/context.ts';
import { queueDigests } from '../domain/notifications/digest.ts';
import { purgeOutbox } from '../domain/notifications/outbox-purge.ts';
import { type DrainBudget, drainOutbox, type MailCtx } from './send-mail.ts';

export const hasMailer = (ctx: object): ctx is MailCtx =>
  'mailer' in ctx && 'sms' in ctx && 'keys' in ctx && 'db' in ctx && 'config' in ctx;

/** `drain`: how long the sender may go on (mail.drain: Node's by default, the Worker passes its cron's). */
export async function runMailJobs(ctx: MailCtx, now: Date, drain?: DrainBudget): Promise<Record<string, number>> {
  const mailDigestsQueued = await queueDigests(ctx, now);
  const purged = await purgeOutbox({ ctx, actor: systemActor('mail'), input: { now } });
  const drained = await drainOutbox(ctx, now, drain);
  return { mailDigestsQueued, ...purged, ...drained };
}
