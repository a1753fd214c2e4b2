import type { Context, MiddlewareHandler } from 'hono';
import type { RateLimitRule } from '../config.ts';
import type { AppEnv } from '../deps.ts';
import { hitRateLimit } from '../domain/rate-limit.ts';
import type { Partner } from '../domain/partners.ts';
import { AppError } from './errors.ts';

/** The visitor's address, from the configured proxy header or the runtime; held in memory only. */
export function clientAddress(c: Context<AppEnv>): string {
  const { config, peerAddress } = c.var.deps;
  if (config.clientIpHeader) {
    const value = c.req.header(config.clientIpHeader);
    // x-forwarded-for: the first entry is the client as the trusted proxy saw it.
    const first = value?.split(',')[0]?.trim();
    if (first) return first;
  }
  return peerAddress?.(c) ?? 'unknown';
}

export function rateLimit(scope: string, rule: (c: Context<AppEnv>) => RateLimitRule): MiddlewareHandler<AppEnv> {
  return async function rateLimitMiddleware(c, next) {
    if (c.req.method === 'OPTIONS') return next();
    const result = await hitRateLimit(c.var.deps, scope, clientAddress(c), rule(c));
    if (!result.ok) {
      throw new AppError('rate_limited', { retryAfter: result.retryAfterSeconds }, {
        'Retry-After': String(result.retryAfterSeconds),
      });
    }
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
