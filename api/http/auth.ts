// Cookie sessions and the checks every signed-in route runs: who (loadSession), how much
// (requireRole), and from where (sameOriginMutations; Hono's csrf() lets JSON through).
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sessions as config } from '../config.ts';
import type { AppEnv } from '../deps.ts';
import type { Role } from '../db/schema/users.ts';
import { sha256Hex } from '../adapters/keys.ts';
import { type PendingSession, resolveSession } from '../domain/sessions.ts';
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

/**
 * Reads the session behind the cookie. `lazy`: only hashes the token, and the session is read
 * when a route first needs it: by `requireRole`, or by a verb that reads it in the same round
 * trip as its own reads (`signedInActor`, domain/sessions.ts `readSignedIn`).
 */
export function loadSession({ lazy = false }: { lazy?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function loadSessionMiddleware(c, next) {
    const token = sessionToken(c);
    if (token && lazy) c.set('pendingSession', { pendingSessionHash: await sha256Hex(token) });
    else if (token) await readSession(c, token);
    await next();
  };
}

async function readSession(c: Context<AppEnv>, token: string): Promise<void> {
  const user = await resolveSession({ ctx: c.var.deps, input: { token } });
  c.set('pendingSession', undefined);
  if (user) c.set('user', user);
  else clearSessionCookie(c);
}

export function currentUser(c: Context<AppEnv>): SessionUser {
  const user = c.var.user;
  if (!user) throw new AppError('unauthorized');
  return user;
}

/** The user, or the session still to be read with the verb's own reads; 401 without a cookie. */
export function signedInActor(c: Context<AppEnv>): SessionUser | PendingSession {
  const actor = c.var.user ?? c.var.pendingSession;
  if (!actor) throw new AppError('unauthorized');
  return actor;
}

export function requireRole(role: Role): MiddlewareHandler<AppEnv> {
  return async function requireRoleMiddleware(c, next) {
    const token = c.var.pendingSession && sessionToken(c);
    if (token) await readSession(c, token);
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
