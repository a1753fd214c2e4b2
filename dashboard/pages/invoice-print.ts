// One invoice as a page that prints as an A4 invoice (page.css `@media print` hides the site's
// frame): seller, buyer, number, dates, reference number, one line per purchase and credit,
// totals with VAT, and how to pay. Everything comes from the stored invoice.
import { html } from 'hono/html';
import type { Invoice } from '../../api/contract/billing.ts';
import { groupedReference } from '../../api/domain/billing/reference.ts';
import type { View } from '../view.ts';
import { date, euros } from '../lib/format.ts';
import { linesTable, totals } from './invoice-parts.ts';
import { page } from './shell.ts';

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const ibanGroups = (iban: string) => iban.replace(/(.{4})(?=.)/g, '$1 ');

export function invoicePage(view: View, invoice: Invoice, v: { labels: Map<string, string>; back: string; csv: string; staff: boolean }) {
  const t = view.t;
  const b = t.billing;
  const lang = view.lang;
  const s = invoice.seller;
  const buyer = invoice.buyer;
  const credit = invoice.totalCents < 0;
  const kind = credit ? b.creditInvoice : b.invoice;
  return page(view, {
    title: b.invoiceTitle(invoice.number),
    nav: v.staff ? 'admin' : 'invoices',
    body: html`<div class="no-print actions">
<a href="${v.back}">${b.back}</a>
<a href="${v.csv}" download>${b.downloadCsv}</a>
</div>
<p class="no-print hint">${b.printHint}</p>
<article class="invoice" aria-labelledby="invoice-title">
<header class="invoice-head">
<div class="invoice-seller">
<p class="invoice-seller-name">${s.name}</p>
<p>${s.street}<br>${s.postalCode} ${s.town}</p>
<p>${s.email}</p>
</div>
<div class="invoice-doc">
<h1 id="invoice-title">${kind} <span class="invoice-number">${invoice.number}</span></h1>
<dl class="facts">
<dt>${b.number}</dt><dd>${invoice.number}</dd>
<dt>${b.date}</dt><dd><time datetime="${invoice.issuedAt}">${date(invoice.issuedAt, lang)}</time></dd>
<dt>${b.due}</dt><dd><time datetime="${invoice.dueAt}">${date(invoice.dueAt, lang)}</time></dd>
<dt>${b.reference}</dt><dd class="reference">${groupedReference(invoice.reference)}</dd>
<dt>${b.period}</dt><dd>${invoice.period}</dd>
<dt>${b.termsLabel}</dt><dd>${b.terms(days(invoice.issuedAt, invoice.dueAt))}</dd>
</dl>
</div>
</header>
<section class="invoice-buyer" aria-labelledby="buyer-heading">
<h2 id="buyer-heading">${b.buyer}</h2>
<p>${buyer.name}${buyer.address ? html`<br><span class="address">${buyer.address}</span>` : ''}</p>
<dl class="facts">
<dt>${b.businessId}</dt><dd>${buyer.businessId}</dd>
${buyer.einvoiceAddress ? html`<dt>${b.einvoice}</dt><dd>${buyer.einvoiceAddress}</dd><dt>${b.operator}</dt><dd>${buyer.einvoiceOperator}</dd>` : ''}
</dl>
</section>
${linesTable(view, invoice.lines, v.labels, b.linesCaption)}
${totals(view, invoice)}
<section class="invoice-payment" aria-labelledby="payment-heading">
<h2 id="payment-heading">${b.payHeading}</h2>
<dl class="facts">
<dt>${b.payee}</dt><dd>${s.name}</dd>
<dt>${b.iban}</dt><dd>${ibanGroups(s.iban)}</dd>
<dt>${b.bic}</dt><dd>${s.bic}</dd>
<dt>${b.reference}</dt><dd class="reference">${groupedReference(invoice.reference)}</dd>
<dt>${b.due}</dt><dd><time datetime="${invoice.dueAt}">${date(invoice.dueAt, lang)}</time></dd>
<dt>${credit ? b.refund : b.amountDue}</dt><dd class="grand">${euros(Math.abs(invoice.totalCents), lang)}</dd>
</dl>
</section>
<footer class="invoice-foot">
<p>${s.name} · ${b.businessId} ${s.businessId} · ${b.vatId} ${s.vatId} · ${s.email}</p>
<p>${b.overdue}</p>
</footer>
</article>`,
  });
}
