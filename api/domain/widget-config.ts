import { asc, eq } from 'drizzle-orm';
import { privacyNoticeVersion, retention, widgetCache } from '../config.ts';
import { regions } from '../contract/regions.ts';
import type { Locale } from '../contract/request.ts';
import type { WidgetConfig } from '../contract/widget.ts';
import { categories } from '../db/schema/categories.ts';
import type { Partner } from './partners.ts';
import type { Ctx } from './context.ts';

const labelOf = { fi: 'labelFi', sv: 'labelSv', en: 'labelEn' } as const;

type CategoryLabels = { id: string; labelFi: string; labelSv: string; labelEn: string };
const categoriesKey = 'widget-categories';

/** The active categories in the widget's order, with their three labels: cached like the partner (config.ts `widgetCache`). */
export async function activeCategories(ctx: Pick<Ctx, 'db' | 'cache'>): Promise<CategoryLabels[]> {
  const cached = await ctx.cache.get(categoriesKey);
  if (cached) return cached as CategoryLabels[];
  const rows = await ctx.db
    .select({ id: categories.id, labelFi: categories.labelFi, labelSv: categories.labelSv, labelEn: categories.labelEn })
    .from(categories)
    .where(eq(categories.active, true))
    .orderBy(asc(categories.sort));
  await ctx.cache.put(categoriesKey, rows, widgetCache.ttlSeconds);
  return rows;
}

/** Staff changed a category: the widget shows the change on the next configuration request. */
export const forgetCategories = (ctx: Pick<Ctx, 'cache'>) => ctx.cache.delete(categoriesKey);

export async function getWidgetConfig(ctx: Pick<Ctx, 'db' | 'config' | 'cache'>, partner: Partner, lang: Locale): Promise<WidgetConfig> {
  const rows = await activeCategories(ctx);
  return {
    partner: { name: partner.name, kind: partner.kind, presets: partner.presets },
    categories: rows.map((r) => ({ id: r.id, label: r[labelOf[lang]] })),
    regions: regions.map((r) => ({ code: r.code, name: r[lang] })),
    privacyNoticeUrl: `${ctx.config.publicUrl}/privacy?lang=${lang}`,
    privacyNoticeVersion,
    visibleDays: retention.visibleDays,
    botCheck: partner.botCheckSiteKey ? { provider: 'turnstile', siteKey: partner.botCheckSiteKey } : null,
  };
}
