// /v1/invoices (billing issue): a company's invoices and their files; staff issue and export the
// month's. Signed-in routes: a session, and no mutation from another origin.
import { Hono, type Context } from 'hono';
import { GenerateInput, PeriodQuery } from '../contract/billing.ts';
import type { AppEnv } from '../deps.ts';
import { exportFinvoice, exportInvoiceCsv, exportMonthCsv, type ExportFile } from '../domain/billing/exports.ts';
import { currentBalance, getInvoice, listInvoices } from '../domain/billing/invoices.ts';
import { generateInvoices } from '../domain/billing/issue-invoices.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

const member = requireRole('member');
const admin = requireRole('admin');

/** A file download: never cached (it names a customer company and its money), named for the invoice. */
function download(c: Context<AppEnv>, file: ExportFile) {
  return c.body(file.body, 200, {
    'Content-Type': `${file.contentType}; charset=utf-8`,
    'Content-Disposition': `attachment; filename="${file.filename}"`,
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
    return download(c, await exportMonthCsv({ ctx: c.var.deps, actor: currentUser(c), input: { period } }));
  })
  .get('/:id', member, async (c) => c.json(await getInvoice({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') })))
  .get('/:id/csv', member, async (c) =>
    download(c, await exportInvoiceCsv({ ctx: c.var.deps, actor: currentUser(c), input: { id: c.req.param('id') } })),
  )
  .get('/:id/finvoice', admin, async (c) =>
    download(c, await exportFinvoice({ ctx: c.var.deps, actor: currentUser(c), input: { id: c.req.param('id') } })),
  );
