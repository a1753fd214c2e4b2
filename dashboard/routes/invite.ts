// An invited user sets their own password (S10), then signs in. The token lives only in the
// link; the database keeps its hash, and the invite works once.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { sha256Hex } from '../../api/adapters/keys.ts';
import { AcceptInvite } from '../../api/contract/auth.ts';
import { invites } from '../../api/db/schema/users.ts';
import { hitRateLimit } from '../../api/domain/rate-limit.ts';
import { acceptInvite } from '../../api/domain/users.ts';
import { AppError } from '../../api/http/errors.ts';
import { clientAddress } from '../../api/http/middleware.ts';
import { asApp, type DashContext, type DashEnv } from '../env.ts';
import { redirectWith } from '../lib/flash.ts';
import { check, readForm } from '../lib/form.ts';
import { inviteInvalidPage, invitePage } from '../pages/invite.ts';

async function isOpen(c: DashContext, token: string): Promise<boolean> {
  const found = await c.var.deps.db.query.invites.findFirst({
    where: and(eq(invites.tokenHash, await sha256Hex(token)), isNull(invites.usedAt), gt(invites.expiresAt, c.var.deps.clock.now())),
    columns: { userId: true },
  });
  return Boolean(found);
}

export const inviteRoutes = new Hono<DashEnv>()
  .get('/invite/:token', async (c) => {
    const token = c.req.param('token');
    if (!(await isOpen(c, token))) return c.html(inviteInvalidPage(c), 404);
    return c.html(invitePage(c, token));
  })
  .post('/invite/:token', async (c) => {
    const token = c.req.param('token');
    const deps = c.var.deps;
    // Guessing tokens costs like guessing passwords: the same per-address limit as sign-in.
    const limited = await hitRateLimit(deps, 'login', clientAddress(asApp(c)), deps.config.rateLimits.login);
    if (!limited.ok) throw new AppError('rate_limited', { retryAfter: limited.retryAfterSeconds }, { 'Retry-After': String(limited.retryAfterSeconds) });
    const form = await readForm(c);
    const checked = check(AcceptInvite, { password: form.password ?? '' });
    const errors = checked.ok ? {} : checked.errors;
    if (checked.ok && form.password !== form.repeat) errors.repeat = 'mismatch';
    if (Object.keys(errors).length) {
      if (!(await isOpen(c, token))) return c.html(inviteInvalidPage(c), 404);
      return c.html(invitePage(c, token, errors), 422);
    }
    try {
      await acceptInvite(deps, token, form.password!);
    } catch (err) {
      if (err instanceof AppError && err.code === 'invite_invalid') return c.html(inviteInvalidPage(c), 404);
      throw err;
    }
    return redirectWith(c, `/dashboard/login?lang=${c.var.lang}`, { kind: 'notice', key: 'passwordSet' });
  });
