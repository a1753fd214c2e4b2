// /v1/invoices (billing issue): a company's invoices and their files; staff issue and export the
// month's. Signed-in routes: a session, and no mutation from another origin.
import { Hono, type Context } from 'hono';
import { Balance, GenerateInput, GenerateResult, Invoice, InvoiceList, PeriodQuery } from '../contract/billing.ts';
import { body, error, invalidBody, json, pathParam, queryParameters } from '../contract/openapi.ts';
import type { AppEnv } from '../deps.ts';
import { exportFinvoice, exportInvoiceCsv, exportMonthCsv, type ExportFile } from '../domain/billing/exports.ts';
import { currentBalance, getInvoice, listInvoices } from '../domain/billing/invoices.ts';
import { generateInvoices } from '../domain/billing/issue-invoices.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { describe } from '../http/openapi.ts';
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
  .get(
    '/',
    describe(() => ({
      summary: "The company's monthly invoices, newest first; staff: a month's invoices of every company (?period=YYYY-MM)",
      parameters: queryParameters(PeriodQuery),
      responses: { 200: json(InvoiceList, 'Invoices'), 401: error('Not signed in'), 422: invalidBody },
    })),
    member,
    async (c) => {
      const { period } = parseOr422(PeriodQuery, c.req.query());
      return c.json({ items: await listInvoices({ ctx: c.var.deps, actor: currentUser(c), period }) });
    },
  )
  // Staff: the month's invoices for every company, on demand; running it again issues nothing twice.
  .post(
    '/generate',
    describe(() => ({
      summary:
        'Staff: issue the invoices of a month that has ended; idempotent (a second run issues nothing twice), numbers gap-free per year',
      requestBody: body(GenerateInput),
      responses: {
        200: json(GenerateResult, 'Issued now, and already there'),
        403: error('Not staff'),
        409: error('seller_not_configured: SELLER_* unset in production'),
        422: invalidBody,
      },
    })),
    admin,
    async (c) => {
      const { period } = parseOr422(GenerateInput, await readJsonBody(c));
      return c.json(await generateInvoices({ ctx: c.var.deps, actor: currentUser(c), period }));
    },
  )
  .get(
    '/current',
    describe(() => ({
      summary: "This month's running balance: what its invoice would say so far, and the spend cap",
      responses: { 200: json(Balance, 'The balance'), 401: error('Not signed in') },
    })),
    member,
    async (c) => c.json(await currentBalance({ ctx: c.var.deps, actor: currentUser(c) })),
  )
  .get(
    '/export',
    describe(() => ({
      summary: "Staff: a month's invoices as CSV for bookkeeping",
      parameters: queryParameters(GenerateInput),
      responses: { 200: { description: 'text/csv' }, 403: error('Not staff'), 422: invalidBody },
    })),
    admin,
    async (c) => {
      const period = parseOr422(GenerateInput, c.req.query()).period;
      return download(c, await exportMonthCsv({ ctx: c.var.deps, actor: currentUser(c), input: { period } }));
    },
  )
  .get(
    '/:id',
    describe(() => ({
      summary: 'One invoice with its lines (purchases, and credits as negative lines), VAT 25.5 % on the net total, reference number',
      parameters: [pathParam('id')],
      responses: { 200: json(Invoice, 'The invoice; it never changes once issued'), 404: error("Unknown, or another company's") },
    })),
    member,
    async (c) => c.json(await getInvoice({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') })),
  )
  .get(
    '/:id/csv',
    describe(() => ({
      summary: 'The invoice as CSV (semicolons, decimal commas, UTF-8 with BOM)',
      parameters: [pathParam('id')],
      responses: { 200: { description: 'text/csv' }, 404: error('Unknown') },
    })),
    member,
    async (c) => download(c, await exportInvoiceCsv({ ctx: c.var.deps, actor: currentUser(c), input: { id: c.req.param('id') } })),
  )
  .get(
    '/:id/finvoice',
    describe(() => ({
      summary: 'Staff: the invoice as Finvoice 3.0 XML (the company needs an e-invoice address and operator)',
      parameters: [pathParam('id')],
      responses: { 200: { description: 'application/xml' }, 403: error('Not staff'), 404: error('Unknown, or no e-invoice address') },
    })),
    admin,
    async (c) => download(c, await exportFinvoice({ ctx: c.var.deps, actor: currentUser(c), input: { id: c.req.param('id') } })),
  );
