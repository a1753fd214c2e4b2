// What every billing page shares: the form strings with billing's error messages, invoice lines
// as a table, and the totals.
import { html } from 'hono/html';
import type { InvoiceLine } from '../../api/contract/billing.ts';
import { vatPercent } from '../../api/domain/billing/money.ts';
import type { View } from '../view.ts';
import type { Strings } from '../i18n/index.ts';
import { regionName } from '../lib/catalog.ts';
import { date, euros } from '../lib/format.ts';

/** The page strings with billing's own field messages beside the shared ones (ui.ts reads t.errors). */
export function billingStrings(t: Strings): Strings {
  return { ...t, errors: { ...t.errors, ...t.billing.errors } };
}

/** Lines as a table: date, what, where, amount without VAT; a credit says so. */
export function linesTable(view: View, lines: InvoiceLine[], labels: Map<string, string>, caption: string) {
  const t = view.t;
  const b = t.billing;
  const lang = view.lang;
  return html`<table class="lines">
<caption>${caption}</caption>
<thead><tr><th scope="col">${b.columns.date}</th><th scope="col">${b.columns.item}</th><th scope="col">${b.columns.region}</th><th scope="col" class="num">${b.columns.amount}</th></tr></thead>
<tbody>${lines.map((l) => {
    const label = labels.get(l.category) ?? l.category;
    return html`<tr${l.kind === 'credit' ? html` class="credit"` : ''}><td><time datetime="${l.date}">${date(l.date, lang)}</time></td><td>${l.kind === 'credit' ? b.creditLine(label) : label}</td><td>${regionName(l.region, lang)}</td><td class="num">${euros(l.amountCents, lang)}</td></tr>`;
  })}</tbody>
</table>`;
}

export function totals(view: View, v: { netCents: number; vatCents: number; totalCents: number; vatBasisPoints: number }) {
  const b = view.t.billing;
  const lang = view.lang;
  return html`<dl class="totals">
<dt>${b.net}</dt><dd>${euros(v.netCents, lang)}</dd>
<dt>${b.vat(vatPercent(v.vatBasisPoints))}</dt><dd>${euros(v.vatCents, lang)}</dd>
<dt class="grand">${b.total}</dt><dd class="grand">${euros(v.totalCents, lang)}</dd>
</dl>`;
}
