// POST /v1/requests: the widget's one write, with CORS for partners' pages (its body limit is
// set with the others in api/app.ts). Order matters: read the bounded body, know the partner
// and its origins (cached), validate, then count the source and store (submit-request.ts: the
// count and the Idempotency-Key's look-up share one round trip; a refused request stores nothing).
import { Hono } from 'hono';
import * as v from 'valibot';
import { BotCheckBody, ConfirmFailedBody, IdempotencyKeyReusedBody, ValidationErrorBody } from '../contract/errors.ts';
import { CodeRequest, CodeSent, ConfirmInput, Confirmed } from '../contract/confirm.ts';
import { body, error, json, schema } from '../contract/openapi.ts';
import { IdempotencyKey, RequestCreated } from '../contract/request.ts';
import { RequestInput } from '../contract/request-input.ts';
import type { AppEnv } from '../deps.ts';
import { findActivePartner, partnerBySecret } from '../domain/partners.ts';
import { submitRequest } from '../domain/submit-request.ts';
import { AppError, invalid, issue } from '../domain/errors.ts';
import { clientAddress, rateLimit, refuseForeignOrigin, widgetCors } from '../http/middleware.ts';
import { confirmContact, resendCode } from '../domain/confirm-contact.ts';
import { tokenHolder } from '../domain/manage-request.ts';
import { describe } from '../http/openapi.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

/** Confirmation tries per source, on top of each code's own 5 tries (confirm-contact.ts). */
const confirmLimit = rateLimit('confirm', (c) => c.var.deps.config.rateLimits.lookup);

export const requestRoutes = new Hono<AppEnv>()
  .use(widgetCors())
  .post(
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
            'application/json': {
              schema: { oneOf: [schema(ValidationErrorBody), schema(BotCheckBody), schema(IdempotencyKeyReusedBody)] },
            },
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
  )
  .post(
    '/confirm',
    describe(() => ({
      summary: "Confirm the request's contact: the SMS code (the widget) or the confirmation mail's link (the manage page)",
      description:
        "The manage token says which request. A code is 6 digits and works 30 minutes, 5 wrong tries at most; the link proof is the part after the dot in the mail's confirm link. Already confirmed → 200 again.",
      requestBody: body(ConfirmInput),
      responses: {
        200: json(Confirmed, 'Confirmed; listed says whether contractors see the request now'),
        401: error('Unknown or purged manage token'),
        410: error('gone: the request was taken down'),
        422: {
          description: 'A malformed body (issues), or confirm_failed: the code or link did not confirm (reason, attemptsLeft)',
          content: { 'application/json': { schema: { oneOf: [schema(ValidationErrorBody), schema(ConfirmFailedBody)] } } },
        },
        429: error('Too many requests from one source'),
      },
    })),
    confirmLimit,
    async (c) => {
      const deps = c.var.deps;
      const input = parseOr422(ConfirmInput, await readJsonBody(c));
      return c.json(await confirmContact({ ctx: deps, actor: await tokenHolder(deps, input.manageToken), input }));
    },
  )
  .post(
    '/confirm/code',
    describe(() => ({
      summary: 'Text a new confirmation code (a request with a phone and no e-mail; 3 codes per request)',
      requestBody: body(CodeRequest),
      responses: {
        202: json(CodeSent, 'A new code is on its way; the earlier one stops working'),
        401: error('Unknown or purged manage token'),
        409: error('already_confirmed'),
        422: error('confirm_failed (reason none): this request confirms by its e-mail, or has no phone'),
        429: error('codes_used_up: every code this request may get was sent; or too many requests from one source'),
      },
    })),
    confirmLimit,
    async (c) => {
      const deps = c.var.deps;
      const { manageToken } = parseOr422(CodeRequest, await readJsonBody(c));
      return c.json(await resendCode({ ctx: deps, actor: await tokenHolder(deps, manageToken), input: { manageToken } }), 202);
    },
  );
