// The verb contract's types (api/domain/README.md): what a verb may touch, who acts, and the
// one argument that carries both with the input. Every verb takes these; none declares its own.
import type { Deps } from '../deps.ts';
import type { requests } from '../db/schema/requests.ts';
import { AppError } from './errors.ts';
import type { SessionUser } from './session-user.ts';

/** What a verb may touch. A verb that needs less takes `Pick<Ctx, …>`, so a job or a test can pass less. */
export type Ctx = Pick<Deps, 'db' | 'client' | 'clock' | 'keys' | 'config' | 'mailer' | 'sms' | 'cache' | 'hitCounts'>;

/** A scheduled job, a bootstrap or seed step: the job's name says which (audit rows store only the kind). */
export type SystemActor = { kind: 'system'; job: string };
/** Whoever holds a request's manage token (S21–S25). */
export type CustomerActor = { kind: 'customer' };
/** The customer as the manage verbs get them: with the one request their token found (manage-request.ts). */
export type TokenHolder = CustomerActor & { request: typeof requests.$inferSelect };
/** Who acts: a signed-in person, the system, or the customer holding a manage token. */
export type Actor = SessionUser | SystemActor | CustomerActor;

/**
 * A verb's one argument. `A` narrows who may call it (a person: `SessionUser`), `C` what it touches
 * (`Pick<Ctx, …>`); both default to the whole.
 */
export type Verb<I, A extends Actor = Actor, C extends Partial<Ctx> = Ctx> = { ctx: C; actor: A; input: I };

export const systemActor = (job: string): SystemActor => ({ kind: 'system', job });
export const customerActor: CustomerActor = { kind: 'customer' };

/** A signed-in person, not the system or a customer: SessionUser carries no `kind`. */
export const isPerson = (actor: Actor): actor is SessionUser => !('kind' in actor);

/** The jobs' verbs (life cycle, housekeeping, tidying) are the system's alone: a type-checked caller cannot pass a person, an untyped one is refused. */
export function assertSystem(actor: Actor): asserts actor is SystemActor {
  if (!('kind' in actor) || actor.kind !== 'system') throw new AppError('forbidden');
}
