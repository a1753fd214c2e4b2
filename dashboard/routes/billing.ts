// Billing pages (S2, S7): contractors' running balance, invoices (printable, CSV), spend cap,
// credit claims and the published rules, "not for us"; staff's month run, exports, the claims
// queue and a company's billing details. Every decision is the API's verbs; pages only render.
// A one-line notice after a redirect travels as `?notice=<key>`: only known keys are shown.
import { Hono } from 'hono';
import * as v from 'valibot';
import { billing } from '../../api/config.ts';
import { CreditClaimInput, CreditDecisionInput, OwnerBillingPatch, Period, StaffBillingPatch } from '../../api/contract/billing.ts';
import type { Credit } from '../../api/contract/billing.ts';
import { getCompanyBilling, updateCompanyBilling } from '../../api/domain/billing/company-billing.ts';
import { claimablePurchases, claimCredit, creditQueue, decideCredit, listCredits } from '../../api/domain/billing/credits.ts';
import { dismissLead, listDismissed, undismissLead } from '../../api/domain/billing/dismissals.ts';
import { einvoiceReady, exportFinvoice, exportInvoiceCsv, exportMonthCsv, type ExportFile } from '../../api/domain/billing/exports.ts';
import { currentBalance, getInvoice, listInvoices } from '../../api/domain/billing/invoices.ts';
import { generateInvoices } from '../../api/domain/billing/issue-invoices.ts';
import { month, periodOf, previousPeriod } from '../../api/domain/billing/periods.ts';
import { listCategories } from '../../api/domain/categories.ts';
import { listCompanies } from '../../api/domain/companies.ts';
import { currentUser } from '../../api/http/auth.ts';
import { AppError } from '../../api/domain/errors.ts';
import { asApp, tr, view, type DashContext, type DashEnv } from '../context.ts';
import { labelOf } from '../lib/catalog.ts';
import { parseEuros } from '../lib/format.ts';
import { check, fieldErrorsOf, readForm, type FieldErrors } from '../lib/form.ts';
import { adminCreditsPage, adminInvoicesPage, companyBillingPage } from '../pages/admin/billing.ts';
import { claimPage, creditsPage, hiddenPage, rulesPage } from '../pages/credits.ts';
import { invoicePage } from '../pages/invoice-print.ts';
import { billingPage } from '../pages/invoices.ts';

const actor = (c: DashContext) => currentUser(asApp(c));

async function labels(c: DashContext): Promise<Map<string, string>> {
  const key = labelOf[c.var.lang];
  return new Map((await listCategories({ ctx: c.var.deps })).map((x) => [x.id, x[key]]));
}

function download(c: DashContext, file: ExportFile) {
  return c.body(file.body, 200, {
    'Content-Type': `${file.contentType}; charset=utf-8`,
    'Content-Disposition': `attachment; filename="${file.filename}"`,
  });
}

const notices = ['capSaved', 'claimSent', 'claimApproved', 'hidden', 'shown', 'decided', 'billingSaved'] as const;
function noticeOf(c: DashContext): string | undefined {
  const b = tr(c).billing;
  const key = c.req.query('notice');
  if (!(notices as readonly string[]).includes(key ?? '')) return undefined;
  return {
    capSaved: tr(c).notices.saved,
    claimSent: b.claimSent,
    claimApproved: b.claimDecided,
    hidden: b.hiddenDone,
    shown: b.shownDone,
    decided: b.admin.decided,
    billingSaved: b.admin.billingSaved,
  }[key as (typeof notices)[number]];
}

/** "" → no cap; "120" or "120,50" → cents; anything else → a field error. */
function capFrom(input: string | undefined): { ok: true; cents: number | null } | { ok: false } {
  if (!input?.trim()) return { ok: true, cents: null };
  const cents = parseEuros(input);
  return cents === null ? { ok: false } : { ok: true, cents };
}

