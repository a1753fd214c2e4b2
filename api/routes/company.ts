// /v1/company: a company owner manages the company's users (members and owners) and its billing
// details. Signed-in routes: a session, and no mutation from another origin.
import { Hono } from 'hono';
import { CompanyBilling, OwnerBillingPatch } from '../contract/billing.ts';
import { NewUser, UserCreated } from '../contract/auth.ts';
import { body, error, invalidBody, json, pathParam } from '../contract/openapi.ts';
import type { AppEnv } from '../deps.ts';
import { getCompanyBilling, updateCompanyBilling } from '../domain/billing/company-billing.ts';
import { companyOf as billedCompanyOf } from '../domain/leads.ts';
import { createUser, listCompanyUsers, removeUser } from '../domain/users.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { describe } from '../http/openapi.ts';
import { AppError } from '../domain/errors.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

const companyOf = (user: { companyId: string | null }) => {
  if (!user.companyId) throw new AppError('not_found');
  return user.companyId;
};

export const companyRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations(), requireRole('owner'))
  .get(
    '/users',
    describe(() => ({ summary: "Owner: the company's users", responses: { 200: { description: '{items}' }, 403: error('Not an owner') } })),
    async (c) => {
      const user = currentUser(c);
      return c.json({ items: await listCompanyUsers({ ctx: c.var.deps, actor: user, input: { companyId: companyOf(user) } }) });
    },
  )
  .post(
    '/users',
    describe(() => ({
      summary:
        'Owner: invite a member or owner. An address that already has an account gets the same 201 (a token that never works) and its holder is mailed instead',
      requestBody: body(NewUser),
      responses: { 201: json(UserCreated, 'Invited'), 403: error('Not an owner'), 422: invalidBody },
    })),
    async (c) => {
      const user = currentUser(c);
      const input = parseOr422(NewUser, await readJsonBody(c));
      return c.json(await createUser({ ctx: c.var.deps, actor: user, companyId: companyOf(user), input }), 201);
    },
  )
  .delete(
    '/users/:id',
    describe(() => ({
      summary: 'Owner: remove a user of the company',
      parameters: [pathParam('id')],
      responses: { 204: { description: 'Removed' }, 404: error('No such user in your company') },
    })),
    async (c) => {
      await removeUser({ ctx: c.var.deps, actor: currentUser(c), input: { userId: c.req.param('id') } });
      return c.body(null, 204);
    },
  )
  .get(
    '/billing',
    describe(() => ({
      summary: "Owner: the company's spend cap and e-invoicing details",
      responses: { 200: json(CompanyBilling, 'Settings'), 403: error('Not an owner') },
    })),
    async (c) => {
      const actor = currentUser(c);
      return c.json(await getCompanyBilling({ ctx: c.var.deps, actor, companyId: billedCompanyOf(actor) }));
    },
  )
  .patch(
    '/billing',
    describe(() => ({
      summary: 'Owner: set or clear the monthly spend cap (cents, VAT excluded)',
      requestBody: body(OwnerBillingPatch),
      responses: { 200: json(CompanyBilling, 'Saved'), 403: error('Not an owner'), 422: invalidBody },
    })),
    async (c) => {
      const actor = currentUser(c);
      const patch = parseOr422(OwnerBillingPatch, await readJsonBody(c));
      return c.json(await updateCompanyBilling({ ctx: c.var.deps, actor, companyId: billedCompanyOf(actor), patch }));
    },
  );
