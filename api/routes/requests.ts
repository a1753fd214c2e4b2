// POST /v1/requests: the widget's one write, with CORS for partners' pages (its body limit is
// set with the others in api/app.ts). Order matters: read the bounded body, know the partner
// and its origins (cached), validate, then count the source and store (submit-request.ts: the
// count and the Idempotency-Key's look-up share one round trip; a refused request stores nothing).
import { Hono } from 'hono';
import * as v from 'valibot';
import { BotCheckBody, IdempotencyKeyReusedBody, ValidationErrorBody } from '../contract/errors.ts';
import { error, json, schema } from '../contract/openapi.ts';
import { IdempotencyKey, RequestCreated, RequestInput } from '../contract/request.ts';
import type { AppEnv } from '../deps.ts';
import { findActivePartner, partnerBySecret } from '../domain/partners.ts';
import { submitRequest } from '../domain/submit-request.ts';
import { AppError, invalid, issue } from '../domain/errors.ts';
import { clientAddress, refuseForeignOrigin, widgetCors } from '../http/middleware.ts';
import { describe } from '../http/openapi.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

export const requestRoutes = new Hono<AppEnv>().use(widgetCors()).post(
  '/',
  describe(() => ({
    summary: 'Send a request (no account, S4)',
    parameters: [
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'One per submission; a retry with the same key and the same body returns the first answer for 24 hours; the same key with another body → 422 idempotency_key_reused.',
        schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,128}$' },
      },
      {
        name: 'Authorization',
        in: 'header',
        required: false,
        description:
          "`Bearer lks_…`: the partner's secret key (POST /v1/admin/partners/{id}/secret-key), for requests sent from the partner's own server: no proof of work, counted per partner. Refused (403 secret_key_in_browser) with an Origin header.",
        schema: { type: 'string', pattern: '^Bearer lks_[A-Za-z0-9_-]{43}$' },
      },
    ],
    requestBody: { required: true, content: { 'application/json': { schema: schema(RequestInput) } } },
    responses: {
      201: json(RequestCreated, 'Stored; manageToken is shown only now'),
      400: error('Malformed JSON'),
      401: error('unauthorized: an Authorization header without a valid secret key of an active partner'),
      403: error(
        "Unknown or inactive partner, an Origin not in the partner's list, a secret key for another partner, or secret_key_in_browser (a secret key with an Origin)",
      ),
      413: error('Body over 16 KiB'),
      415: error('Content-Type is not JSON'),
      422: {
        description:
          'A rule is broken (issues name the fields); or bot_check: the proof of work (`altcha`, from GET /v1/widget/challenge) is missing, invalid, expired or used (reason); or idempotency_key_reused',
        content: {
          'application/json': { schema: { oneOf: [schema(ValidationErrorBody), schema(BotCheckBody), schema(IdempotencyKeyReusedBody)] } },
        },
      },
      429: { ...error('Too many requests from one source'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
    },
  })),
  async (c) => {
    const deps = c.var.deps;
    const authorization = c.req.header('authorization');
    // A partner's secret key works from its own backend only: a page that shows it has leaked it.
    if (authorization !== undefined && c.req.header('origin') !== undefined) throw new AppError('secret_key_in_browser');
    const sender = authorization === undefined ? null : await partnerBySecret(deps, authorization);
    const body = await readJsonBody(c);
    const key = (body as { partner?: unknown } | null)?.partner;
    if (typeof key !== 'string' || !key) throw invalid([issue('partner', 'required')]);
    const partner = await findActivePartner(deps, key);
    if (!partner) throw new AppError('unknown_partner', { field: 'partner' });
    // The secret key sends for its own partner only.
    if (sender && sender.id !== partner.id) throw new AppError('unknown_partner', { field: 'partner' });

    refuseForeignOrigin(c, partner);

    const input = parseOr422(RequestInput, body);
    const rawKey = c.req.header('idempotency-key');
    if (rawKey !== undefined && !v.is(IdempotencyKey, rawKey)) {
      throw invalid([issue('Idempotency-Key', 'invalid_format')]);
    }
    // A backend sends for all its residents from one address: counted per partner, and its
    // secret key stands in for the proof of work a browser brings.
    const source = sender
      ? { scope: 'intake-server', address: partner.id, rule: deps.config.rateLimits.serverIntake }
      : { scope: 'intake', address: clientAddress(c), rule: deps.config.rateLimits.intake };
    const result = await submitRequest({
      ctx: deps,
      partner,
      input,
      idempotencyKey: rawKey,
      source,
      sender: sender ? 'server' : 'browser',
    });
    return c.json(result.body, 201, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
  },
);
