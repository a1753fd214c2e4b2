// The headers of every HTML answer: the pages (pages/layout.ts) have no inline script or style,
// so a strict CSP holds.
import type { MiddlewareHandler } from 'hono';

export const pageCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

export function pageHeaders(): MiddlewareHandler {
  return async function pageHeadersMiddleware(c, next) {
    await next();
    if (!c.res.headers.get('content-type')?.startsWith('text/html')) return;
    c.header('Content-Security-Policy', pageCsp);
    c.header('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: under no-referrer Chromium posts our own forms with
    // `Origin: null`, which the cross-origin check must refuse. Other sites still get nothing.
    c.header('Referrer-Policy', 'same-origin');
    c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}
