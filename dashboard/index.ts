// The dashboard's one door (app.ts calls mountDashboard once, after the API): server-rendered
// pages for contractors and staff under /dashboard, the invite page, the development outbox,
// and the public pages (privacy notice, the hosted request form, the customer's manage page).
// No inline script: forms post to the server, so a strict CSP holds.
import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { locales, type Locale } from '../api/contract/request.ts';
import type { AppEnv } from '../api/deps.ts';
import { AppError, type ErrorCode } from '../api/domain/errors.ts';
import { findActivePartner } from '../api/domain/partners.ts';
import { loadSession, sameOriginMutations } from '../api/http/auth.ts';
import { statusOf } from '../api/http/errors.ts';
import { view, type DashContext, type DashEnv } from './context.ts';
import { chooseLanguage, onlyRole, signedIn } from './lib/guards.ts';
import { pageCsp, pageHeaders } from './lib/headers.ts';
import { errorPage, type ErrorKind } from './pages/errors.ts';
import { hostedNotFoundPage, hostedRequestPage, managePage } from './pages/hosted.ts';
import { privacyPage } from './pages/privacy.ts';
import { accountRoutes } from './routes/account.ts';
import { adminRoutes } from './routes/admin.ts';
import { billingRoutes } from './routes/billing.ts';
import { companyRoutes } from './routes/company.ts';
import { inviteRoutes } from './routes/invite.ts';
import { leadRoutes } from './routes/leads.ts';
import { mailRoutes } from './routes/mail.ts';
import { sessionRoutes } from './routes/session.ts';

const kindOf: Partial<Record<ErrorCode, ErrorKind>> = {
  forbidden: 'forbidden',
  cross_origin: 'forbidden',
  not_found: 'notFound',
  invite_invalid: 'notFound',
  gone: 'gone',
  payload_too_large: 'tooLarge',
  rate_limited: 'rateLimited',
};

function onPageError(err: Error, c: DashContext) {
  if (!c.var.lang) c.set('lang', 'fi');
  if (err instanceof AppError) {
    if (err.code === 'unauthorized') return c.redirect(`/dashboard/login?lang=${c.var.lang}`, 303);
    const status = statusOf[err.code];
    return c.html(errorPage(view(c), kindOf[err.code] ?? (status < 500 ? 'badRequest' : 'internal')), status, err.headers);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.html(errorPage(view(c), err.status === 413 ? 'tooLarge' : 'badRequest'), err.status);
  }
  const requestId = crypto.randomUUID();
  // The message and stack, never the form body (it may hold passwords or contact details).
  console.error(`[${requestId}] ${c.req.method} ${c.req.path}:`, err.stack ?? err.message);
  return c.html(errorPage(view(c), 'internal', requestId), 500);
}

/**
 * lib/headers.ts's pageHeaders() covers HTML answers; redirects get the same CSP here, and no
 * dashboard answer may be cached: pages carry contact details (S5) and invite links.
 */
function dashboardHeaders(): MiddlewareHandler<DashEnv> {
  return async function dashboardHeadersMiddleware(c, next) {
    await next();
    c.header('Content-Security-Policy', pageCsp);
    c.header('Cache-Control', 'no-store');
  };
}

// mountDashboard has already loaded the session and refused cross-origin mutations on these paths.
const dashboardRoutes = new Hono<DashEnv>();
dashboardRoutes.onError(onPageError);

for (const path of ['/dashboard', '/dashboard/*', '/invite/*']) {
  dashboardRoutes.use(path, dashboardHeaders());
  dashboardRoutes.use(path, chooseLanguage());
}
dashboardRoutes.route('/', sessionRoutes);
dashboardRoutes.route('/', inviteRoutes);
// Before the guard below: some mail pages are public; /dashboard/mail guards itself.
dashboardRoutes.route('/', mailRoutes);

for (const path of ['/dashboard', '/dashboard/*']) dashboardRoutes.use(path, signedIn());
for (const path of ['/dashboard/company', '/dashboard/company/*']) dashboardRoutes.use(path, onlyRole('owner'));
for (const path of ['/dashboard/admin', '/dashboard/admin/*']) dashboardRoutes.use(path, onlyRole('admin'));
dashboardRoutes.route('/', leadRoutes);
dashboardRoutes.route('/', accountRoutes);
dashboardRoutes.route('/', companyRoutes);
dashboardRoutes.route('/', adminRoutes);
dashboardRoutes.route('/', billingRoutes);
// Last: any other dashboard path is a 404 page, not the API's JSON.
dashboardRoutes.all('/dashboard/*', () => {
  throw new AppError('not_found');
});

const langOf = (value: string | undefined): Locale => ((locales as readonly string[]).includes(value ?? '') ? (value as Locale) : 'fi');

/** `?lang=` first, then the browser's first supported language, then Finnish. */
function visitorLang(query: string | undefined, acceptLanguage: string | undefined): Locale {
  if ((locales as readonly string[]).includes(query ?? '')) return query as Locale;
  const asked = (acceptLanguage ?? '').split(',').map((part) => part.split(';')[0]!.trim().slice(0, 2).toLowerCase());
  return (asked.find((l) => (locales as readonly string[]).includes(l)) as Locale | undefined) ?? 'fi';
}

/**
 * Mounts every page on the app, after the API's routes: page headers on every HTML answer, the
 * session and the same-origin check on signed-in paths, then the pages themselves.
 */
export function mountDashboard(app: Hono<AppEnv>): void {
  app.use('*', pageHeaders());
  // /dev/* too: the development outbox opens for a signed-in admin (besides loopback peers).
  // `/dashboard/*` matches /dashboard itself: listing both read the session twice per page.
  for (const path of ['/dashboard/*', '/invite/*', '/dev/*']) {
    app.use(path, loadSession());
    app.use(path, sameOriginMutations());
  }
  app.route('/', dashboardRoutes);
  app.get('/privacy', (c) => c.html(privacyPage(langOf(c.req.query('lang')), { held: c.var.deps.config.requireConfirmedContact })));
  app.get('/manage', (c) => c.html(managePage(langOf(c.req.query('lang')))));
  app.get('/request', async (c) => {
    const lang = visitorLang(c.req.query('lang'), c.req.header('accept-language'));
    const key = c.req.query('partner');
    // An unknown or inactive key gets no form: it could only end in a 403 after the customer typed.
    const partner = key && /^[A-Za-z0-9_-]{1,64}$/.test(key) ? await findActivePartner(c.var.deps, key) : null;
    if (!partner) return c.html(hostedNotFoundPage(lang), 404);
    return c.html(hostedRequestPage(partner.publicKey, lang));
  });
}
