// /v1/admin: staff only (role admin), every route. Signed-in: a session, and no mutation from
// another origin.
import { Hono } from 'hono';
import * as v from 'valibot';
import { CategoryPatch, NewPartnerInput } from '../contract/admin.ts';
import { CompanyPatch, NewCompany, NewUser } from '../contract/auth.ts';
import { StaffBillingPatch } from '../contract/billing.ts';
import { SubjectQuery } from '../contract/data-subject.ts';
import { eraseSubject, exportSubject, findSubject } from '../domain/data-subject.ts';
import type { AppEnv } from '../deps.ts';
import { getCompanyBilling, updateCompanyBilling } from '../domain/billing/company-billing.ts';
import { createCompany, listCompanies, updateCompany } from '../domain/companies.ts';
import { partnerStats } from '../domain/counters.ts';
import { audit } from '../domain/audit.ts';
import { listAudit, removeRequest, updateCategory } from '../domain/moderation.ts';
import { createPartner } from '../domain/partners.ts';
import { createUser, listCompanyUsers } from '../domain/users.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { invalid, issue } from '../domain/errors.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

export const adminRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations(), requireRole('admin'))
  .post('/partners', async (c) => {
    const input = parseOr422(NewPartnerInput, await readJsonBody(c));
    return c.json(await createPartner(c.var.deps, { ...input, presets: input.presets ?? {} }, currentUser(c)), 201);
  })
  .get('/partners/:id/stats', async (c) => {
    const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_choice'));
    const q = parseOr422(v.object({ from: day, to: day }), c.req.query());
    return c.json({ items: await partnerStats(c.var.deps, currentUser(c), c.req.param('id'), q.from, q.to) });
  })
  .post('/companies', async (c) => {
    const input = parseOr422(NewCompany, await readJsonBody(c));
    return c.json(await createCompany({ ctx: c.var.deps, actor: currentUser(c), input }), 201);
  })
  .get('/companies', async (c) => c.json({ items: await listCompanies({ ctx: c.var.deps, actor: currentUser(c) }) }))
  .patch('/companies/:id', async (c) => {
    const input = { id: c.req.param('id'), patch: parseOr422(CompanyPatch, await readJsonBody(c)) };
    return c.json(await updateCompany({ ctx: c.var.deps, actor: currentUser(c), input }));
  })
  .post('/companies/:id/users', async (c) => {
    const input = parseOr422(NewUser, await readJsonBody(c));
    return c.json(await createUser({ ctx: c.var.deps, actor: currentUser(c), companyId: c.req.param('id'), input }), 201);
  })
  .get('/companies/:id/users', async (c) => {
    const input = { companyId: c.req.param('id') };
    return c.json({ items: await listCompanyUsers({ ctx: c.var.deps, actor: currentUser(c), input }) });
  })
  .get('/companies/:id/billing', async (c) =>
    c.json(await getCompanyBilling({ ctx: c.var.deps, actor: currentUser(c), companyId: c.req.param('id') })),
  )
  .patch('/companies/:id/billing', async (c) => {
    const patch = parseOr422(StaffBillingPatch, await readJsonBody(c));
    const companyId = c.req.param('id');
    return c.json(await updateCompanyBilling({ ctx: c.var.deps, actor: currentUser(c), companyId, patch }));
  })
  .patch('/categories/:id', async (c) => {
    const input = { id: c.req.param('id'), patch: parseOr422(CategoryPatch, await readJsonBody(c)) };
    return c.json(await updateCategory({ ctx: c.var.deps, actor: currentUser(c), input }));
  })
  .post('/requests/:id/remove', async (c) => {
    await removeRequest({ ctx: c.var.deps, actor: currentUser(c), input: { requestId: c.req.param('id') } });
    return c.body(null, 204);
  })
  // POST, so that the email or phone stays out of URLs and access logs.
  .post('/data-subjects/search', async (c) => {
    const input = parseOr422(SubjectQuery, await readJsonBody(c));
    return c.json(await findSubject({ ctx: c.var.deps, actor: currentUser(c), input }));
  })
  .post('/data-subjects/export', async (c) => {
    const input = parseOr422(SubjectQuery, await readJsonBody(c));
    return c.json(await exportSubject({ ctx: c.var.deps, actor: currentUser(c), input }));
  })
  .post('/data-subjects/erase', async (c) => {
    const input = parseOr422(SubjectQuery, await readJsonBody(c));
    return c.json(await eraseSubject({ ctx: c.var.deps, actor: currentUser(c), input }));
  })
  .get('/audit', async (c) => {
    const before = c.req.query('before');
    const at = before ? v.parse(v.pipe(v.string(), v.isoTimestamp()), before) : undefined;
    return c.json({ items: await listAudit({ ctx: c.var.deps, actor: currentUser(c), input: { before: at ? new Date(at) : undefined } }) });
  });
