// createApp(deps): the one Hono app. Node and the tests pass their own deps; the Worker builds it
// once per isolate and sets each request's deps in a middleware (IsolateDeps, api/deps.ts).
import { Hono } from 'hono';
import { error } from './contract/openapi.ts';
import type { AppEnv, Deps, IsolateDeps } from './deps.ts';
import { onError } from './http/errors.ts';
import { bodyLimits, intake } from './config.ts';
import { apiHeaders, bodyCap } from './http/middleware.ts';
import { describe, serveOpenApi } from './http/openapi.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { companyRoutes } from './routes/company.ts';
import { creditRoutes } from './routes/credits.ts';
import { invoiceRoutes } from './routes/invoices.ts';
import { leadRoutes } from './routes/leads.ts';
import { manageRoutes } from './routes/manage.ts';
import { meRoutes } from './routes/me.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { postalCodeRoutes } from './routes/postal-codes.ts';
import { purchaseRoutes } from './routes/purchases.ts';
import { requestRoutes } from './routes/requests.ts';
import { widgetRoutes } from './routes/widget.ts';
import { mountDashboard } from '../dashboard/index.ts';

export function createApp(deps: Deps | IsolateDeps) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  app.use(
    'perRequest' in deps
      ? deps.perRequest
      : async function injectDeps(c, next) {
          c.set('deps', deps);
          await next();
        },
  );
  // Every body limit, before any route can read a body: a 256 MB POST is refused after its
  // route's limit, not buffered. The first that applies wins (hono's bodyLimit reads up to it).
  app.use('/v1/requests', bodyCap(intake.maxBodyBytes));
  app.use('/v1/widget/events', bodyCap(bodyLimits.eventsBytes));
  app.use(bodyCap(bodyLimits.defaultBytes));

  app.get(
    '/healthz',
    describe(() => ({
      summary: 'Readiness: 200 once migrations ran and the first admin (ADMIN_EMAIL) exists',
      responses: { 200: { description: '{ok: true}' }, 503: error('not_ready: migrations or the first admin missing') },
    })),
    async (c) => {
      const { ready } = c.var.deps;
      if (ready && !(await ready())) return c.json({ error: 'not_ready' }, 503, { 'Cache-Control': 'no-store' });
      return c.json({ ok: true }, 200, { 'Cache-Control': 'no-store' });
    },
  );
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.use('/v1/*', apiHeaders());
  // One sub-app per resource, each with its own middleware at its root: the widget's (CORS for
  // partners' pages), the signed-in ones (a session, no mutation from another origin), and
  // /v1/manage (a bearer token, neither).
  app.route('/v1/widget', widgetRoutes);
  app.route('/v1/postal-codes', postalCodeRoutes);
  app.route('/v1/requests', requestRoutes);
  app.route('/v1/auth', authRoutes);
  app.route('/v1/me', meRoutes);
  app.route('/v1/leads', leadRoutes);
  app.route('/v1/purchases', purchaseRoutes);
  app.route('/v1/company', companyRoutes);
  app.route('/v1/admin', adminRoutes);
  app.route('/v1/invoices', invoiceRoutes);
  app.route('/v1/credits', creditRoutes);
  app.route('/v1/notifications', notificationRoutes);
  app.route('/v1/manage', manageRoutes);
  app.get(
    '/v1/openapi.json',
    describe(() => ({ summary: 'This document', responses: { 200: { description: 'OpenAPI 3.0' } } })),
    serveOpenApi(app, deps.config.publicUrl),
  );

  // The pages, after the API: their headers, sessions and same-origin checks, then the pages
  // (/dashboard, /invite, /dev, /privacy, /manage, /request).
  mountDashboard(app);

  return app;
}

export type App = ReturnType<typeof createApp>;
