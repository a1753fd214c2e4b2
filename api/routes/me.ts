// /v1/me: the signed-in user reads and edits their own account. Signed-in: a session, and no
// mutation from another origin.
import { Hono } from 'hono';
import { Me, MePatch } from '../contract/auth.ts';
import { body, error, json, passwordRefused } from '../contract/openapi.ts';
import type { AppEnv } from '../deps.ts';
import { getMe, updateMe } from '../domain/users.ts';
import { currentUser, loadSession, sameOriginMutations } from '../http/auth.ts';
import { describe } from '../http/openapi.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

export const meRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations())
  .get(
    '/',
    describe(() => ({ summary: 'Own data', responses: { 200: json(Me, 'Me'), 401: error('Not signed in') } })),
    async (c) => c.json(await getMe({ ctx: c.var.deps, actor: currentUser(c) })),
  )
  .patch(
    '/',
    describe(() => ({
      summary:
        'Change own name, email, password or language (email and password need currentPassword; S26). A new email or password ends the other sessions; a new email is told to the old address',
      requestBody: body(MePatch),
      responses: { 200: json(Me, 'Changed'), 401: error('Not signed in'), 409: error('Email taken'), 422: passwordRefused },
    })),
    async (c) => {
      const patch = parseOr422(MePatch, await readJsonBody(c));
      return c.json(await updateMe({ ctx: c.var.deps, actor: currentUser(c), input: patch }));
    },
  );
