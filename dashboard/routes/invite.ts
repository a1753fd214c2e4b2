// An invited user, or one who asked for a password reset, sets their own password (S10), then
// signs in. The token lives only in the link's fragment and the form; the database keeps its
// hash, and the link works once. Links mailed with the token in the path (/invite/<token>,
// before issue 10) still work: they are redirected to the fragment form.
import { Hono } from 'hono';
import { AcceptInvite } from '../../api/contract/auth.ts';
import { hitRateLimit } from '../../api/domain/rate-limit.ts';
import { acceptInvite, isInviteOpen } from '../../api/domain/users.ts';
import { AppError } from '../../api/domain/errors.ts';
import { clientAddress } from '../../api/http/middleware.ts';
import { asApp, view, type DashContext, type DashEnv } from '../context.ts';
import { redirectWith } from '../lib/flash.ts';
import { check, fieldErrorsOf, readForm } from '../lib/form.ts';
import { inviteInvalidPage, invitePage, inviteScript } from '../pages/invite.ts';

/** A reset link says `?for=reset`: the same form, told as a new password rather than a new account. */
const isReset = (c: DashContext) => c.req.query('for') === 'reset';

async function setPassword(c: DashContext, token: string) {
  const deps = c.var.deps;
  // Guessing tokens costs like guessing passwords: the same per-address limit as sign-in.
  const limited = await hitRateLimit(deps, 'login', clientAddress(asApp(c)), deps.config.rateLimits.login);
  if (!limited.ok)
    throw new AppError('rate_limited', { retryAfter: limited.retryAfterSeconds }, { 'Retry-After': String(limited.retryAfterSeconds) });
  const form = await readForm(c);
  const reset = isReset(c);
  const secret = (form.token ?? token).trim();
  const checked = check(AcceptInvite, { password: form.password ?? '' });
  const errors = checked.ok ? {} : checked.errors;
  if (checked.ok && form.password !== form.repeat) errors.repeat = 'mismatch';
  if (!secret || (Object.keys(errors).length && !(await isInviteOpen({ ctx: deps, input: { token: secret } }))))
    return c.html(inviteInvalidPage(view(c), reset), 404);
  if (Object.keys(errors).length) return c.html(invitePage(view(c), { reset, token: secret, errors }), 422);
  try {
    await acceptInvite({
      ctx: deps,
      input: { token: secret, password: form.password!, source: clientAddress(asApp(c)) },
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'invite_invalid') return c.html(inviteInvalidPage(view(c), reset), 404);
    if (err instanceof AppError && err.code === 'weak_password')
      return c.html(invitePage(view(c), { reset, token: secret, errors: fieldErrorsOf(err) }), 422);
    throw err;
  }
  return redirectWith(c, `/dashboard/login?lang=${c.var.lang}`, { kind: 'notice', key: 'passwordSet' });
}

export const inviteRoutes = new Hono<DashEnv>()
  .get('/invite', (c) => c.html(invitePage(view(c), { reset: isReset(c), token: null })))
  .get('/invite.js', (c) =>
    c.body(inviteScript, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    }),
  )
  .get('/invite/:token', (c) => c.redirect(`/invite?lang=${c.var.lang}#${encodeURIComponent(c.req.param('token'))}`, 303))
  .post('/invite', (c) => setPassword(c, ''))
  .post('/invite/:token', (c) => setPassword(c, c.req.param('token')));
