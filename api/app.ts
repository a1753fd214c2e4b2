// createApp(deps): the one Hono app. Node and the tests pass their own deps; the Worker builds it
// once per isolate and sets each request's deps in a middleware (IsolateDeps, api/deps.ts).
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { openApiDocument } from './contract/openapi.ts';
import type { AppEnv, Deps, IsolateDeps } from './deps.ts';
import { isAnyPartnerOrigin } from './domain/partners.ts';
import { onError } from './http/errors.ts';
import { bodyLimits, intake } from './config.ts';
import { apiHeaders, bodyCap } from './http/middleware.ts';
import { requestRoutes } from './routes/requests.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { companyRoutes } from './routes/company.ts';
import { leadRoutes } from './routes/leads.ts';
import { manageRoutes } from './routes/manage.ts';
import { billingRoutes } from './routes/billing.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { loadSession, sameOriginMutations } from './http/auth.ts';
import { widgetRoutes } from './routes/widget.ts';
import { mountDashboard } from '../dashboard/index.ts';

/** Cookie-authenticated API paths: a session is loaded, and a mutation from another origin is refused. */
export const signedInPaths = [
  '/v1/auth/*', '/v1/me', '/v1/leads', '/v1/leads/*', '/v1/purchases', '/v1/purchases/*',
  '/v1/admin/*', '/v1/company/*', '/v1/invoices', '/v1/invoices/*', '/v1/credits', '/v1/credits/*',
  '/v1/notifications', '/v1/notifications/*',
];

export function createApp(deps: Deps | IsolateDeps) {
  const ownOrigin = new URL(deps.config.publicUrl).origin;
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  app.use('perRequest' in deps ? deps.perRequest : async function injectDeps(c, next) {
    c.set('deps', deps);
    await next();
  });
  // Every body limit, before any route can read a body: a 256 MB POST is refused after its
  // route's limit, not buffered. The first that applies wins (hono's bodyLimit reads up to it).
  app.use('/v1/requests', bodyCap(intake.maxBodyBytes));
  app.use('/v1/widget/events', bodyCap(bodyLimits.eventsBytes));
  app.use(bodyCap(bodyLimits.defaultBytes));

  app.get('/healthz', async (c) => {
    const { ready } = c.var.deps;
    if (ready && !(await ready())) return c.json({ error: 'not_ready' }, 503, { 'Cache-Control': 'no-store' });
    return c.json({ ok: true }, 200, { 'Cache-Control': 'no-store' });
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.use('/v1/*', apiHeaders());
  // CORS, for the widget's endpoints only, answers our own origin and partners' origins; the
  // routes still refuse a foreign origin themselves (cors() only withholds the header).
  // Signed-in routes get no CORS at all.
  const widgetCors = cors({
    origin: async (origin, c) =>
      origin === ownOrigin || (await isAnyPartnerOrigin(c.var.deps, origin)) ? origin : null,
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['Content-Type', 'Idempotency-Key'],
    exposeHeaders: ['Retry-After', 'Idempotent-Replayed'],
    maxAge: 7200,
  });
  for (const path of ['/v1/widget/*', '/v1/postal-codes/*', '/v1/requests']) app.use(path, widgetCors);
  app.route('/v1', widgetRoutes);
  app.route('/v1', requestRoutes);

  for (const path of signedInPaths) {
    app.use(path, loadSession());
    app.use(path, sameOriginMutations());
  }
  app.route('/v1', authRoutes);
  app.route('/v1/admin', adminRoutes);
  app.route('/v1/company', companyRoutes);
  app.route('/v1', leadRoutes);
  app.route('/v1/manage', manageRoutes);
  app.route('/v1', billingRoutes);
  app.route('/v1', notificationRoutes);
  app.get('/v1/openapi.json', (c) => c.json(openApiDocument(deps.config.publicUrl)));

  // The pages, after the API: their headers, sessions and same-origin checks, then the pages
  // (/dashboard, /invite, /dev, /privacy, /manage, /request).
  mountDashboard(app);

  return app;
}

export type App = ReturnType<typeof createApp>;
