// /v1/auth: contractors and staff sign in with a cookie session (S16, S27). A session is loaded
// (a login rotates it), and no mutation from another origin is accepted.
import { Hono } from 'hono';
import { AcceptInvite, AcceptInviteWithToken, Login } from '../contract/auth.ts';
import type { AppEnv } from '../deps.ts';
import { endSessionByToken, login, logout } from '../domain/sessions.ts';
import { acceptInvite, getMe } from '../domain/users.ts';
import { clearSessionCookie, loadSession, sameOriginMutations, sessionToken, setSessionCookie } from '../http/auth.ts';
import { clientAddress, rateLimit } from '../http/middleware.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

export const authRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations())
  .post(
    '/login',
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
  .post('/logout', async (c) => {
    const user = c.var.user;
    if (user) await logout({ ctx: c.var.deps, actor: user });
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .post(
    '/invite',
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
