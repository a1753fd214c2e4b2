// /v1/admin: staff only (role admin), every route. Signed-in: a session, and no mutation from
// another origin.
import { Hono } from 'hono';
import * as v from 'valibot';
import { CategoryPatch, NewPartnerInput, PartnerPatch } from '../contract/admin.ts';
import { Company, CompanyPatch, NewCompany, NewUser, UserCreated } from '../contract/auth.ts';
import { CompanyBilling, StaffBillingPatch } from '../contract/billing.ts';
import { SubjectQuery } from '../contract/data-subject.ts';
import { body, error, invalidBody, json, pathParam } from '../contract/openapi.ts';
import { eraseSubject, exportSubject, findSubject } from '../domain/data-subject.ts';
import type { AppEnv } from '../deps.ts';
import { getCompanyBilling, updateCompanyBilling } from '../domain/billing/company-billing.ts';
import { createCompany, listCompanies, updateCompany } from '../domain/companies.ts';
import { partnerStats } from '../domain/counters.ts';
import { audit } from '../domain/audit.ts';
import { listAudit, removeRequest, updateCategory } from '../domain/moderation.ts';
import { createPartner, rotatePartnerSecret, updatePartner } from '../domain/partners.ts';
import { createUser, listCompanyUsers } from '../domain/users.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { describe } from '../http/openapi.ts';
import { invalid, issue } from '../domain/errors.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

