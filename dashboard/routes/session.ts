// Sign-in and sign-out (S16, S27). Wrong email and wrong password answer alike; the login
// throttle (per account and address, then per account: api/domain/sessions.ts) and the rate limit (per address, like /v1/auth/login) answer with the
// minutes to wait.
import { Hono } from 'hono';
import { hitRateLimit } from '../../api/domain/rate-limit.ts';
import { endSessionByToken, login, logout } from '../../api/domain/sessions.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../../api/http/auth.ts';
import { AppError } from '../../api/domain/errors.ts';
import { clientAddress } from '../../api/http/middleware.ts';
import { asApp as app, tr, view, type DashEnv } from '../context.ts';
import { redirectWith, takeFlash } from '../lib/flash.ts';
import { readForm, type FieldErrors } from '../lib/form.ts';
import { homeOf, safeNext } from '../lib/guards.ts';
import { loginPage } from '../pages/login.ts';

export const sessionRoutes = new Hono<DashEnv>()
  .get('/dashboard/login', async (c) => {
    if (c.var.user) return c.redirect(homeOf(c.var.user), 303);
    return c.html(loginPage(view(c), { flash: await takeFlash(c), next: safeNext(c.req.query('next')) }));
  })
  .post('/dashboard/login', async (c) => {
    const t = tr(c);
    const form = await readForm(c);
    const next = safeNext(form.next);
    const values = { email: form.email ?? '' };
    const errors: FieldErrors = {};
    if (!form.email?.trim()) errors.email = 'required';
    if (!form.password) errors.password = 'required';
    if (Object.keys(errors).length) return c.html(loginPage(view(c), { values, errors, next }), 422);

    const deps = c.var.deps;
    try {
      const limited = await hitRateLimit(deps, 'login', clientAddress(app(c)), deps.config.rateLimits.login);
      if (!limited.ok) throw new AppError('rate_limited', { retryAfter: limited.retryAfterSeconds });
      const old = sessionToken(app(c));
      const { token, user } = await login({
        ctx: deps,
        input: { email: form.email!.trim(), password: form.password!, source: clientAddress(app(c)) },
      });
      // Rotation: a login never keeps a session id that existed before it.
      if (old) await endSessionByToken({ ctx: deps, input: { token: old } });
      setSessionCookie(app(c), token);
      return c.redirect(next ?? homeOf(user), 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'invalid_credentials') {
        return c.html(loginPage(view(c), { values, alert: t.login.invalid, next }), 401);
      }
      if (err.code === 'company_inactive') {
        return c.html(loginPage(view(c), { values, alert: t.login.companyInactive, next }), 403);
      }
      if (err.code === 'rate_limited') {
        const minutes = Math.max(1, Math.ceil(Number(err.extra.retryAfter ?? 60) / 60));
        c.header('Retry-After', String(err.extra.retryAfter ?? 60));
        return c.html(loginPage(view(c), { values, alert: t.login.throttled(minutes), next }), 429);
      }
      throw err;
    }
  })
  .post('/dashboard/logout', async (c) => {
    const user = c.var.user;
    if (user) await logout({ ctx: c.var.deps, actor: user });
    clearSessionCookie(app(c));
    return redirectWith(c, `/dashboard/login?lang=${c.var.lang}`, { kind: 'notice', key: 'signedOut' });
  });
