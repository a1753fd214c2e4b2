// Mail pages. Mounted in dashboard/index.ts before the signed-in guard, so the public ones
// (forgot password, the reminder's close page, unsubscribe, the development outbox) need no
// session; /dashboard/mail applies signedIn() itself.
import { Hono, type MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { isDevSms } from '../../api/adapters/sms.ts';
import { isDevOutbox } from '../../api/adapters/mailer.ts';
import { AlertSettingsPatch, PasswordResetRequest } from '../../api/contract/notifications.ts';
import { locales, type Locale } from '../../api/contract/request.ts';
import { listCategories } from '../../api/domain/categories.ts';
import { listOutbox } from '../../api/domain/notifications/outbox-log.ts';
import { requestPasswordReset, staffPasswordReset } from '../../api/domain/notifications/password-reset.ts';
import {
  getAlertSettings,
  setAlertMode,
  setCompanyInterests,
  unsubscribe,
  unsubscribeUser,
} from '../../api/domain/notifications/preferences.ts';
import { hitRateLimit } from '../../api/domain/rate-limit.ts';
import { currentUser } from '../../api/http/auth.ts';
import { AppError } from '../../api/domain/errors.ts';
import { clientAddress } from '../../api/http/middleware.ts';
import { asApp, view, type DashContext, type DashEnv } from '../context.ts';
import { redirectWith, takeFlash } from '../lib/flash.ts';
import { check, readForm } from '../lib/form.ts';
import { signedIn } from '../lib/guards.ts';
import {
  alertSettingsPage,
  closePage,
  closeScript,
  devOutboxPage,
  forgotPasswordPage,
  outboxPage,
  unsubscribePage,
} from '../pages/mail.ts';

/** Pages outside /dashboard choose their language from `?lang=` (Finnish by default). */
function queryLanguage(): MiddlewareHandler<DashEnv> {
  return async function queryLanguageMiddleware(c, next) {
    const asked = c.req.query('lang');
    c.set('lang', (locales as readonly string[]).includes(asked ?? '') ? (asked as Locale) : 'fi');
    await next();
  };
}

async function guessing(c: DashContext) {
  const deps = c.var.deps;
  const limited = await hitRateLimit(deps, 'login', clientAddress(asApp(c)), deps.config.rateLimits.login);
  if (!limited.ok)
    throw new AppError('rate_limited', { retryAfter: limited.retryAfterSeconds }, { 'Retry-After': String(limited.retryAfterSeconds) });
}

async function staffOutbox(c: DashContext, extra: Parameters<typeof outboxPage>[3] = {}, status: 200 | 422 = 200) {
  const before = v.safeParse(v.pipe(v.string(), v.isoTimestamp()), c.req.query('before'));
  const { items, older } = await listOutbox(c.var.deps, currentUser(asApp(c)), {
    before: before.success ? new Date(before.output) : undefined,
  });
  return c.html(outboxPage(view(c), items, older, extra), status);
}

export const mailRoutes = new Hono<DashEnv>()
  .use('/dashboard/mail', signedIn())
  .use('/dashboard/mail/*', signedIn())
  .get('/dashboard/mail', async (c) => {
    const user = currentUser(asApp(c));
    if (user.role === 'admin') return staffOutbox(c);
    const [settings, categories] = await Promise.all([
      getAlertSettings({ ctx: c.var.deps, actor: user }),
      listCategories({ ctx: c.var.deps }),
    ]);
    return c.html(alertSettingsPage(view(c), settings, categories, await takeFlash(c)));
  })
  .post('/dashboard/mail', async (c) => {
    const user = currentUser(asApp(c));
    if (user.role === 'admin') throw new AppError('forbidden');
    const body = await c.req.parseBody({ all: true });
    const list = (name: string) => [body[name] ?? []].flat().filter((x): x is string => typeof x === 'string');
    const checked = check(AlertSettingsPatch, {
      alerts: typeof body.alerts === 'string' ? body.alerts : undefined,
      ...(user.role === 'owner' ? { regions: list('regions'), categories: list('categories') } : {}),
    });
    if (!checked.ok) throw new AppError('invalid');
    const deps = c.var.deps;
    if (checked.value.alerts) await setAlertMode({ ctx: deps, actor: user, input: { alerts: checked.value.alerts } });
    if (user.role === 'owner')
      await setCompanyInterests({
        ctx: deps,
        actor: user,
        input: { regions: checked.value.regions ?? [], categories: checked.value.categories ?? [] },
      });
    return redirectWith(c, '/dashboard/mail', { kind: 'notice', key: 'saved' });
  })
  .post('/dashboard/mail/reset', async (c) => {
    const form = await readForm(c);
    const values = { email: form.email ?? '' };
    const checked = check(PasswordResetRequest, values);
    if (!checked.ok) return staffOutbox(c, { values, errors: checked.errors }, 422);
    const sent = await staffPasswordReset(c.var.deps, currentUser(asApp(c)), checked.value.email);
    return sent ? staffOutbox(c, { sent: true }) : staffOutbox(c, { values, unknown: true }, 422);
  })

  .get('/dashboard/password-reset', (c) => c.html(forgotPasswordPage(view(c))))
  .post('/dashboard/password-reset', async (c) => {
    await guessing(c);
    const form = await readForm(c);
    const values = { email: form.email ?? '' };
    const checked = check(PasswordResetRequest, values);
    if (!checked.ok) return c.html(forgotPasswordPage(view(c), { values, errors: checked.errors }), 422);
    await requestPasswordReset(c.var.deps, checked.value.email);
    return c.html(forgotPasswordPage(view(c), { sent: true }));
  })

  .use('/mail/*', queryLanguage())
  .get('/mail/close', (c) => c.html(closePage(view(c))))
  .get('/mail/close.js', (c) =>
    c.body(closeScript, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
  )
  .get('/mail/unsubscribe/:token', async (c) => {
    const token = c.req.param('token');
    const valid = Boolean(await unsubscribeUser({ ctx: c.var.deps, input: { token } }));
    return c.html(unsubscribePage(view(c), token, valid ? 'ask' : 'invalid'), valid ? 200 : 404);
  })
  // Also the RFC 8058 one-click target of the List-Unsubscribe header: the mail client POSTs here.
  .post('/mail/unsubscribe/:token', async (c) => {
    await guessing(c);
    const token = c.req.param('token');
    const done = await unsubscribe({ ctx: c.var.deps, input: { token } });
    return c.html(unsubscribePage(view(c), token, done ? 'done' : 'invalid'), done ? 200 : 404);
  })

  .use('/dev/*', queryLanguage())
  .get('/dev/outbox', (c) => {
    const { mailer, sms, config } = c.var.deps;
    if (config.production || !(isDevOutbox(mailer) || isDevSms(sms))) throw new AppError('not_found');
    // It shows every invite and reset link: only to the machine itself or to staff. A 404, not a
    // 403, so a scan learns nothing.
    if (!fromLoopback(c) && c.var.user?.role !== 'admin') throw new AppError('not_found');
    // Texts (SMS codes) beside the mail, newest first together.
    const texts = isDevSms(sms) ? sms.messages().map((x) => ({ ...x, subject: 'SMS', html: '' })) : [];
    const mails = isDevOutbox(mailer) ? mailer.messages() : [];
    return c.html(
      devOutboxPage(
        view(c),
        [...mails, ...texts].sort((a, b) => b.at.getTime() - a.at.getTime()),
      ),
    );
  });

/**
 * The socket's peer is this machine. Never a header: anyone can write one. With CLIENT_IP_HEADER
 * set a proxy sits in front, and its socket says nothing about the visitor, so no peer counts.
 */
function fromLoopback(c: DashContext): boolean {
  const { config, peerAddress } = c.var.deps;
  if (config.clientIpHeader) return false;
  const peer = peerAddress?.(asApp(c));
  return peer !== undefined && /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/.test(peer);
}
