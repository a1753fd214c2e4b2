// createApp(deps): the one Hono app. Node and the tests pass their own deps; the Worker builds it
// once per isolate and sets each request's deps in a middleware (IsolateDeps, api/deps.ts).
import { Hono } from 'hono';
import { locales, type Locale } from './contract/request.ts';
import { openApiDocument } from './contract/openapi.ts';
import type { AppEnv, Deps, IsolateDeps } from './deps.ts';
import { findActivePartner } from './domain/partners.ts';
import { onError } from './http/errors.ts';
import { bodyLimits, intake } from './config.ts';
import { apiHeaders, bodyCap } from './http/middleware.ts';
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
import { dashboardRoutes } from '../dashboard/routes.ts';
import { loadSession, sameOriginMutations } from './http/auth.ts';
import { pageHeaders } from '../dashboard/pages/layout.ts';
import { hostedNotFoundPage, hostedRequestPage, managePage } from '../dashboard/pages/hosted.ts';
import { privacyPage } from '../dashboard/pages/privacy.ts';

const langOf = (value: string | undefined): Locale =>
  (locales as readonly string[]).includes(value ?? '') ? (value as Locale) : 'fi';

/** `?lang=` first, then the browser's first supported language, then Finnish. */
function visitorLang(query: string | undefined, acceptLanguage: string | undefined): Locale {
  if ((locales as readonly string[]).includes(query ?? '')) return query as Locale;
  const asked = (acceptLanguage ?? '').split(',').map((part) => part.split(';')[0]!.trim().slice(0, 2).toLowerCase());
  return (asked.find((l) => (locales as readonly string[]).includes(l)) as Locale | undefined) ?? 'fi';
}

export function createApp(deps: Deps | IsolateDeps) {
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
  app.get('/v1/openapi.json', (c) => c.json(openApiDocument(deps.config.publicUrl)));

  app.use('*', pageHeaders());
  // /dev/* too: the development outbox opens for a signed-in admin (besides loopback peers).
  for (const path of ['/dashboard', '/dashboard/*', '/invite/*', '/dev/*']) {
    app.use(path, loadSession());
    app.use(path, sameOriginMutations());
  }
  app.route('/', dashboardRoutes);
  app.get('/privacy', (c) => c.html(privacyPage(langOf(c.req.query('lang')))));
  app.get('/manage', (c) => c.html(managePage(langOf(c.req.query('lang')))));
  app.get('/request', async (c) => {
    const lang = visitorLang(c.req.query('lang'), c.req.header('accept-language'));
    const key = c.req.query('partner');
    // An unknown or inactive key gets no form: it could only end in a 403 after the customer typed.
    const partner = key && /^[A-Za-z0-9_-]{1,64}$/.test(key) ? await findActivePartner(c.var.deps, key) : null;
    if (!partner) return c.html(hostedNotFoundPage(lang), 404);
    return c.html(hostedRequestPage(partner.publicKey, lang));
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
