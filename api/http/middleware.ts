import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { RateLimitRule } from '../config.ts';
import type { AppEnv } from '../deps.ts';
import { hitRateLimit, rateLimited } from '../domain/rate-limit.ts';
import { isAnyPartnerOrigin, type Partner } from '../domain/partners.ts';
import { AppError } from '../domain/errors.ts';

/** The visitor's address, from the configured proxy header or the runtime; held in memory only. */
export function clientAddress(c: Context<AppEnv>): string {
  const { config, peerAddress } = c.var.deps;
  if (config.clientIpHeader) {
    const found = addressFromHeader(c.req.header(config.clientIpHeader), config.trustedProxyHops);
    if (found) return found;
  }
  return peerAddress?.(c) ?? 'unknown';
}

/**
 * Proxies append the peer they saw to the right of a list header (X-Forwarded-For); everything
 * to the left of what our own proxies wrote is whatever the client sent. So the visitor is the
 * entry `hops` from the right: with one trusted proxy, the last. A header with fewer entries
 * than hops (a single-value header such as CF-Connecting-IP, or a proxy that replaces the
 * header) gives its first entry.
 */
export function addressFromHeader(value: string | undefined, hops: number): string | undefined {
  const entries = (value ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  return entries[Math.max(0, entries.length - hops)];
}

export function rateLimit(scope: string, rule: (c: Context<AppEnv>) => RateLimitRule): MiddlewareHandler<AppEnv> {
  return async function rateLimitMiddleware(c, next) {
    if (c.req.method === 'OPTIONS') return next();
    const result = await hitRateLimit(c.var.deps, scope, clientAddress(c), rule(c));
    if (!result.ok) throw rateLimited(result.retryAfterSeconds);
    await next();
  };
}

/** Security headers for every JSON answer (pages set their own CSP). */
export function apiHeaders(): MiddlewareHandler<AppEnv> {
  return async function apiHeadersMiddleware(c, next) {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
    c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}

/**
 * A browser page may act for a partner only from one of its origins (or our own, for the
 * hosted form). Hono's cors() only withholds a header; this refuses. No Origin = no browser.
 */
export function refuseForeignOrigin(c: Context<AppEnv>, partner: Pick<Partner, 'origins'>): void {
  const origin = c.req.header('origin');
  if (origin && origin !== new URL(c.var.deps.config.publicUrl).origin && !partner.origins.includes(origin)) {
    throw new AppError('origin_not_allowed');
  }
}

/** 413 before a body over `maxBytes` is read whole (Content-Length first, else counted as it streams). */
export function bodyCap(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError('payload_too_large', { limit: maxBytes });
    },
  });
}

/**
 * CORS for the widget's endpoints only: it answers our own origin and partners' origins. The
 * routes still refuse a foreign origin themselves (cors() only withholds the header). Signed-in
 * routes get no CORS at all.
 */
export function widgetCors(): MiddlewareHandler<AppEnv> {
  return cors({
    // No Origin (a same-origin GET such as the hosted form's, a server, a bench) needs no CORS
    // header, and hono passes it as '': a look-up would find nothing and, a "no" never being
    // cached, cost a statement on every such request.
    origin: async (origin, c: Context<AppEnv>) =>
      origin !== '' && (origin === new URL(c.var.deps.config.publicUrl).origin || (await isAnyPartnerOrigin(c.var.deps, origin)))
        ? origin
        : null,
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Content-Type', 'Idempotency-Key'],
    exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
    maxAge: 7200,
  });
}
