// The life-cycle steps of the scheduled jobs (api/jobs/run-jobs.ts): the verbs in
// api/domain/life-cycle.ts, called as the system actor. The rules and their SQL live there.
import { systemActor, type Ctx } from '../domain/context.ts';
import { deleteUnconfirmedRequests, expireDueRequests, purgeEndedRequests, type StepResult } from '../domain/life-cycle.ts';

const actor = systemActor('life-cycle');

export const expireRequests = (ctx: Pick<Ctx, 'client'>, now: Date): Promise<StepResult> =>
  expireDueRequests({ ctx, actor, input: { now } });

export const purgeRequests = (ctx: Pick<Ctx, 'client'>, now: Date): Promise<StepResult> =>
  purgeEndedRequests({ ctx, actor, input: { now } });

export const deleteUnconfirmed = (ctx: Pick<Ctx, 'client'>, now: Date): Promise<StepResult> =>
  deleteUnconfirmedRequests({ ctx, actor, input: { now } });
