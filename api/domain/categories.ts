// The category catalog (labels, price, buyer cap), read by the pages that label or edit
// categories; staff change it through moderation.ts.
import { asc, eq } from 'drizzle-orm';
import { categories } from '../db/schema/categories.ts';
import type { Ctx } from './context.ts';

export type Category = typeof categories.$inferSelect;

export function listCategories({ ctx }: { ctx: Pick<Ctx, 'db'> }): Promise<Category[]> {
  return ctx.db.select().from(categories).orderBy(asc(categories.sort));
}

export function findCategory({ ctx, input }: { ctx: Pick<Ctx, 'db'>; input: { id: string } }): Promise<Category | undefined> {
  return ctx.db.query.categories.findFirst({ where: eq(categories.id, input.id) });
}
