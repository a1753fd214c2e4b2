// The category catalog (labels, price, buyer cap), read by the pages that label or edit
// categories; staff change it through moderation.ts.
import { asc, eq } from 'drizzle-orm';
import { widgetCache } from '../config.ts';
import { categories } from '../db/schema/categories.ts';
import type { Ctx } from './context.ts';

export type Category = typeof categories.$inferSelect;

export function listCategories({ ctx }: { ctx: Pick<Ctx, 'db'> }): Promise<Category[]> {
  return ctx.db.select().from(categories).orderBy(asc(categories.sort));
}

export function findCategory({ ctx, input }: { ctx: Pick<Ctx, 'db'>; input: { id: string } }): Promise<Category | undefined> {
  return ctx.db.query.categories.findFirst({ where: eq(categories.id, input.id) });
}

/** An active category as the widget, intake and the leads filter need it: its id and three labels. */
export type CategoryLabels = Pick<Category, 'id' | 'labelFi' | 'labelSv' | 'labelEn'>;
const activeKey = 'active-categories';

/**
 * The active categories in their order, with their labels: read on every widget configuration,
 * intake and leads page, so cached like a partner (api/adapters/cache.ts, config.ts `widgetCache`).
 */
export async function activeCategories({ ctx }: { ctx: Pick<Ctx, 'db' | 'cache'> }): Promise<CategoryLabels[]> {
  const cached = await ctx.cache.get(activeKey);
  if (cached) return cached as CategoryLabels[];
  const rows = await ctx.db
    .select({ id: categories.id, labelFi: categories.labelFi, labelSv: categories.labelSv, labelEn: categories.labelEn })
    .from(categories)
    .where(eq(categories.active, true))
    .orderBy(asc(categories.sort));
  await ctx.cache.put(activeKey, rows, widgetCache.ttlSeconds);
  return rows;
}

/** Staff changed a category (moderation.ts): the next widget, intake and leads page read it afresh. */
export const forgetCategories = (ctx: Pick<Ctx, 'cache'>) => ctx.cache.delete(activeKey);
