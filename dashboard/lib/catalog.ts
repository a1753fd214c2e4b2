// What the pages label things with: a category's label in the reader's language, region names.
// The rows themselves come from the domain (api/domain/categories.ts, partners.ts).
import type { Locale } from '../../api/contract/request.ts';
import { regions } from '../../api/contract/regions.ts';

/** A category's label in the reader's language. */
export const labelOf = { fi: 'labelFi', sv: 'labelSv', en: 'labelEn' } as const;

export function regionName(code: string, lang: Locale): string {
  return regions.find((r) => r.code === code)?.[lang] ?? code;
}

export const regionOptions = (lang: Locale) => regions.map((r) => [r.code, r[lang]] as const);
