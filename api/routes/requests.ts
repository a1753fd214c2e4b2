// POST /v1/requests: the widget's one write, with CORS for partners' pages (its body limit is
// set with the others in api/app.ts). Order matters: count the attempt, read the body, know the
// partner and its origins, validate, then store (a refused request stores nothing).
import { Hono } from 'hono';
import * as v from 'valibot';
import { IdempotencyKey, RequestInput } from '../contract/request.ts';
import type { AppEnv } from '../deps.ts';
import { findActivePartner } from '../domain/partners.ts';
import { submitRequest } from '../domain/submit-request.ts';
import { AppError, invalid, issue } from '../domain/errors.ts';
import { rateLimit, refuseForeignOrigin, widgetCors } from '../http/middleware.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

export const requestRoutes = new Hono<AppEnv>().use(widgetCors()).post(
  '/',
  rateLimit('intake', (c) => c.var.deps.config.rateLimits.intake),
  async (c) => {
    const deps = c.var.deps;
    const body = await readJsonBody(c);
    const key = (body as { partner?: unknown } | null)?.partner;
    if (typeof key !== 'string' || !key) throw invalid([issue('partner', 'required')]);
    const partner = await findActivePartner(deps, key);
    if (!partner) throw new AppError('unknown_partner', { field: 'partner' });

    refuseForeignOrigin(c, partner);

    const input = parseOr422(RequestInput, body);
    const rawKey = c.req.header('idempotency-key');
    if (rawKey !== undefined && !v.is(IdempotencyKey, rawKey)) {
      throw invalid([issue('Idempotency-Key', 'invalid_format')]);
    }
    const result = await submitRequest({ ctx: deps, partner, input, idempotencyKey: rawKey });
    return c.json(result.body, 201, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
  },
);
