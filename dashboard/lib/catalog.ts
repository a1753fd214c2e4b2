// Read-only look-ups the pages label things with: categories (labels, price, cap), regions, partners.
import { asc, eq } from 'drizzle-orm';
import type { Locale } from '../../api/contract/request.ts';
import { regions } from '../../api/contract/regions.ts';
import { categories } from '../../api/db/schema/categories.ts';
import { partnerOrigins, partners } from '../../api/db/schema/partners.ts';
import type { Deps } from '../../api/deps.ts';

export type Category = typeof categories.$inferSelect;

export function listCategories(ctx: Pick<Deps, 'db'>): Promise<Category[]> {
  return ctx.db.select().from(categories).orderBy(asc(categories.sort));
}

/** A category's label in the reader's language. */
export const labelOf = { fi: 'labelFi', sv: 'labelSv', en: 'labelEn' } as const;

export function regionName(code: string, lang: Locale): string {
  return regions.find((r) => r.code === code)?.[lang] ?? code;
}

export const regionOptions = (lang: Locale) => regions.map((r) => [r.code, r[lang]] as const);

export async function listPartners(ctx: Pick<Deps, 'db'>) {
  const rows = await ctx.db.select().from(partners).orderBy(asc(partners.name));
  const origins = await ctx.db.select().from(partnerOrigins);
  return rows.map((p) => ({
    id: p.id, name: p.name, kind: p.kind, publicKey: p.publicKey, active: p.active,
    origins: origins.filter((o) => o.partnerId === p.id).map((o) => o.origin),
  }));
}

export async function findCategory(ctx: Pick<Deps, 'db'>, id: string): Promise<Category | undefined> {
  return ctx.db.query.categories.findFirst({ where: eq(categories.id, id) });
}
