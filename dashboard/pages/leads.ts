import { html } from 'hono/html';
import type { Lead } from '../../api/contract/leads.ts';
import type { View } from '../view.ts';
import type { CategoryLabels } from '../../api/domain/categories.ts';
import { labelOf, regionOptions } from '../lib/catalog.ts';
import type { Flash } from '../lib/flash.ts';
import { answerFilter, answerLine, confirmedBadge, leadFacts, leadTitle } from './lead-parts.ts';
import { page } from './shell.ts';
import { select, type FormState } from './ui.ts';

/**
 * As the URL carries it: `confirmed` is 'true' or absent (the checkbox), never 'false'; `timing`
 * and `propertyType` a value of that question (api/contract/questions.ts). The form and the next
 * page's link keep this order.
 */
export type LeadFilter = { region?: string; category?: string; timing?: string; propertyType?: string; confirmed?: 'true' };

export function leadsPage(
  view: View,
  v: { items: Lead[]; nextCursor: string | null; filter: LeadFilter; categories: CategoryLabels[]; flash?: Flash | null },
) {
  const t = view.t;
  const l = t.leads;
  const lang = view.lang;
  const values = {
    region: v.filter.region ?? '',
    category: v.filter.category ?? '',
    timing: v.filter.timing ?? '',
    propertyType: v.filter.propertyType ?? '',
  };
  const s: FormState = { t, values, prefix: 'filter' };
  const kept = Object.entries(v.filter).filter((e): e is [string, string] => Boolean(e[1]));
  const query = new URLSearchParams([...kept, ...(v.nextCursor ? [['cursor', v.nextCursor]] : [])]);
  return page(view, {
    title: l.title,
    nav: 'leads',
    flash: v.flash,
    body: html`<h1>${l.title}</h1>
<form method="get" action="/dashboard" class="filters" aria-labelledby="filters-heading">
<h2 id="filters-heading" class="visually-hidden">${l.filters}</h2>
${select(s, { name: 'region', label: l.region, options: [['', l.all], ...regionOptions(lang)] })}
${select(s, { name: 'category', label: l.category, options: [['', l.all], ...v.categories.map((x) => [x.id, x[labelOf[lang]]] as const)] })}
${select(s, answerFilter(view, 'timing'))}
${select(s, answerFilter(view, 'propertyType'))}
<div class="field check"><input type="checkbox" id="filter-confirmed" name="confirmed" value="true"${v.filter.confirmed ? html` checked` : ''}><label for="filter-confirmed">${l.confirmedOnly}</label></div>
<button type="submit">${l.apply}</button>
</form>
<h2 id="results">${l.results}</h2>
${
  v.items.length
    ? html`<ul class="cards" aria-labelledby="results">
${v.items.map(
  (lead) => html`<li class="card">
<h3><a href="/dashboard/leads/${lead.id}">${leadTitle(lead)}</a>${confirmedBadge(view, lead)}${lead.purchased ? html` <span class="badge">${l.purchasedBadge}</span>` : ''}</h3>
${answerLine(view, lead)}
${leadFacts(view, lead, { confirmation: false })}
</li>`,
)}
</ul>`
    : html`<p>${l.none}</p>`
}
${v.nextCursor ? html`<p><a href="/dashboard?${query.toString()}">${l.more}</a></p>` : ''}
<p><a href="/dashboard/hidden">${t.billing.hiddenLink}</a></p>`,
  });
}
