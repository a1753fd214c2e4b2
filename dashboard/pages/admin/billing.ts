// Staff's billing pages: a month's invoices (make them, CSV, Finvoice), the queue of credit
// claims (approve or reject, with a reason the contractor sees), a company's billing details.
import { html } from 'hono/html';
import type { CompanyBilling, Credit, InvoiceSummary } from '../../../api/contract/billing.ts';
import type { View } from '../../view.ts';
import { regionName } from '../../lib/catalog.ts';
import { centsToInput, date, euros, iso } from '../../lib/format.ts';
import type { FieldErrors, Form } from '../../lib/form.ts';
import { billingStrings } from '../invoice-parts.ts';
import { errorSummary, hasErrors, input, select, textarea, type FormState } from '../ui.ts';
import { adminPage } from './frame.ts';

const notice = (text?: string) => (text ? html`<div class="notice" role="status"><p>${text}</p></div>` : '');

export function adminInvoicesPage(
  view: View,
  v: { period: string; periods: string[]; invoices: (InvoiceSummary & { einvoice: boolean })[]; notice?: string; errors?: FieldErrors },
) {
  const t = view.t;
  const a = t.billing.admin;
  const b = t.billing;
  const lang = view.lang;
  const s: FormState = { t: billingStrings(t), errors: v.errors, values: { period: v.period }, prefix: 'month' };
  const options = v.periods.map((p) => [p, p] as const);
  return adminPage(view, {
    section: 'invoices',
    title: a.invoicesTitle,
    invalid: hasErrors(s),
    body: html`<h1>${a.invoicesTitle}</h1>
${notice(v.notice)}
${errorSummary(s, ['period'])}
<form method="get" action="/dashboard/admin/invoices" class="inline">
${select(s, { name: 'period', label: a.period, options })}
<button type="submit">${a.show}</button>
</form>
<form method="post" action="/dashboard/admin/invoices/generate" class="actions">
<input type="hidden" name="period" value="${v.period}">
<button type="submit">${a.generate} (${v.period})</button>
</form>
<p class="hint">${a.generateHint}</p>
${
  v.invoices.length
    ? html`<p><a href="/dashboard/admin/invoices/export?period=${v.period}" download>${a.monthCsv} (${v.period})</a></p>
<div class="scroll" role="region" aria-labelledby="month-invoices" tabindex="0"><table>
<caption id="month-invoices">${a.invoicesTitle} ${v.period}</caption>
<thead><tr><th scope="col">${b.invoiceColumns.number}</th><th scope="col">${a.company}</th><th scope="col">${b.invoiceColumns.issued}</th><th scope="col">${b.invoiceColumns.due}</th><th scope="col" class="num">${b.invoiceColumns.total}</th><th scope="col">${b.invoiceColumns.files}</th></tr></thead>
<tbody>${v.invoices.map(
        (i) => html`<tr>
<th scope="row"><a href="/dashboard/admin/invoices/${i.id}">${i.number}</a></th><td>${i.companyName}</td>
<td><time datetime="${iso(i.issuedAt)}">${date(i.issuedAt, lang)}</time></td><td><time datetime="${iso(i.dueAt)}">${date(i.dueAt, lang)}</time></td>
<td class="num">${euros(i.totalCents, lang)}</td>
<td><a href="/dashboard/admin/invoices/${i.id}/csv" download>${b.csv}<span class="visually-hidden"> ${i.number}</span></a>${i.einvoice ? html` · <a href="/dashboard/admin/invoices/${i.id}/finvoice" download>${a.finvoice}<span class="visually-hidden"> ${i.number}</span></a>` : ''}</td>
</tr>`,
      )}</tbody>
</table></div>`
    : html`<p>${a.none}</p>`
}`,
  });
}

export type QueueItem = Credit & { companyName: string; postalCode: string | null };

