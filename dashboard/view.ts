// What a page knows of its request, as plain data. Routes build it once per request (view(c) in
// context.ts) and pass it, with the page's own data, to a function under pages/; pages never see
// the Hono context, so they render the same from a test or a script as from a request.
import type { Locale } from '../api/contract/request.ts';
import type { SessionUser } from '../api/domain/session-user.ts';
import type { Strings } from './i18n/index.ts';

export type View = {
  /** The page language: the signed-in user's locale, else `?lang=` (lib/guards.ts chooseLanguage). */
  lang: Locale;
  /** The strings in that language. */
  t: Strings;
  /** The signed-in reader, if any: the navigation, "you" in a users table, the error page's way home. */
  user?: SessionUser;
  /** The app's public URL: the host in a new partner's embed snippet. */
  publicUrl: string;
};
