// /v1/invoices (billing issue): a company's invoices and their files; staff issue and export the
// month's. Signed-in routes: a session, and no mutation from another origin.
import { Hono, type Context } from 'hono';
import { GenerateInput, PeriodQuery } from '../contract/billing.ts';
import type { AppEnv } from '../deps.ts';
import { categoryLabelsFi, finvoiceXml, invoiceCsv, monthCsv, monthForExport } from '../domain/billing/exports.ts';
import { currentBalance, getInvoice, listInvoices } from '../domain/billing/invoices.ts';
import { generateInvoices } from '../domain/billing/issue-invoices.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

const member = requireRole('member');
const admin = requireRole('admin');

/** A file download: never cached (it names a customer company and its money), named for the invoice. */
function download(c: Context<AppEnv>, body: string, type: string, filename: string) {
  return c.body(body, 200, {
    'Content-Type': `${type}; charset=utf-8`,
    'Content-Disposition': `attachment; filename="${filename}"`,
  });
}

export const invoiceRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations())
  .get('/', member, async (c) => {
    const { period } = parseOr422(PeriodQuery, c.req.query());
    return c.json({ items: await listInvoices({ ctx: c.var.deps, actor: currentUser(c), period }) });
  })
  // Staff: the month's invoices for every company, on demand; running it again issues nothing twice.
  .post('/generate', admin, async (c) => {
    const { period } = parseOr422(GenerateInput, await readJsonBody(c));
    return c.json(await generateInvoices({ ctx: c.var.deps, actor: currentUser(c), period }));
  })
  .get('/current', member, async (c) => c.json(await currentBalance({ ctx: c.var.deps, actor: currentUser(c) })))
  .get('/export', admin, async (c) => {
    const period = parseOr422(GenerateInput, c.req.query()).period;
    const list = await listInvoices({ ctx: c.var.deps, actor: currentUser(c), period });
    return download(c, monthCsv(await monthForExport(c.var.deps, period, list)), 'text/csv', `linkki-laskut-${period}.csv`);
  })
  .get('/:id', member, async (c) => c.json(await getInvoice({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') })))
  .get('/:id/csv', member, async (c) => {
    const deps = c.var.deps;
    const invoice = await getInvoice({ ctx: deps, actor: currentUser(c), id: c.req.param('id') });
    return download(c, invoiceCsv(invoice, await categoryLabelsFi(deps)), 'text/csv', `linkki-lasku-${invoice.number}.csv`);
  })
  .get('/:id/finvoice', admin, async (c) => {
    const deps = c.var.deps;
    const invoice = await getInvoice({ ctx: deps, actor: currentUser(c), id: c.req.param('id') });
    const xml = finvoiceXml(invoice, await categoryLabelsFi(deps), deps.clock.now());
    return download(c, xml, 'application/xml', `linkki-finvoice-${invoice.number}.xml`);
  });
