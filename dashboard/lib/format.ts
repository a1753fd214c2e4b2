// Money, dates and euro input in the reader's language. Times are shown in Finnish time.
import { dateStyles, euros, formatDate } from '../../api/contract/dates.ts';
import type { Locale } from '../../api/contract/request.ts';

export { euros };

export const date = (value: string | Date, lang: Locale) => formatDate(value, lang, dateStyles.dayShort);

export const dateTime = (value: string | Date, lang: Locale) => formatDate(value, lang, dateStyles.dateTimeShort);

export const iso = (value: string | Date) => new Date(value).toISOString();

/** Cents as the price field shows them: 2500 → "25,00" (fi/sv) or "25.00" (en). */
export function centsToInput(cents: number, lang: Locale): string {
  const text = (cents / 100).toFixed(2);
  return lang === 'en' ? text : text.replace('.', ',');
}

/** "25", "25,5", "25.50", "1 250,00" → cents; anything else → null. */
export function parseEuros(input: string): number | null {
  const compact = input.replace(/[\s\u00a0€]/g, '');
  const m = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
