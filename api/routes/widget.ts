// /v1/widget: the widget's configuration and its counters (public, no personal data), with CORS
// for partners' pages.
import { Hono } from 'hono';
import { WidgetConfigQuery, WidgetEventInput } from '../contract/widget.ts';
import { countEvent } from '../domain/counters.ts';
import type { AppEnv } from '../deps.ts';
import { findActivePartner } from '../domain/partners.ts';
import { getWidgetConfig } from '../domain/widget-config.ts';
import { AppError } from '../domain/errors.ts';
import { rateLimit, refuseForeignOrigin, widgetCors } from '../http/middleware.ts';
import { parseOr422 } from '../http/read-json.ts';

export const widgetRoutes = new Hono<AppEnv>()
  .use(widgetCors())
  .get(
    '/config',
    rateLimit('lookup', (c) => c.var.deps.config.rateLimits.lookup),
    async (c) => {
      const query = parseOr422(WidgetConfigQuery, c.req.query());
      const partner = await findActivePartner(c.var.deps, query.partner);
      if (!partner) throw new AppError('not_found', { field: 'partner' });
      const config = await getWidgetConfig(c.var.deps, partner, query.lang ?? 'fi');
      return c.json(config, 200, { 'Cache-Control': 'public, max-age=60' });
    },
  )
  // The widget's counters (S13). text/plain is accepted so that the browser sends it as a
  // simple request (no preflight); the body is still JSON, parsed here, and at most 1 KiB.
  .post(
    '/events',
    rateLimit('events', (c) => c.var.deps.config.rateLimits.lookup),
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
      await countEvent(deps.db, partner.id, input.event, deps.clock.now());
      return c.body(null, 204);
    },
  );
