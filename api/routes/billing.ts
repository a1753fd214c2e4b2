// /v1/invoices, /v1/credits and "not for us" (billing issue). Mounted at /v1 in api/app.ts:
// put middleware on each route, never with .use() (it would apply to every /v1 path).
// app.ts loads the session and refuses cross-origin mutations on /v1/invoices*, /v1/credits*,
// /v1/leads/*, /v1/company/* and /v1/admin/*.
import { Hono, type Context } from 'hono';
import {
  CreditClaimInput, CreditDecisionInput, CreditQuery, GenerateInput, OwnerBillingPatch, PeriodQuery, StaffBillingPatch,
} from '../contract/billing.ts';
import type { AppEnv } from '../deps.ts';
import { getCompanyBilling, updateCompanyBilling } from '../domain/billing/company-billing.ts';
import { claimCredit, decideCredit, getCredit, listCredits } from '../domain/billing/credits.ts';
import { dismissLead, undismissLead } from '../domain/billing/dismissals.ts';
import { categoryLabelsFi, finvoiceXml, invoiceCsv, monthCsv, monthForExport } from '../domain/billing/exports.ts';
import { currentBalance, getInvoice, listInvoices } from '../domain/billing/invoices.ts';
import { generateInvoices } from '../domain/billing/issue-invoices.ts';
import { companyOf } from '../domain/leads.ts';
import { currentUser, requireRole } from '../http/auth.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

const member = requireRole('member');
const owner = requireRole('owner');
const admin = requireRole('admin');

/** A file download: never cached (it names a customer company and its money), named for the invoice. */
function download(c: Context<AppEnv>, body: string, type: string, filename: string) {
  return c.body(body, 200, {
    'Content-Type': `${type}; charset=utf-8`,
    'Content-Disposition': `attachment; filename="${filename}"`,
  });
}

export const billingRoutes = new Hono<AppEnv>()
  .get('/invoices', member, async (c) => {
    const { period } = parseOr422(PeriodQuery, c.req.query());
    return c.json({ items: await listInvoices({ ctx: c.var.deps, actor: currentUser(c), period }) });
  })
  // Staff: the month's invoices for every company, on demand; running it again issues nothing twice.
  .post('/invoices/generate', admin, async (c) => {
    const { period } = parseOr422(GenerateInput, await readJsonBody(c));
    return c.json(await generateInvoices({ ctx: c.var.deps, actor: currentUser(c), period }));
  })
  .get('/invoices/current', member, async (c) => c.json(await currentBalance({ ctx: c.var.deps, actor: currentUser(c) })))
  .get('/invoices/export', admin, async (c) => {
    const period = parseOr422(GenerateInput, c.req.query()).period;
    const list = await listInvoices({ ctx: c.var.deps, actor: currentUser(c), period });
    return download(c, monthCsv(await monthForExport(c.var.deps, period, list)), 'text/csv', `linkki-laskut-${period}.csv`);
  })
  .get('/invoices/:id', member, async (c) =>
    c.json(await getInvoice({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') })))
  .get('/invoices/:id/csv', member, async (c) => {
    const deps = c.var.deps;
    const invoice = await getInvoice({ ctx: deps, actor: currentUser(c), id: c.req.param('id') });
    return download(c, invoiceCsv(invoice, await categoryLabelsFi(deps)), 'text/csv', `linkki-lasku-${invoice.number}.csv`);
  })
  .get('/invoices/:id/finvoice', admin, async (c) => {
    const deps = c.var.deps;
    const invoice = await getInvoice({ ctx: deps, actor: currentUser(c), id: c.req.param('id') });
    const xml = finvoiceXml(invoice, await categoryLabelsFi(deps), deps.clock.now());
    return download(c, xml, 'application/xml', `linkki-finvoice-${invoice.number}.xml`);
  })

  .get('/credits', member, async (c) => {
    const { status } = parseOr422(CreditQuery, c.req.query());
    return c.json({ items: await listCredits({ ctx: c.var.deps, actor: currentUser(c), status }) });
  })
  .post('/credits', member, async (c) => {
    const input = parseOr422(CreditClaimInput, await readJsonBody(c));
    return c.json(await claimCredit({ ctx: c.var.deps, actor: currentUser(c), input }), 201);
  })
  .get('/credits/:id', member, async (c) =>
    c.json(await getCredit({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') })))
  .post('/credits/:id/decision', admin, async (c) => {
    const input = parseOr422(CreditDecisionInput, await readJsonBody(c));
    return c.json(await decideCredit({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id'), input }));
  })

  .post('/leads/:id/not-for-us', member, async (c) => {
    await dismissLead({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') });
    return c.body(null, 204);
  })
  .delete('/leads/:id/not-for-us', member, async (c) => {
    await undismissLead({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') });
    return c.body(null, 204);
  })

  .get('/company/billing', owner, async (c) => {
    const actor = currentUser(c);
    return c.json(await getCompanyBilling({ ctx: c.var.deps, actor, companyId: companyOf(actor) }));
  })
  .patch('/company/billing', owner, async (c) => {
    const actor = currentUser(c);
    const patch = parseOr422(OwnerBillingPatch, await readJsonBody(c));
    return c.json(await updateCompanyBilling({ ctx: c.var.deps, actor, companyId: companyOf(actor), patch }));
  })
  .get('/admin/companies/:id/billing', admin, async (c) =>
    c.json(await getCompanyBilling({ ctx: c.var.deps, actor: currentUser(c), companyId: c.req.param('id') })))
  .patch('/admin/companies/:id/billing', admin, async (c) => {
    const patch = parseOr422(StaffBillingPatch, await readJsonBody(c));
    return c.json(await updateCompanyBilling({ ctx: c.var.deps, actor: currentUser(c), companyId: c.req.param('id'), patch }));
  });
