// /v1/notifications: preferences, unsubscribe links, password resets and the staff view of sent
// mail. A session is loaded for every route (some need none) and no mutation from another origin
// is accepted; the role check sits on each route that needs one.
import { Hono } from 'hono';
import * as v from 'valibot';
import { AlertSettingsPatch, AlertSettingsView, mailStatuses, OutboxItem, PasswordResetRequest } from '../contract/notifications.ts';
import { body, error, invalidBody, json, limited, pathParam, schema } from '../contract/openapi.ts';
import type { AppEnv } from '../deps.ts';
import { listOutbox } from '../domain/notifications/outbox-log.ts';
import { requestPasswordReset } from '../domain/notifications/password-reset.ts';
import { getAlertSettings, setAlertMode, setCompanyInterests, unsubscribe } from '../domain/notifications/preferences.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { AppError } from '../domain/errors.ts';
import { rateLimit } from '../http/middleware.ts';
import { describe } from '../http/openapi.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

const guessing = rateLimit('login', (c) => c.var.deps.config.rateLimits.login);

export const notificationRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations())
  .get(
    '/preferences',
    describe(() => ({
      summary: "Own alert settings and the company's regions and categories",
      responses: { 200: json(AlertSettingsView, 'Settings'), 401: error('Not signed in') },
    })),
    requireRole('member'),
    async (c) => c.json(await getAlertSettings({ ctx: c.var.deps, actor: currentUser(c) })),
  )
  .patch(
    '/preferences',
    describe(() => ({
      summary: 'Alerts instant, daily or off (each user); regions and categories, empty = all (owners)',
      requestBody: body(AlertSettingsPatch),
      responses: { 200: json(AlertSettingsView, 'Saved'), 403: error('Only owners choose regions and categories'), 422: invalidBody },
    })),
    requireRole('member'),
    async (c) => {
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
    },
  )
  // RFC 8058 one-click unsubscribe: the mail client POSTs here without a session.
  .post(
    '/unsubscribe/:token',
    describe(() => ({
      summary: 'One-click unsubscribe from alerts (the token is in every alert)',
      parameters: [pathParam('token')],
      responses: { 200: { description: '{alerts: "off"}' }, 404: error('Unknown token'), 429: limited },
    })),
    guessing,
    async (c) => {
      const done = await unsubscribe({ ctx: c.var.deps, input: { token: c.req.param('token') } });
      if (!done) throw new AppError('not_found');
      return c.json({ alerts: 'off' });
    },
  )
  // Answered alike for any address: the answer never tells whether an account exists.
  .post(
    '/password-reset',
    describe(() => ({
      summary: 'Mail a one-time password link to this address if it has an account (the answer never tells)',
      requestBody: body(PasswordResetRequest),
      responses: { 202: { description: 'Accepted' }, 422: invalidBody, 429: limited },
    })),
    guessing,
    async (c) => {
      const { email } = parseOr422(PasswordResetRequest, await readJsonBody(c));
      await requestPasswordReset(c.var.deps, email);
      return c.json({ ok: true }, 202);
    },
  )
  .get(
    '/outbox',
    describe(() => ({
      summary: 'Staff: what was sent to whom and how it went (no bodies, no customer addresses)',
      parameters: [
        { name: 'before', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } },
        { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: [...mailStatuses] } },
      ],
      responses: {
        200: {
          description: '{items, older}',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { items: { type: 'array', items: schema(OutboxItem) }, older: { type: 'string', nullable: true } },
              },
            },
          },
        },
        403: error('Staff only'),
      },
    })),
    requireRole('admin'),
    async (c) => {
      const before = v.safeParse(v.pipe(v.string(), v.isoTimestamp()), c.req.query('before'));
      const status = v.safeParse(v.picklist(mailStatuses), c.req.query('status'));
      return c.json(
        await listOutbox(c.var.deps, currentUser(c), {
          before: before.success ? new Date(before.output) : undefined,
          status: status.success ? status.output : undefined,
        }),
      );
    },
  );
