import { asc, eq } from 'drizzle-orm';
import { privacyNoticeVersion, retention } from '../config.ts';
import { regions } from '../contract/regions.ts';
import type { Locale } from '../contract/request.ts';
import type { WidgetConfig } from '../contract/widget.ts';
import { categories } from '../db/schema/categories.ts';
import type { Partner } from './partners.ts';
import type { Ctx } from './context.ts';

const labelOf = { fi: 'labelFi', sv: 'labelSv', en: 'labelEn' } as const;

export async function getWidgetConfig(ctx: Pick<Ctx, 'db' | 'config'>, partner: Partner, lang: Locale): Promise<WidgetConfig> {
  const rows = await ctx.db.select().from(categories).where(eq(categories.active, true)).orderBy(asc(categories.sort));
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
