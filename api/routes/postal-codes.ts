// /v1/postal-codes: the widget looks up a postal code's area (public, no personal data), with
// CORS for partners' pages.
import { Hono } from 'hono';
import { ValidationErrorBody } from '../contract/errors.ts';
import { error, json } from '../contract/openapi.ts';
import { PostalCodeInfo, PostalCodeParams } from '../contract/widget.ts';
import type { AppEnv } from '../deps.ts';
import { lookupPostalCode } from '../domain/postal-codes.ts';
import { AppError } from '../domain/errors.ts';
import { rateLimit, widgetCors } from '../http/middleware.ts';
import { describe } from '../http/openapi.ts';
import { parseOr422 } from '../http/read-json.ts';

export const postalCodeRoutes = new Hono<AppEnv>().use(widgetCors()).get(
  '/:code',
  describe(() => ({
    summary: 'Town, municipality and region of a postal code (Posti data)',
    parameters: [
      { name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{5}$' } },
      { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['fi', 'sv', 'en'] } },
    ],
    responses: {
      200: json(PostalCodeInfo, 'Found'),
      404: error('Unknown postal code'),
      422: json(ValidationErrorBody, 'Not five digits'),
    },
  })),
  rateLimit('lookup', (c) => c.var.deps.config.rateLimits.lookup),
  (c) => {
    const { code } = parseOr422(PostalCodeParams, c.req.param());
    const lang = c.req.query('lang');
    const info = lookupPostalCode(code, lang === 'sv' || lang === 'en' ? lang : 'fi');
    if (!info) throw new AppError('not_found', { field: 'postalCode' });
    return c.json(info, 200, { 'Cache-Control': 'public, max-age=86400' });
  },
);
