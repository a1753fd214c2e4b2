// /v1/auth: contractors and staff sign in with a cookie session (S16, S27). A session is loaded
// (a login rotates it), and no mutation from another origin is accepted.
import { Hono } from 'hono';
import { AcceptInvite, AcceptInviteWithToken, Login, Me } from '../contract/auth.ts';
import { body, error, invalidBody, json, limited, passwordRefused, pathParam } from '../contract/openapi.ts';
import type { AppEnv } from '../deps.ts';
import { endSessionByToken, login, logout } from '../domain/sessions.ts';
import { acceptInvite, getMe } from '../domain/users.ts';
import { clearSessionCookie, loadSession, sameOriginMutations, sessionToken, setSessionCookie } from '../http/auth.ts';
import { clientAddress, rateLimit } from '../http/middleware.ts';
import { describe } from '../http/openapi.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

export const authRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations())
  .post(
    '/login',
    describe(() => ({
      summary:
        'Sign in; sets an HttpOnly SameSite session cookie (__Host-linkki_session on https). Throttled before any hashing: per account and source, then per account (README, Security)',
      requestBody: body(Login),
      responses: {
        200: json(Me, 'Signed in'),
        401: error('Wrong email or password (the same answer for both)'),
        403: error('company_inactive: the password is right, but the company is deactivated; no session'),
        422: invalidBody,
        429: limited,
      },
    })),
    rateLimit('login', (c) => c.var.deps.config.rateLimits.login),
    async (c) => {
      const input = parseOr422(Login, await readJsonBody(c));
      const deps = c.var.deps;
      const old = sessionToken(c);
      const { token, user } = await login({
        ctx: deps,
        input: { email: input.email, password: input.password, source: clientAddress(c) },
      });
      // Rotation: a login never keeps a session id that existed before it.
      if (old) await endSessionByToken({ ctx: deps, input: { token: old } });
      setSessionCookie(c, token);
      return c.json(await getMe({ ctx: deps, actor: user }));
    },
  )
  .post(
    '/logout',
    describe(() => ({ summary: 'End the session', responses: { 204: { description: 'Signed out' } } })),
    async (c) => {
      const user = c.var.user;
      if (user) await logout({ ctx: c.var.deps, actor: user });
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  )
  .post(
    '/invite',
    describe(() => ({
      summary: 'The same as below with the token in the body ({token, password}): the token stays out of URLs and access logs',
      requestBody: body(AcceptInviteWithToken),
      responses: {
        204: { description: 'Password set' },
        404: error('invite_invalid: unknown, used or expired invite'),
        422: passwordRefused,
        429: limited,
      },
    })),
    rateLimit('login', (c) => c.var.deps.config.rateLimits.login),
    async (c) => {
      const input = parseOr422(AcceptInviteWithToken, await readJsonBody(c));
      await acceptInvite({
        ctx: c.var.deps,
        input: { token: input.token, password: input.password, source: clientAddress(c) },
      });
      return c.body(null, 204);
    },
  )
  // The contract's form, token in the path; kept for clients written against it.
  .post(
    '/invite/:token',
    describe(() => ({
      summary: 'An invited user (or one with a reset link) sets their password; the token is checked before anything else',
      parameters: [pathParam('token')],
      requestBody: body(AcceptInvite),
      responses: {
        204: { description: 'Password set' },
        404: error('invite_invalid: unknown, used or expired invite'),
        422: passwordRefused,
        429: limited,
      },
    })),
    rateLimit('login', (c) => c.var.deps.config.rateLimits.login),
    async (c) => {
      const input = parseOr422(AcceptInvite, await readJsonBody(c));
      await acceptInvite({
        ctx: c.var.deps,
        input: { token: c.req.param('token'), password: input.password, source: clientAddress(c) },
      });
      return c.body(null, 204);
    },
  );
