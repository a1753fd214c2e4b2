// /v1/widget: the widget's configuration and its counters (public, no personal data), with CORS
// for partners' pages.
import { Hono } from 'hono';
import { error, json, queryParameters, schema } from '../contract/openapi.ts';
import { ValidationErrorBody } from '../contract/errors.ts';
import { WidgetChallenge, WidgetChallengeQuery, WidgetConfig, WidgetConfigQuery, WidgetEventInput } from '../contract/widget.ts';
import type { AppEnv } from '../deps.ts';
import { issueChallenge } from '../domain/bot-check.ts';
import { findActivePartner } from '../domain/partners.ts';
import { getWidgetConfig } from '../domain/widget-config.ts';
import { AppError } from '../domain/errors.ts';
import { refuseForeignOrigin, widgetCors } from '../http/middleware.ts';
import { describe } from '../http/openapi.ts';
import { parseOr422 } from '../http/read-json.ts';

export const widgetRoutes = new Hono<AppEnv>()
  .use(widgetCors())
  .get(
    '/config',
    describe(() => ({
      summary: 'Partner presets, categories and regions for the widget (localised)',
      parameters: queryParameters(WidgetConfigQuery),
      responses: {
        200: json(WidgetConfig, 'Configuration'),
        404: error('Unknown or inactive partner'),
        422: json(ValidationErrorBody, 'Bad query'),
      },
    })),
    // No rate limit: the answer is the same for every visitor and comes from the cache, so
    // counting visitors in the database would cost more than answering them.
    async (c) => {
      const query = parseOr422(WidgetConfigQuery, c.req.query());
      const partner = await findActivePartner(c.var.deps, query.partner);
      if (!partner) throw new AppError('not_found', { field: 'partner' });
      const config = await getWidgetConfig(c.var.deps, partner, query.lang ?? 'fi');
      return c.json(config, 200, { 'Cache-Control': 'public, max-age=60' });
    },
  )
  .get(
    '/challenge',
    describe(() => ({
      summary:
        "A signed proof-of-work challenge (ALTCHA v2, SHA-256) for one partner's form; the solution goes with the request as `altcha`",
      parameters: queryParameters(WidgetChallengeQuery),
      responses: {
        200: json(WidgetChallenge, 'Challenge; good for 30 minutes, once'),
        404: error('Unknown or inactive partner'),
        422: json(ValidationErrorBody, 'Bad query'),
      },
    })),
    // No rate limit and no database: signing costs less than counting who asks, and a challenge
    // is worth nothing until its work is done.
    async (c) => {
      const query = parseOr422(WidgetChallengeQuery, c.req.query());
      const partner = await findActivePartner(c.var.deps, query.partner);
      if (!partner) throw new AppError('not_found', { field: 'partner' });
      return c.json(await issueChallenge(c.var.deps, partner.publicKey), 200, { 'Cache-Control': 'no-store' });
    },
  )
  // The widget's counters (S13). text/plain is accepted so that the browser sends it as a
  // simple request (no preflight); the body is still JSON, parsed here, and at most 1 KiB.
  .post(
    '/events',
    describe(() => ({
      summary: 'Cookieless counter tick from the widget (S13); text/plain or JSON body, no preflight needed',
      requestBody: {
        required: true,
        content: { 'text/plain': { schema: schema(WidgetEventInput) }, 'application/json': { schema: schema(WidgetEventInput) } },
      },
      responses: {
        204: { description: 'Counted' },
        400: error('Malformed JSON'),
        403: error('Unknown partner or foreign origin'),
        413: error('Over 1 KiB'),
        422: json(ValidationErrorBody, 'Unknown event'),
      },
    })),
    // No rate limit row per page view (the partner comes from the cache); a forged tick can
    // only move a partner's own counters, which name nobody.
    async (c) => {
      const deps = c.var.deps;
      const text = await c.req.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new AppError('malformed_json');
      }
      const input = parseOr422(WidgetEventInput, body);
      const partner = await findActivePartner(deps, input.partner);
      if (!partner) throw new AppError('unknown_partner', { field: 'partner' });
      refuseForeignOrigin(c, partner);
      // Summed in memory and written together (api/domain/counter-buffer.ts).
      await deps.counters.tick(deps, partner.id, input.event);
      return c.body(null, 204);
    },
  );