export const adminRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations(), requireRole('admin'))
  .post(
    '/partners',
    describe(() => ({
      summary: 'Staff: add a partner site',
      requestBody: body(NewPartnerInput),
      responses: { 201: { description: '{id, publicKey}' }, 403: error('Not staff'), 422: invalidBody },
    })),
    async (c) => {
      const input = parseOr422(NewPartnerInput, await readJsonBody(c));
      return c.json(await createPartner(c.var.deps, { ...input, presets: input.presets ?? {} }, currentUser(c)), 201);
    },
  )
  .patch(
    '/partners/:id',
    describe(() => ({
      summary: "Staff: change a partner's name, kind, origins (replaced), presets, or take it off every site (active: false)",
      parameters: [pathParam('id')],
      requestBody: body(PartnerPatch),
      responses: {
        200: { description: '{id, publicKey, name, kind, active, origins}' },
        403: error('Not staff'),
        404: error('No such partner'),
        422: invalidBody,
      },
    })),
    async (c) => {
      const patch = parseOr422(PartnerPatch, await readJsonBody(c));
      return c.json(await updatePartner({ ctx: c.var.deps, actor: currentUser(c), input: { id: c.req.param('id'), patch } }));
    },
  )
  .post(
    '/partners/:id/secret-key',
    describe(() => ({
      summary:
        "Staff: a new secret key for the partner's backend (server-to-server intake, `Authorization: Bearer`); shown once, the old one stops working",
      parameters: [pathParam('id')],
      responses: { 201: { description: '{id, secretKey}' }, 403: error('Not staff'), 404: error('No such partner') },
    })),
    async (c) => c.json(await rotatePartnerSecret({ ctx: c.var.deps, actor: currentUser(c), input: { id: c.req.param('id') } }), 201),
  )
  .get(
    '/partners/:id/stats',
    describe(() => ({
      summary: "Staff: a partner's daily counters (shown, started, sent)",
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
        { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
      ],
      responses: { 200: { description: '{items: [{day, shown, started, sent}]}' }, 403: error('Not staff') },
    })),
    async (c) => {
      const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_choice'));
      const q = parseOr422(v.object({ from: day, to: day }), c.req.query());
      return c.json({ items: await partnerStats(c.var.deps, currentUser(c), c.req.param('id'), q.from, q.to) });
    },
  )
  .post(
    '/companies',
    describe(() => ({
      summary: 'Staff: add a contractor company (business ID by check digit)',
      requestBody: body(NewCompany),
      responses: { 201: { description: '{id}' }, 403: error('Not staff'), 409: error('Business ID taken'), 422: invalidBody },
    })),
    async (c) => {
      const input = parseOr422(NewCompany, await readJsonBody(c));
      return c.json(await createCompany({ ctx: c.var.deps, actor: currentUser(c), input }), 201);
    },
  )
  .get(
    '/companies',
    describe(() => ({ summary: 'Staff: companies', responses: { 200: { description: '{items}' }, 403: error('Not staff') } })),
    async (c) => c.json({ items: await listCompanies({ ctx: c.var.deps, actor: currentUser(c) }) }),
  )
  .patch(
    '/companies/:id',
    describe(() => ({
      summary:
        "Staff: edit a company (name, business ID, billing address and email, regions, categories, active). Deactivating ends its users' sessions at once and refuses their sign-ins and API calls (401); purchases and invoices stay",
      parameters: [pathParam('id')],
      requestBody: body(CompanyPatch),
      responses: {
        200: json(Company, 'The company'),
        403: error('Not staff'),
        404: error('Unknown company'),
        409: error('Business ID taken (business_id_taken)'),
        422: invalidBody,
      },
    })),
    async (c) => {
      const patch = parseOr422(CompanyPatch, await readJsonBody(c));
      return c.json(await updateCompany({ ctx: c.var.deps, actor: currentUser(c), input: { id: c.req.param('id'), patch } }));
    },
  )
  .post(
    '/companies/:id/users',
    describe(() => ({
      summary: 'Staff: add a user; returns the invite token once',
      parameters: [pathParam('id')],
      requestBody: body(NewUser),
      responses: { 201: json(UserCreated, 'Created'), 409: error('Email taken'), 422: invalidBody },
    })),
    async (c) => {
      const input = parseOr422(NewUser, await readJsonBody(c));
      return c.json(await createUser({ ctx: c.var.deps, actor: currentUser(c), companyId: c.req.param('id'), input }), 201);
    },
  )
  .get(
    '/companies/:id/users',
    describe(() => ({
      summary: "Staff: a company's users",
      parameters: [pathParam('id')],
      responses: { 200: { description: '{items}' } },
    })),
    async (c) =>
      c.json({ items: await listCompanyUsers({ ctx: c.var.deps, actor: currentUser(c), input: { companyId: c.req.param('id') } }) }),
  )
  .get(
    '/companies/:id/billing',
    describe(() => ({
      summary: "Staff: a company's billing settings",
      parameters: [pathParam('id')],
      responses: { 200: json(CompanyBilling, 'Settings'), 404: error('Unknown company') },
    })),
    async (c) => c.json(await getCompanyBilling({ ctx: c.var.deps, actor: currentUser(c), companyId: c.req.param('id') })),
  )
  .patch(
    '/companies/:id/billing',
    describe(() => ({
      summary: 'Staff: spend cap, e-invoice address and operator (both or neither)',
      parameters: [pathParam('id')],
      requestBody: body(StaffBillingPatch),
      responses: { 200: json(CompanyBilling, 'Saved'), 404: error('Unknown company'), 422: invalidBody },
    })),
    async (c) => {
      const patch = parseOr422(StaffBillingPatch, await readJsonBody(c));
      const companyId = c.req.param('id');
      return c.json(await updateCompanyBilling({ ctx: c.var.deps, actor: currentUser(c), companyId, patch }));
    },
  )
  .patch(
    '/categories/:id',
    describe(() => ({
      summary: 'Staff: price, buyer cap, labels',
      parameters: [pathParam('id')],
      requestBody: body(CategoryPatch),
      responses: { 200: { description: 'The category' }, 404: error('No such category'), 422: invalidBody },
    })),
    async (c) => {
      const patch = parseOr422(CategoryPatch, await readJsonBody(c));
      return c.json(await updateCategory({ ctx: c.var.deps, actor: currentUser(c), input: { id: c.req.param('id'), patch } }));
    },
  )
  .post(
    '/requests/:id/remove',
    describe(() => ({
      summary: 'Staff: take down a spam request',
      parameters: [pathParam('id')],
      responses: { 204: { description: 'Removed' }, 404: error('No such open request') },
    })),
    async (c) => {
      await removeRequest({ ctx: c.var.deps, actor: currentUser(c), input: { requestId: c.req.param('id') } });
      return c.body(null, 204);
    },
  )
  // POST, so that the email or phone stays out of URLs and access logs.
  .post(
    '/data-subjects/search',
    describe(() => ({
      summary: 'Staff: find by email or phone (keyed hashes)',
      requestBody: body(SubjectQuery),
      responses: { 200: { description: '{requests, users}' }, 422: invalidBody },
    })),
    async (c) =>
      c.json(await findSubject({ ctx: c.var.deps, actor: currentUser(c), input: parseOr422(SubjectQuery, await readJsonBody(c)) })),
  )
  .post(
    '/data-subjects/export',
    describe(() => ({
      summary: 'Staff: export everything held about a person',
      requestBody: body(SubjectQuery),
      responses: { 200: { description: '{requests, users}' } },
    })),
    async (c) =>
      c.json(await exportSubject({ ctx: c.var.deps, actor: currentUser(c), input: parseOr422(SubjectQuery, await readJsonBody(c)) })),
  )
  .post(
    '/data-subjects/erase',
    describe(() => ({
      summary: 'Staff: erase everything held about a person',
      requestBody: body(SubjectQuery),
      responses: { 200: { description: '{requestsErased, usersErased}' } },
    })),
    async (c) =>
      c.json(await eraseSubject({ ctx: c.var.deps, actor: currentUser(c), input: parseOr422(SubjectQuery, await readJsonBody(c)) })),
  )
  .get(
    '/audit',
    describe(() => ({
      summary: 'Staff: who saw or changed personal data, newest first',
      parameters: [{ name: 'before', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } }],
      responses: { 200: { description: '{items}' } },
    })),
    async (c) => {
      const before = c.req.query('before');
      const at = before ? v.parse(v.pipe(v.string(), v.isoTimestamp()), before) : undefined;
      return c.json({
        items: await listAudit({ ctx: c.var.deps, actor: currentUser(c), input: { before: at ? new Date(at) : undefined } }),
      });
    },
  );
