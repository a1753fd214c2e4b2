// The dashboard's request context: its Hono Env type (the app's deps and user, plus the page
// language, chosen once per request by index.ts: the signed-in user's locale, else `?lang=`).
// Routes read it; pages get view(c), the plain View, instead.
import type { Context } from 'hono';
import type { Locale } from '../api/contract/request.ts';
import type { AppEnv } from '../api/deps.ts';
import { strings, type Strings } from './i18n/index.ts';
import type { View } from './view.ts';

export type DashEnv = { Variables: AppEnv['Variables'] & { lang: Locale } };
export type DashContext = Context<DashEnv>;

export function tr(c: DashContext): Strings {
  return strings(c.var.lang);
}

/** What the page of this request may know: its language and strings, the reader, the public URL. */
export function view(c: DashContext): View {
  return { lang: c.var.lang, t: tr(c), user: c.var.user, publicUrl: c.var.deps.config.publicUrl };
}

/** The API's HTTP helpers take the app's context; the dashboard's only adds the page language. */
export const asApp = (c: DashContext) => c as unknown as Context<AppEnv>;
