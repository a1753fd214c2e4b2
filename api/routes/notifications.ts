// /v1/notifications: preferences, unsubscribe links, password resets and the staff view of sent
// mail. A session is loaded for every route (some need none) and no mutation from another origin
// is accepted; the role check sits on each route that needs one.
import { Hono } from 'hono';
import * as v from 'valibot';
import { AlertSettingsPatch, mailStatuses, PasswordResetRequest } from '../contract/notifications.ts';
import type { AppEnv } from '../deps.ts';
import { listOutbox } from '../domain/notifications/outbox-log.ts';
import { requestPasswordReset } from '../domain/notifications/password-reset.ts';
import { getAlertSettings, setAlertMode, setCompanyInterests, unsubscribe } from '../domain/notifications/preferences.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { AppError } from '../domain/errors.ts';
import { rateLimit } from '../http/middleware.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

const guessing = rateLimit('login', (c) => c.var.deps.config.rateLimits.login);

export const notificationRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations())
  .get('/preferences', requireRole('member'), async (c) => c.json(await getAlertSettings({ ctx: c.var.deps, actor: currentUser(c) })))
  .patch('/preferences', requireRole('member'), async (c) => {
    const deps = c.var.deps;
    const user = currentUser(c);
    const patch = parseOr422(AlertSettingsPatch, await readJsonBody(c));
    if ((patch.regions || patch.categories) && user.role !== 'owner') throw new AppError('forbidden');
    if (patch.alerts) await setAlertMode({ ctx: deps, actor: user, input: { alerts: patch.alerts } });
    if (patch.regions || patch.categories) {
      const now = await getAlertSettings({ ctx: deps, actor: user });
      await setCompanyInterests({
        ctx: deps,
        actor: user,
        input: {
          regions: patch.regions ?? now.company?.regions ?? [],
          categories: patch.categories ?? now.company?.categories ?? [],
        },
      });
    }
    return c.json(await getAlertSettings({ ctx: deps, actor: user }));
  })
  // RFC 8058 one-click unsubscribe: the mail client POSTs here without a session.
  .post('/unsubscribe/:token', guessing, async (c) => {
    const done = await unsubscribe({ ctx: c.var.deps, input: { token: c.req.param('token') } });
    if (!done) throw new AppError('not_found');
    return c.json({ alerts: 'off' });
  })
  // Answered alike for any address: the answer never tells whether an account exists.
  .post('/password-reset', guessing, async (c) => {
    const { email } = parseOr422(PasswordResetRequest, await readJsonBody(c));
    await requestPasswordReset(c.var.deps, email);
    return c.json({ ok: true }, 202);
  })
  .get('/outbox', requireRole('admin'), async (c) => {
    const before = v.safeParse(v.pipe(v.string(), v.isoTimestamp()), c.req.query('before'));
    const status = v.safeParse(v.picklist(mailStatuses), c.req.query('status'));
    return c.json(
      await listOutbox(c.var.deps, currentUser(c), {
        before: before.success ? new Date(before.output) : undefined,
        status: status.success ? status.output : undefined,
      }),
    );
  });
