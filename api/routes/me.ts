// /v1/me: the signed-in user reads and edits their own account. Signed-in: a session, and no
// mutation from another origin.
import { Hono } from 'hono';
import { MePatch } from '../contract/auth.ts';
import type { AppEnv } from '../deps.ts';
import { getMe, updateMe } from '../domain/users.ts';
import { currentUser, loadSession, sameOriginMutations } from '../http/auth.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

export const meRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations())
  .get('/', async (c) => c.json(await getMe({ ctx: c.var.deps, actor: currentUser(c) })))
  .patch('/', async (c) => {
    const patch = parseOr422(MePatch, await readJsonBody(c));
    return c.json(await updateMe({ ctx: c.var.deps, actor: currentUser(c), input: patch }));
  });
