// What the widget reads before it renders: partner presets and localised choices.
import * as v from 'valibot';
import { customerTypes, locales } from './request.ts';
import { regionCodes } from './regions.ts';

export const WidgetConfigQuery = v.object({
  partner: v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(64, 'too_long')),
  lang: v.optional(v.picklist(locales, 'invalid_choice')),
});

export const PartnerPresets = v.object({
  category: v.optional(v.string()),
  customerType: v.optional(v.picklist(customerTypes)),
  housingCompanyName: v.optional(v.pipe(v.string(), v.maxLength(120))),
});
export type PartnerPresets = v.InferOutput<typeof PartnerPresets>;

/** A question as the widget shows it (api/contract/questions.ts): a choice of values, or a whole number in a range. */
const QuestionView = v.variant('kind', [
  v.object({
    id: v.string(),
    kind: v.literal('choice'),
    label: v.string(),
    options: v.array(v.object({ value: v.string(), label: v.string() })),
  }),
  v.object({ id: v.string(), kind: v.literal('number'), label: v.string(), min: v.number(), max: v.number() }),
]);

export const WidgetConfig = v.object({
  partner: v.object({ name: v.string(), kind: v.string(), presets: PartnerPresets }),
  categories: v.array(
    v.object({
      id: v.string(),
      label: v.string(),
      questions: v.pipe(v.array(QuestionView), v.description("The category's own questions, asked after `questions`.")),
    }),
  ),
  questions: v.pipe(
    v.array(QuestionView),
    v.description('Optional questions for every category; the answers go with the request as `answers` (question id → value).'),
  ),
  regions: v.array(v.object({ code: v.picklist(regionCodes), name: v.string() })),
  privacyNoticeUrl: v.string(),
  privacyNoticeVersion: v.string(),
  visibleDays: v.number(),
  /** GET it for a proof-of-work challenge; the solution goes with the request as `altcha`. */
  challengeUrl: v.string(),
});
export type WidgetConfig = v.InferOutput<typeof WidgetConfig>;

export const PostalCodeParams = v.object({
  code: v.pipe(v.string(), v.regex(/^\d{5}$/, 'invalid_postal_code')),
});

export const PostalCodeInfo = v.object({
  postalCode: v.string(),
  town: v.string(),
  municipalityCode: v.string(),
  municipality: v.string(),
  region: v.object({ code: v.picklist(regionCodes), name: v.string() }),
});
export type PostalCodeInfo = v.InferOutput<typeof PostalCodeInfo>;

export const WidgetChallengeQuery = v.object({
  partner: v.pipe(v.string(), v.minLength(1, 'required'), v.maxLength(64, 'too_long')),
});

/** An ALTCHA v2 challenge (SHA-256, deterministic): find the counter whose key starts with `keyPrefix`. */
export const WidgetChallenge = v.object({
  parameters: v.object({
    algorithm: v.literal('SHA-256'),
    nonce: v.string(),
    salt: v.string(),
    cost: v.number(),
    keyLength: v.number(),
    keyPrefix: v.string(),
    data: v.object({ partner: v.string(), expires: v.number() }),
  }),
  signature: v.string(),
});

/** A cookieless counter tick from the widget (S13): which partner, which event, nothing else. */
export const WidgetEventInput = v.object({
  partner: v.pipe(v.string('required'), v.minLength(1, 'required'), v.maxLength(64, 'too_long')),
  event: v.picklist(['shown', 'started'], 'invalid_choice'),
});
