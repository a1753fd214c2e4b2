// One-time messages across a Post/Redirect/Get: the POST seals what the next page shows (a
// notice, or an invite link or partner key that is shown once) into a short-lived cookie;
// the GET opens it and deletes it, so a reload shows it no more. Sealed with the app's
// encryption key: the browser can neither read the invite token in it nor forge one.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { DashContext } from '../context.ts';

export type Flash =
  | { kind: 'notice'; key: NoticeKey }
  | { kind: 'invite'; name: string; url: string }
  | { kind: 'partner'; name: string; publicKey: string };

export type NoticeKey =
  | 'saved'
  | 'bought'
  | 'signedOut'
  | 'passwordSet'
  | 'userRemoved'
  | 'companyCreated'
  | 'companySaved'
  | 'companyDeactivated'
  | 'categorySaved'
  | 'requestRemoved';

const name = 'linkki_flash';
const context = 'dashboard-flash';
const secure = (c: DashContext) => c.var.deps.config.publicUrl.startsWith('https:');

export async function setFlash(c: DashContext, flash: Flash): Promise<void> {
  const sealed = await c.var.deps.keys.encrypt(JSON.stringify(flash), context);
  setCookie(c, name, sealed, { path: '/', httpOnly: true, secure: secure(c), sameSite: 'Strict', maxAge: 120 });
}

export async function takeFlash(c: DashContext): Promise<Flash | null> {
  const sealed = getCookie(c, name);
  if (!sealed) return null;
  deleteCookie(c, name, { path: '/', secure: secure(c) });
  try {
    return JSON.parse(await c.var.deps.keys.decrypt(sealed, context)) as Flash;
  } catch {
    return null;
  }
}

/** A redirect that carries a notice to the next page. */
export async function redirectWith(c: DashContext, to: string, flash: Flash) {
  await setFlash(c, flash);
  return c.redirect(to, 303);
}