export function adminCreditsPage(
  view: View,
  v: {
    pending: QueueItem[];
    decided: QueueItem[];
    labels: Map<string, string>;
    notice?: string;
    failed?: { id: string; values: Form; errors: FieldErrors };
  },
) {
  const t = view.t;
  const a = t.billing.admin;
  const b = t.billing;
  const lang = view.lang;
  const what = (cr: QueueItem) =>
    `${v.labels.get(cr.category) ?? cr.category}, ${regionName(cr.region, lang)}${cr.postalCode ? ` ${cr.postalCode}` : ''}`;
  return adminPage(view, {
    section: 'credits',
    title: a.creditsTitle,
    invalid: Boolean(v.failed),
    body: html`<h1>${a.creditsTitle}</h1>
${notice(v.notice)}
<p>${a.queueIntro} <a href="/dashboard/credits/rules">${b.rulesLink}</a></p>
${
  v.pending.length
    ? html`<ul class="cards">${v.pending.map((cr) => {
        const failed = v.failed?.id === cr.id ? v.failed : undefined;
        const s: FormState = { t: billingStrings(t), errors: failed?.errors, values: failed?.values, prefix: `d-${cr.id}` };
        return html`<li>
<h2 id="claim-${cr.id}">${cr.companyName}: ${b.reasons[cr.reason]}</h2>
<dl class="facts">
<dt>${a.request}</dt><dd>${what(cr)} · <code>${cr.requestId}</code></dd>
<dt>${a.purchased}</dt><dd><time datetime="${cr.purchasedAt}">${date(cr.purchasedAt, lang)}</time> · ${euros(cr.amountCents, lang)}</dd>
<dt>${a.claimed}</dt><dd><time datetime="${cr.createdAt}">${date(cr.createdAt, lang)}</time>${cr.checkResult === 'no_match' ? html` · ${b.checkNoMatch}` : ''}</dd>
${cr.note ? html`<dt>${b.note}</dt><dd><q>${cr.note}</q></dd>` : ''}
</dl>
${errorSummary(s, ['decision', 'note'])}
<form method="post" action="/dashboard/admin/credits/${cr.id}" novalidate aria-labelledby="claim-${cr.id}">
${select(s, {
  name: 'decision',
  label: a.decision,
  options: [
    ['', '–'],
    ['approve', a.approve],
    ['reject', a.reject],
  ],
})}
${textarea(s, { name: 'note', label: a.decisionNote, rows: 2 })}
<button type="submit">${a.decide}</button>
</form>
</li>`;
      })}</ul>`
    : html`<p>${a.queueNone}</p>`
}
<h2 id="decided-heading">${a.recent}</h2>
${
  v.decided.length
    ? html`<div class="scroll" role="region" aria-labelledby="decided-heading" tabindex="0"><table>
<thead><tr><th scope="col">${a.company}</th><th scope="col">${b.claimColumns.reason}</th><th scope="col">${b.claimColumns.status}</th><th scope="col">${b.claimColumns.decision}</th></tr></thead>
<tbody>${v.decided.map((cr) => html`<tr><th scope="row">${cr.companyName}</th><td>${b.reasons[cr.reason]}</td><td>${b.statuses[cr.status]}</td><td>${cr.decidedBy === 'rule' ? b.byRule : b.byStaff}${cr.decisionNote ? html` <q>${cr.decisionNote}</q>` : ''}</td></tr>`)}</tbody>
</table></div>`
    : ''
}`,
  });
}

export function companyBillingPage(
  view: View,
  v: { name: string; companyId: string; settings: CompanyBilling; notice?: string; values?: Form; errors?: FieldErrors },
) {
  const t = view.t;
  const a = t.billing.admin;
  const b = t.billing;
  const lang = view.lang;
  const st = v.settings;
  const s: FormState = {
    t: billingStrings(t),
    errors: v.errors,
    prefix: 'bill',
    values: v.values ?? {
      spendCap: st.spendCapCents === null ? '' : centsToInput(st.spendCapCents, lang),
      einvoiceAddress: st.einvoiceAddress ?? '',
      einvoiceOperator: st.einvoiceOperator ?? '',
    },
  };
  return adminPage(view, {
    section: 'companies',
    title: a.billingTitle(v.name),
    invalid: hasErrors(s),
    body: html`<p><a href="/dashboard/admin/companies/${v.companyId}">${v.name}</a></p>
<h1>${a.billingTitle(v.name)}</h1>
${notice(v.notice)}
<p>${st.spendCapCents === null ? b.spendCapNone : b.spendCapStatus(euros(st.spentThisMonthCents, lang), euros(st.spendCapCents, lang))}</p>
${errorSummary(s, ['spendCap', 'einvoiceAddress', 'einvoiceOperator'])}
<form method="post" action="/dashboard/admin/companies/${v.companyId}/billing" novalidate>
${input(s, { name: 'spendCap', label: b.spendCapLabel, hint: b.spendCapHint, inputmode: 'decimal', size: 'short' })}
${input(s, { name: 'einvoiceAddress', label: a.einvoiceAddress, autocomplete: 'off' })}
${input(s, { name: 'einvoiceOperator', label: a.einvoiceOperator, autocomplete: 'off' })}
<button type="submit">${a.billingSave}</button>
</form>`,
  });
}
