// Cookie sessions and the checks every signed-in route runs: who (loadSession), how much
// (requireRole), and from where (sameOriginMutations; Hono's csrf() lets JSON through).
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sessions as config } from '../config.ts';
import type { AppEnv } from '../deps.ts';
import type { Role } from '../db/schema/users.ts';
import { resolveSession } from '../domain/sessions.ts';
import { atLeast, type SessionUser } from '../domain/session-user.ts';
import { AppError } from '../domain/errors.ts';

/** `__Host-` needs Secure, which browsers refuse on plain-http localhost: there the name is plain. */
export function sessionCookieName(c: Context<AppEnv>): string {
  return secure(c) ? '__Host-linkki_session' : 'linkki_session';
}

const secure = (c: Context<AppEnv>) => c.var.deps.config.publicUrl.startsWith('https:');

export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, sessionCookieName(c), token, {
    httpOnly: true,
    secure: secure(c),
    sameSite: 'Lax',
    path: '/',
    maxAge: config.absoluteHours * 3600,
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, sessionCookieName(c), { path: '/', secure: secure(c) });
}

export function sessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, sessionCookieName(c));
}

export function loadSession(): MiddlewareHandler<AppEnv> {
  return async function loadSessionMiddleware(c, next) {
    const token = sessionToken(c);
    const user = token ? await resolveSession({ ctx: c.var.deps, input: { token } }) : null;
    if (user) c.set('user', user);
    else if (token) clearSessionCookie(c);
    await next();
  };
}

export function currentUser(c: Context<AppEnv>): SessionUser {
  const user = c.var.user;
  if (!user) throw new AppError('unauthorized');
  return user;
}

export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async function requireRoleMiddleware(c, next) {
    const user = currentUser(c);
    if (!atLeast(user, role)) throw new AppError('forbidden');
    await next();
  };
}

/** A cookie-authenticated mutation from another site's page → 403, before anything runs. */
export function sameOriginMutations(): MiddlewareHandler<AppEnv> {
  return async function sameOriginMiddleware(c, next) {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      const own = new URL(c.var.deps.config.publicUrl).origin;
      if ((origin && origin !== own) || (!origin && site && site !== 'same-origin' && site !== 'none')) {
        throw new AppError('cross_origin');
      }
    }
    await next();
  };
}
