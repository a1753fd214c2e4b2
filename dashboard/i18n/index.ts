// The dashboard's words, one module per language; a missing or extra key in sv or en is a type error.
import type { Locale } from '../../api/contract/request.ts';
import { en } from './en.ts';
import { fi, type Strings } from './fi.ts';
import { sv } from './sv.ts';

export type { Strings };

const byLocale: Record<Locale, Strings> = { fi, sv, en };

export function strings(lang: Locale): Strings {
  return byLocale[lang];
}
