// Who may see which page: the page language, sign-in (else to the login page, and back after),
// and roles (else the 403 page).
import type { MiddlewareHandler } from 'hono';
import { locales, type Locale } from '../../api/contract/request.ts';
import type { SessionUser } from '../../api/domain/session-user.ts';
import { AppError } from '../../api/domain/errors.ts';
import type { DashEnv } from '../context.ts';

const isLocale = (value: string | undefined): value is Locale => (locales as readonly string[]).includes(value ?? '');

/** The signed-in user's own language; before sign-in, `?lang=` (Finnish by default). */
export function chooseLanguage(): MiddlewareHandler<DashEnv> {
  return async function chooseLanguageMiddleware(c, next) {
    // The session read brought the user's locale: no second read for the page's language.
    const chosen = c.var.user?.locale;
    const asked = c.req.query('lang');
    c.set('lang', chosen ?? (isLocale(asked) ? asked : 'fi'));
    await next();
  };
}

export function homeOf(user: SessionUser): string {
  return user.role === 'admin' ? '/dashboard/admin' : '/dashboard';
}

/** Only our own dashboard paths: never another host (`//evil`, `/\evil`) after sign-in. */
export function safeNext(value: string | undefined): string | undefined {
  if (!value || !/^\/dashboard(?:[/?]|$)/.test(value) || /[\\\s]|\/\//.test(value)) return undefined;
  return value.startsWith('/dashboard/login') ? undefined : value;
}

export function signedIn(): MiddlewareHandler<DashEnv> {
  return async function signedInMiddleware(c, next) {
    if (!c.var.user) {
      const url = new URL(c.req.url);
      const back = c.req.method === 'GET' && url.pathname !== '/dashboard' ? safeNext(url.pathname + url.search) : undefined;
      return c.redirect(`/dashboard/login?lang=${c.var.lang}${back ? `&next=${encodeURIComponent(back)}` : ''}`, 303);
    }
    await next();
  };
}

/** Owner pages are for owners, admin pages for staff; anyone else gets the 403 page. */
export function onlyRole(role: 'owner' | 'admin'): MiddlewareHandler<DashEnv> {
  return async function onlyRoleMiddleware(c, next) {
    if (c.var.user?.role !== role) throw new AppError('forbidden');
    await next();
  };
}
