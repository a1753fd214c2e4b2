// Staff payloads: partners, categories, moderation.
import * as v from 'valibot';
import { PartnerPresets } from './widget.ts';

/** Also the partners table's `kind` column (api/db/schema/partners.ts). */
export const partnerKinds = ['hardware_store', 'housing_company', 'other'] as const;

export const NewPartnerInput = v.object({
  name: v.pipe(v.string('required'), v.trim(), v.minLength(1, 'required'), v.maxLength(120, 'too_long')),
  kind: v.picklist(partnerKinds, 'invalid_choice'),
  allowedOrigins: v.pipe(v.array(v.string(), 'invalid_choice'), v.maxLength(20, 'too_long')),
  presets: v.optional(PartnerPresets),
});

export const CategoryPatch = v.object({
  priceCents: v.optional(
    v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(0, 'too_small'), v.maxValue(1_000_000, 'too_large')),
  ),
  maxBuyers: v.optional(
    v.pipe(v.number('invalid_number'), v.integer('invalid_number'), v.minValue(1, 'too_small'), v.maxValue(10, 'too_large')),
  ),
  labelFi: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxLength(80, 'too_long'))),
  labelSv: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxLength(80, 'too_long'))),
  labelEn: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxLength(80, 'too_long'))),
  active: v.optional(v.boolean('invalid_choice')),
});
