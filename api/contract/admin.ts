// Staff payloads: partners, categories, moderation.
import * as v from 'valibot';
import { PartnerPresets } from './widget.ts';

/** Also the partners table's `kind` column (api/db/schema/partners.ts). */
export const partnerKinds = ['hardware_store', 'housing_company', 'other'] as const;

/** An origin exactly as browsers send it: scheme://host[:port], nothing else. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** The one rule for a partner's origins: the API, the staff page and the partner CLI all use it. */
export const PartnerOrigins = v.pipe(
  v.array(v.pipe(v.string('invalid_origin'), v.check(isOrigin, 'invalid_origin')), 'invalid_choice'),
  v.maxLength(20, 'too_long'),
);

export const NewPartnerInput = v.object({
  name: v.pipe(v.string('required'), v.trim(), v.minLength(1, 'required'), v.maxLength(120, 'too_long')),
  kind: v.picklist(partnerKinds, 'invalid_choice'),
  allowedOrigins: PartnerOrigins,
  presets: v.optional(PartnerPresets),
});

/** PATCH /v1/admin/partners/:id: any of a partner's settings; `active: false` takes the form off every site. */
export const PartnerPatch = v.object({
  name: v.optional(NewPartnerInput.entries.name),
  kind: v.optional(NewPartnerInput.entries.kind),
  allowedOrigins: v.optional(PartnerOrigins),
  presets: v.optional(PartnerPresets),
  active: v.optional(v.boolean('invalid_choice')),
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
