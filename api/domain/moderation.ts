// Staff edit categories (prices, buyer caps, labels) and take down spam requests.
import { and, desc, eq, lt } from 'drizzle-orm';
import type * as v from 'valibot';
import type { CategoryPatch } from '../contract/admin.ts';
import { categories } from '../db/schema/categories.ts';
import { auditEvents } from '../db/schema/purchases.ts';
import { requests } from '../db/schema/requests.ts';
import { AppError } from './errors.ts';
import { audit } from './audit.ts';
import type { SessionUser } from './session-user.ts';
import type { Verb } from './context.ts';
import { forgetCategories } from './categories.ts';

function staffOnly(actor: SessionUser) {
  if (actor.role !== 'admin') throw new AppError('forbidden');
}

export async function updateCategory({
  ctx,
  actor,
  input: { id, patch },
}: Verb<{ id: string; patch: v.InferOutput<typeof CategoryPatch> }, SessionUser>) {
  staffOnly(actor);
  const now = ctx.clock.now();
  const [updated] = await ctx.db.batch([
    ctx.db.update(categories).set(patch).where(eq(categories.id, id)).returning(),
    audit(ctx.db, now, actor, 'category.updated'),
  ]);
  if (!updated.length) throw new AppError('not_found');
  // The widget's category list is cached for every visitor: forget it, so the edit shows at once.
  await forgetCategories(ctx);
  return updated[0]!;
}

/** A spam request disappears from every list at once; buyers keep what they bought. */
export async function removeRequest({ ctx, actor, input: { requestId } }: Verb<{ requestId: string }, SessionUser>) {
  staffOnly(actor);
  const now = ctx.clock.now();
  const [removed] = await ctx.db.batch([
    ctx.db
      .update(requests)
      .set({ status: 'removed', endedAt: now })
      .where(and(eq(requests.id, requestId), eq(requests.status, 'open')))
      .returning({ id: requests.id }),
    audit(ctx.db, now, actor, 'request.removed', { requestId }),
  ]);
  if (!removed.length) throw new AppError('not_found');
}

/** The audit log, newest first, paged by time. */
export async function listAudit({ ctx, actor, input: { before, limit = 100 } }: Verb<{ before?: Date; limit?: number }, SessionUser>) {
  staffOnly(actor);
  return ctx.db
    .select()
    .from(auditEvents)
    .where(before ? lt(auditEvents.at, before) : undefined)
    .orderBy(desc(auditEvents.at))
    .limit(limit);
}
