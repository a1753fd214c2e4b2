// The manage page's sentences in fi/sv/en. All three ship in the one script: the page switches
// language in place, because the token lives only in memory and a reload would lose it.
import type { Locale } from '../../api/contract/request.ts';
import { strings as en } from './i18n/en.ts';
import { strings as fi } from './i18n/fi.ts';
import { strings as sv } from './i18n/sv.ts';

export type Strings = typeof fi;

export const manageStrings: Record<Locale, Strings> = { fi, sv, en };

/** Finnish-Swedish, and British English for day-month order. */
const dateLocales: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export const fill = (text: string, n: string | number, m: string | number = '') =>
  text.replace('{n}', String(n)).replace('{m}', String(m));

/** A day as Finns read it, in Finnish time whatever the device's zone. */
export const formatDate = (iso: string, lang: Locale) =>
  new Date(iso).toLocaleDateString(dateLocales[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Helsinki' });

export const formatDateTime = (iso: string, lang: Locale) =>
  new Date(iso).toLocaleString(dateLocales[lang], { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Helsinki' });
