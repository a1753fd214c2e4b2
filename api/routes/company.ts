// /v1/company: a company owner manages the company's users (members and owners) and its billing
// details. Signed-in routes: a session, and no mutation from another origin.
import { Hono } from 'hono';
import { OwnerBillingPatch } from '../contract/billing.ts';
import { NewUser } from '../contract/auth.ts';
import type { AppEnv } from '../deps.ts';
import { getCompanyBilling, updateCompanyBilling } from '../domain/billing/company-billing.ts';
import { companyOf as billedCompanyOf } from '../domain/leads.ts';
import { createUser, listCompanyUsers, removeUser } from '../domain/users.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { AppError } from '../domain/errors.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

const companyOf = (user: { companyId: string | null }) => {
  if (!user.companyId) throw new AppError('not_found');
  return user.companyId;
};

export const companyRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations(), requireRole('owner'))
  .get('/users', async (c) => {
    const user = currentUser(c);
    return c.json({ items: await listCompanyUsers({ ctx: c.var.deps, actor: user, input: { companyId: companyOf(user) } }) });
  })
  .post('/users', async (c) => {
    const user = currentUser(c);
    const input = parseOr422(NewUser, await readJsonBody(c));
    return c.json(await createUser({ ctx: c.var.deps, actor: user, companyId: companyOf(user), input }), 201);
  })
  .delete('/users/:id', async (c) => {
    await removeUser({ ctx: c.var.deps, actor: currentUser(c), input: { userId: c.req.param('id') } });
    return c.body(null, 204);
  })
  .get('/billing', async (c) => {
    const actor = currentUser(c);
    return c.json(await getCompanyBilling({ ctx: c.var.deps, actor, companyId: billedCompanyOf(actor) }));
  })
  .patch('/billing', async (c) => {
    const actor = currentUser(c);
    const patch = parseOr422(OwnerBillingPatch, await readJsonBody(c));
    return c.json(await updateCompanyBilling({ ctx: c.var.deps, actor, companyId: billedCompanyOf(actor), patch }));
  });
