// The manage page's sentences in fi/sv/en. All three ship in the one script: the page switches
// language in place, because the token lives only in memory and a reload would lose it.
import { dateStyles, formatDate as format } from '../api/contract/dates.ts';
import type { Locale } from '../api/contract/request.ts';
import { strings as en } from './i18n/en.ts';
import { strings as fi } from './i18n/fi.ts';
import { strings as sv } from './i18n/sv.ts';

export type Strings = typeof fi;

export const manageStrings: Record<Locale, Strings> = { fi, sv, en };

export const fill = (text: string, n: string | number, m: string | number = '') => text.replace('{n}', String(n)).replace('{m}', String(m));

/** A day as Finns read it, in Finnish time whatever the device's zone. */
export const formatDate = (iso: string, lang: Locale) => format(iso, lang);

export const formatDateTime = (iso: string, lang: Locale) => format(iso, lang, dateStyles.dateTime);