async function billingHome(c: DashContext, extra: { values?: Record<string, string>; errors?: FieldErrors } = {}) {
  const ctx = c.var.deps;
  const user = actor(c);
  const [balance, invoices, names] = await Promise.all([
    currentBalance({ ctx, actor: user }),
    listInvoices({ ctx, actor: user }),
    labels(c),
  ]);
  return billingPage(view(c), {
    balance,
    invoices,
    labels: names,
    vatBasisPoints: billing.vatBasisPoints,
    owner: user.role === 'owner',
    notice: noticeOf(c),
    ...extra,
  });
}

async function claimable(c: DashContext, purchaseId: string | undefined) {
  const found = (await claimablePurchases({ ctx: c.var.deps, actor: actor(c) })).find((p) => p.purchaseId === purchaseId);
  if (!found) throw new AppError('not_found');
  return found;
}

/** The last 24 months that have ended, newest first. */
function endedMonths(now: number): string[] {
  const out: string[] = [];
  let p = previousPeriod(now);
  for (let i = 0; i < 24; i++) {
    out.push(p);
    p = previousPeriod(month(p).start);
  }
  return out;
}

export const billingRoutes = new Hono<DashEnv>()
  .get('/dashboard/invoices', async (c) => c.html(await billingHome(c)))
  .post('/dashboard/invoices/spend-cap', async (c) => {
    const user = actor(c);
    if (user.role !== 'owner') throw new AppError('forbidden');
    const form = await readForm(c);
    const cap = capFrom(form.spendCap);
    const checked = cap.ok ? check(OwnerBillingPatch, { spendCapCents: cap.cents }) : null;
    if (!checked?.ok) {
      return c.html(await billingHome(c, { values: { spendCap: form.spendCap ?? '' }, errors: { spendCap: 'invalid_price' } }), 422);
    }
    await updateCompanyBilling({ ctx: c.var.deps, actor: user, companyId: user.companyId!, patch: checked.value });
    return c.redirect('/dashboard/invoices?notice=capSaved', 303);
  })
  .get('/dashboard/invoices/:id', async (c) => {
    const invoice = await getInvoice({ ctx: c.var.deps, actor: actor(c), id: c.req.param('id') });
    return c.html(
      invoicePage(view(c), invoice, {
        labels: await labels(c),
        back: '/dashboard/invoices',
        csv: `/dashboard/invoices/${invoice.id}/csv`,
        staff: false,
      }),
    );
  })
  .get('/dashboard/invoices/:id/csv', async (c) =>
    download(c, await exportInvoiceCsv({ ctx: c.var.deps, actor: actor(c), input: { id: c.req.param('id') } })),
  )

  .get('/dashboard/credits', async (c) => {
    const ctx = c.var.deps;
    const [claimableList, credits, names] = await Promise.all([
      claimablePurchases({ ctx, actor: actor(c) }),
      listCredits({ ctx, actor: actor(c) }),
      labels(c),
    ]);
    return c.html(creditsPage(view(c), { claimable: claimableList, credits, labels: names, notice: noticeOf(c) }));
  })
  .get('/dashboard/credits/rules', (c) => c.html(rulesPage(view(c))))
  .get('/dashboard/credits/new', async (c) => {
    const id = c.req.query('purchase');
    const p = (await claimablePurchases({ ctx: c.var.deps, actor: actor(c) })).find((x) => x.purchaseId === id);
    // Claimed already, or its time is over: the list says which.
    if (!p) return c.redirect('/dashboard/credits', 303);
    return c.html(claimPage(view(c), p, { labels: await labels(c) }));
  })
  .post('/dashboard/credits', async (c) => {
    const form = await readForm(c);
    const values = { purchaseId: form.purchaseId ?? '', reason: form.reason ?? '', note: form.note ?? '' };
    const p = await claimable(c, values.purchaseId);
    const checked = check(CreditClaimInput, { ...values, note: values.note.trim() || undefined });
    let errors: FieldErrors = checked.ok ? {} : checked.errors;
    if (checked.ok) {
      try {
        const credit = await claimCredit({ ctx: c.var.deps, actor: actor(c), input: checked.value });
        return c.redirect(
          `/dashboard/credits?notice=${credit.status === 'approved' ? 'claimApproved' : 'claimSent'}#claim-${credit.id}`,
          303,
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'already_claimed') return c.redirect('/dashboard/credits', 303);
        errors = fieldErrorsOf(err);
      }
    }
    return c.html(claimPage(view(c), p, { labels: await labels(c), values, errors }), 422);
  })

  .post('/dashboard/leads/:id/not-for-us', async (c) => {
    await dismissLead({ ctx: c.var.deps, actor: actor(c), id: c.req.param('id') });
    return c.redirect('/dashboard/hidden?notice=hidden', 303);
  })
  .post('/dashboard/leads/:id/show-again', async (c) => {
    await undismissLead({ ctx: c.var.deps, actor: actor(c), id: c.req.param('id') });
    return c.redirect('/dashboard/hidden?notice=shown', 303);
  })
  .get('/dashboard/hidden', async (c) =>
    c.html(hiddenPage(view(c), { leads: await listDismissed({ ctx: c.var.deps, actor: actor(c) }), notice: noticeOf(c) })),
  )

  // Staff (dashboard/index.ts lets only admins into /dashboard/admin/*).
  .get('/dashboard/admin/invoices', async (c) => {
    const now = c.var.deps.clock.now().getTime();
    const asked = c.req.query('period');
    const period = asked && v.is(Period, asked) ? asked : previousPeriod(now);
    const ctx = c.var.deps;
    const list = await listInvoices({ ctx, actor: actor(c), period });
    const einvoice = await einvoiceReady({ ctx, actor: actor(c), input: { period } });
    const issued = Number(c.req.query('issued'));
    const existing = Number(c.req.query('existing'));
    const notice =
      Number.isInteger(issued) && Number.isInteger(existing) && c.req.query('issued') !== undefined
        ? tr(c).billing.admin.generated(issued, existing)
        : undefined;
    const periods = endedMonths(now);
    return c.html(
      adminInvoicesPage(view(c), {
        period,
        periods: periods.includes(period) ? periods : [period, ...periods],
        invoices: list.map((i) => ({ ...i, einvoice: einvoice.has(i.id) })),
        notice,
      }),
    );
  })
  .post('/dashboard/admin/invoices/generate', async (c) => {
    const form = await readForm(c);
    const period = form.period ?? '';
    const now = c.var.deps.clock.now().getTime();
    if (!v.is(Period, period) || month(period).end > now) {
      return c.html(
        adminInvoicesPage(view(c), {
          period: periodOf(now),
          periods: endedMonths(now),
          invoices: [],
          errors: { period: v.is(Period, period) ? 'period_not_ended' : 'invalid_period' },
        }),
        422,
      );
    }
    const result = await generateInvoices({ ctx: c.var.deps, actor: actor(c), period });
    return c.redirect(`/dashboard/admin/invoices?period=${period}&issued=${result.issued.length}&existing=${result.alreadyIssued}`, 303);
  })
  .get('/dashboard/admin/invoices/export', async (c) => {
    const period = c.req.query('period') ?? '';
    if (!v.is(Period, period)) throw new AppError('not_found');
    return download(c, await exportMonthCsv({ ctx: c.var.deps, actor: actor(c), input: { period } }));
  })
  .get('/dashboard/admin/invoices/:id', async (c) => {
    const invoice = await getInvoice({ ctx: c.var.deps, actor: actor(c), id: c.req.param('id') });
    return c.html(
      invoicePage(view(c), invoice, {
        labels: await labels(c),
        back: `/dashboard/admin/invoices?period=${invoice.period}`,
        csv: `/dashboard/admin/invoices/${invoice.id}/csv`,
        staff: true,
      }),
    );
  })
  .get('/dashboard/admin/invoices/:id/csv', async (c) =>
    download(c, await exportInvoiceCsv({ ctx: c.var.deps, actor: actor(c), input: { id: c.req.param('id') } })),
  )
  .get('/dashboard/admin/invoices/:id/finvoice', async (c) =>
    download(c, await exportFinvoice({ ctx: c.var.deps, actor: actor(c), input: { id: c.req.param('id') } })),
  )
  .get('/dashboard/admin/credits', async (c) =>
    c.html(
      adminCreditsPage(view(c), {
        ...(await creditQueue({ ctx: c.var.deps, actor: actor(c) })),
        labels: await labels(c),
        notice: noticeOf(c),
      }),
    ),
  )
  .post('/dashboard/admin/credits/:id', async (c) => {
    const id = c.req.param('id');
    const form = await readForm(c);
    const values = { decision: form.decision ?? '', note: form.note ?? '' };
    const checked = check(CreditDecisionInput, values);
    if (checked.ok) {
      try {
        await decideCredit({ ctx: c.var.deps, actor: actor(c), id, input: checked.value });
        return c.redirect('/dashboard/admin/credits?notice=decided', 303);
      } catch (err) {
        // Someone else decided it meanwhile: the queue shows the outcome.
        if (err instanceof AppError && err.code === 'already_decided') return c.redirect('/dashboard/admin/credits', 303);
        throw err;
      }
    }
    return c.html(
      adminCreditsPage(view(c), {
        ...(await creditQueue({ ctx: c.var.deps, actor: actor(c) })),
        labels: await labels(c),
        failed: { id, values, errors: checked.errors },
      }),
      422,
    );
  })
  .get('/dashboard/admin/companies/:id/billing', async (c) => {
    const companyId = c.req.param('id');
    const settings = await getCompanyBilling({ ctx: c.var.deps, actor: actor(c), companyId });
    const companies = await listCompanies({ ctx: c.var.deps, actor: actor(c) });
    const name = companies.find((x) => x.id === companyId)?.name ?? companyId;
    return c.html(companyBillingPage(view(c), { name, companyId, settings, notice: noticeOf(c) }));
  })
  .post('/dashboard/admin/companies/:id/billing', async (c) => {
    const companyId = c.req.param('id');
    const ctx = c.var.deps;
    const settings = await getCompanyBilling({ ctx, actor: actor(c), companyId });
    const name = (await listCompanies({ ctx, actor: actor(c) })).find((x) => x.id === companyId)?.name ?? companyId;
    const form = await readForm(c);
    const values = {
      spendCap: form.spendCap ?? '',
      einvoiceAddress: form.einvoiceAddress ?? '',
      einvoiceOperator: form.einvoiceOperator ?? '',
    };
    const cap = capFrom(values.spendCap);
    const checked = check(StaffBillingPatch, {
      spendCapCents: cap.ok ? cap.cents : -1,
      einvoiceAddress: values.einvoiceAddress.trim() || null,
      einvoiceOperator: values.einvoiceOperator.trim() || null,
    });
    if (!cap.ok || !checked.ok) {
      const errors: FieldErrors = {};
      if (!cap.ok || (!checked.ok && checked.errors.spendCapCents)) errors.spendCap = 'invalid_price';
      if (!checked.ok) {
        if (checked.errors.einvoiceAddress) errors.einvoiceAddress = checked.errors.einvoiceAddress;
        if (checked.errors.einvoiceOperator) errors.einvoiceOperator = checked.errors.einvoiceOperator;
      }
      return c.html(companyBillingPage(view(c), { name, companyId, settings, values, errors }), 422);
    }
    await updateCompanyBilling({ ctx, actor: actor(c), companyId, patch: checked.value });
    return c.redirect(`/dashboard/admin/companies/${companyId}/billing?notice=billingSaved`, 303);
  });
