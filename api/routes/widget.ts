// What the widget reads: its configuration and postal-code look-ups (public, no personal data).
import { Hono } from 'hono';
import { PostalCodeParams, WidgetConfigQuery, WidgetEventInput } from '../contract/widget.ts';
import { countEvent } from '../domain/counters.ts';
import type { AppEnv } from '../deps.ts';
import { findActivePartner } from '../domain/partners.ts';
import { lookupPostalCode } from '../domain/postal-codes.ts';
import { getWidgetConfig } from '../domain/widget-config.ts';
import { AppError } from '../domain/errors.ts';
import { rateLimit, refuseForeignOrigin } from '../http/middleware.ts';
import { parseOr422 } from '../http/read-json.ts';

const lookupLimit = rateLimit('lookup', (c) => c.var.deps.config.rateLimits.lookup);

// Mounted at /v1: middleware goes on each route, or it would apply to every /v1 path.
export const widgetRoutes = new Hono<AppEnv>()
  .get('/widget/config', lookupLimit, async (c) => {
    const query = parseOr422(WidgetConfigQuery, c.req.query());
    const partner = await findActivePartner(c.var.deps, query.partner);
    if (!partner) throw new AppError('not_found', { field: 'partner' });
    const config = await getWidgetConfig(c.var.deps, partner, query.lang ?? 'fi');
    return c.json(config, 200, { 'Cache-Control': 'public, max-age=60' });
  })
  // The widget's counters (S13). text/plain is accepted so that the browser sends it as a
  // simple request (no preflight); the body is still JSON, parsed here, and at most 1 KiB.
  .post('/widget/events', rateLimit('events', (c) => c.var.deps.config.rateLimits.lookup), async (c) => {
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
  })
  .get('/postal-codes/:code', lookupLimit, (c) => {
    const { code } = parseOr422(PostalCodeParams, c.req.param());
    const lang = c.req.query('lang');
    const info = lookupPostalCode(code, lang === 'sv' || lang === 'en' ? lang : 'fi');
    if (!info) throw new AppError('not_found', { field: 'postalCode' });
    return c.json(info, 200, { 'Cache-Control': 'public, max-age=86400' });
  });
