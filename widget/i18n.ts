// The visitor's language. Each language is its own chunk (widget/i18n/*.ts), so a visitor
// downloads only the sentences they read: one costs about 1 KB gzip of a 15 KB budget. fi.ts
// defines the keys; a missing translation is a type error. The thank-you view's sentences are
// chunks of their own (widget/done/*.ts), loaded with that view once the visitor types.
import type { Locale } from '../api/contract/request.ts';
import type { strings as fi } from './i18n/fi.ts';

export type Strings = typeof fi;

/** One download per language per page (the module cache). The loader starts it too, in parallel with the app. */
export const loadStrings = (lang: Locale): Promise<Strings> =>
  (lang == 'sv' ? import('./i18n/sv.ts') : lang == 'en' ? import('./i18n/en.ts') : import('./i18n/fi.ts')).then((m) => m.strings);

export const fill = (text: string, n: string | number) => text.replace('{n}', String(n));
