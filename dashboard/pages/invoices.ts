// The contractor's billing page: this month's running balance, the spend cap (an owner sets it),
// and the invoices, each with its printable page and CSV.
import { html } from 'hono/html';
import { dateStyles, formatDate } from '../../api/contract/dates.ts';
import type { Balance, InvoiceSummary } from '../../api/contract/billing.ts';
import type { View } from '../view.ts';
import { centsToInput, date, euros, iso } from '../lib/format.ts';
import type { FieldErrors, Form } from '../lib/form.ts';
import { page } from './shell.ts';
import { errorSummary, hasErrors, input, type FormState } from './ui.ts';
import { billingStrings, linesTable, totals } from './invoice-parts.ts';

export function billingPage(
  view: View,
  v: {
    balance: Balance;
    vatBasisPoints: number;
    invoices: InvoiceSummary[];
    labels: Map<string, string>;
    owner: boolean;
    notice?: string;
    values?: Form;
    errors?: FieldErrors;
  },
) {
  const t = view.t;
  const b = t.billing;
  const lang = view.lang;
  const s: FormState = { t: billingStrings(t), errors: v.errors, values: v.values, prefix: 'cap' };
  const month = formatDate(`${v.balance.period}-15T12:00:00Z`, lang, dateStyles.month);
  const cap = v.balance.spendCapCents;
  return page(view, {
    title: b.title,
    nav: 'invoices',
    invalid: hasErrors(s),
    body: html`<h1>${b.title}</h1>
${v.notice ? html`<div class="notice" role="status"><p>${v.notice}</p></div>` : ''}
<p><a href="/dashboard/credits">${b.creditsTitle}</a> · <a href="/dashboard/credits/rules">${b.rulesLink}</a></p>
<section>
<h2 id="balance-heading">${b.balanceHeading(month)}</h2>
<p>${b.balanceIntro}</p>
${v.balance.lines.length ? linesTable(view, v.balance.lines, v.labels, b.balanceHeading(month)) : html`<p>${b.noLines}</p>`}
${totals(view, { ...v.balance, vatBasisPoints: v.vatBasisPoints })}
</section>
<section>
<h2 id="cap-heading">${b.spendCapHeading}</h2>
<p>${cap === null ? b.spendCapNone : b.spendCapStatus(euros(v.balance.spentCents, lang), euros(cap, lang))}</p>
${
  v.owner
    ? html`${errorSummary(s, ['spendCap'])}
<form method="post" action="/dashboard/invoices/spend-cap" class="inline" novalidate>
${input(s, { name: 'spendCap', label: b.spendCapLabel, hint: b.spendCapHint, inputmode: 'decimal', size: 'short', value: cap === null ? '' : centsToInput(cap, lang) })}
<button type="submit">${b.spendCapSave}</button>
</form>`
    : html`<p class="hint">${b.spendCapOwnerOnly}</p>`
}
</section>
<section>
<h2 id="invoices-heading">${b.invoicesHeading}</h2>
${
  v.invoices.length
    ? html`<div class="scroll" role="region" aria-labelledby="invoices-heading" tabindex="0"><table>
<thead><tr><th scope="col">${b.invoiceColumns.number}</th><th scope="col">${b.invoiceColumns.period}</th><th scope="col">${b.invoiceColumns.issued}</th><th scope="col">${b.invoiceColumns.due}</th><th scope="col" class="num">${b.invoiceColumns.total}</th><th scope="col">${b.invoiceColumns.files}</th></tr></thead>
<tbody>${v.invoices.map(
        (i) => html`<tr>
<th scope="row"><a href="/dashboard/invoices/${i.id}">${i.number}</a></th><td>${i.period}</td>
<td><time datetime="${iso(i.issuedAt)}">${date(i.issuedAt, lang)}</time></td><td><time datetime="${iso(i.dueAt)}">${date(i.dueAt, lang)}</time></td>
<td class="num">${euros(i.totalCents, lang)}</td><td><a href="/dashboard/invoices/${i.id}/csv" download>${b.csv}<span class="visually-hidden"> ${i.number}</span></a></td>
</tr>`,
      )}</tbody>
</table></div>`
    : html`<p>${b.invoicesNone}</p>`
}
</section>`,
  });
}

/** A purchase refused by the monthly spend cap: the numbers, and where the cap is set. */
export function spendCapPage(view: View, extra: Record<string, unknown>) {
  const b = view.t.billing;
  const lang = view.lang;
  const money = (key: string) => euros(Number(extra[key] ?? 0), lang);
  return page(view, {
    title: b.spendCapTitle,
    nav: 'leads',
    body: html`<h1>${b.spendCapTitle}</h1>
<p>${b.spendCapText(money('spentCents'), money('capCents'), money('priceCents'))}</p>
<p class="actions"><a href="/dashboard/invoices">${b.title}</a><a href="/dashboard">${b.backToList}</a></p>`,
  });
}
