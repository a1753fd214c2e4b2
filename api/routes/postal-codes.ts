// /v1/postal-codes: the widget looks up a postal code's area (public, no personal data), with
// CORS for partners' pages.
import { Hono } from 'hono';
import { PostalCodeParams } from '../contract/widget.ts';
import type { AppEnv } from '../deps.ts';
import { lookupPostalCode } from '../domain/postal-codes.ts';
import { AppError } from '../domain/errors.ts';
import { rateLimit, widgetCors } from '../http/middleware.ts';
import { parseOr422 } from '../http/read-json.ts';

export const postalCodeRoutes = new Hono<AppEnv>().use(widgetCors()).get(
  '/:code',
  rateLimit('lookup', (c) => c.var.deps.config.rateLimits.lookup),
  (c) => {
    const { code } = parseOr422(PostalCodeParams, c.req.param());
    const lang = c.req.query('lang');
    const info = lookupPostalCode(code, lang === 'sv' || lang === 'en' ? lang : 'fi');
    if (!info) throw new AppError('not_found', { field: 'postalCode' });
    return c.json(info, 200, { 'Cache-Control': 'public, max-age=86400' });
  },
);
