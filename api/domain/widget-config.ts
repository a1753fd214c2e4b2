import { privacyNoticeVersion, retention } from '../config.ts';
import { categoryQuestions, commonQuestions, questionView } from '../contract/questions.ts';
import { regions } from '../contract/regions.ts';
import type { Locale } from '../contract/request.ts';
import type { WidgetConfig } from '../contract/widget.ts';
import { activeCategories } from './categories.ts';
import type { Partner } from './partners.ts';
import type { Ctx } from './context.ts';

const labelOf = { fi: 'labelFi', sv: 'labelSv', en: 'labelEn' } as const;

export async function getWidgetConfig(ctx: Pick<Ctx, 'db' | 'config' | 'cache'>, partner: Partner, lang: Locale): Promise<WidgetConfig> {
  const rows = await activeCategories({ ctx });
  return {
    partner: { name: partner.name, kind: partner.kind, presets: partner.presets },
    categories: rows.map((r) => ({
      id: r.id,
      label: r[labelOf[lang]],
      questions: (categoryQuestions[r.id] ?? []).map((q) => questionView(q, lang)),
    })),
    // Optional questions for every category, then the category's own (api/contract/questions.ts).
    questions: commonQuestions.map((q) => questionView(q, lang)),
    regions: regions.map((r) => ({ code: r.code, name: r[lang] })),
    privacyNoticeUrl: `${ctx.config.publicUrl}/privacy?lang=${lang}`,
    privacyNoticeVersion,
    visibleDays: retention.visibleDays,
    // The proof of work every request from this form carries (api/domain/bot-check.ts).
    challengeUrl: `${ctx.config.publicUrl}/v1/widget/challenge?partner=${encodeURIComponent(partner.publicKey)}`,
  };
}
