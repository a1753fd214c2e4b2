import { html } from 'hono/html';
import { billing, retention } from '../../api/config.ts';
import { DAY_MS } from '../../api/contract/dates.ts';
import type { PurchaseItem } from '../../api/contract/leads.ts';
import type { View } from '../view.ts';
import { date, euros } from '../lib/format.ts';
import { answerLine, contactBlock, leadFacts, leadTitle } from './lead-parts.ts';
import { page } from './shell.ts';

export function purchasesPage(view: View, v: { items: PurchaseItem[]; nextCursor: string | null; now: Date }) {
  const t = view.t;
  const p = t.purchases;
  const lang = view.lang;
  return page(view, {
    title: p.title,
    nav: 'purchases',
    body: html`<h1>${p.title}</h1>
<p>${p.intro(retention.archiveMonths)}</p>
${
  v.items.length
    ? html`<ul class="cards">
${v.items.map(
  (item) => html`<li class="card">
<h2><a href="/dashboard/leads/${item.id}">${leadTitle(item)}</a></h2>
${answerLine(view, item)}
<p class="meta">${p.boughtAt} <time datetime="${item.purchasedAt}">${date(item.purchasedAt, lang)}</time> · ${euros(item.priceCents, lang)} ${t.leads.vatExcluded}${item.status !== 'open' ? html` · ${t.statuses[item.status]}` : ''}</p>
<section aria-labelledby="contact-${item.purchaseId}" class="contact-box">${contactBlock(view, item.contact, `contact-${item.purchaseId}`, 3)}</section>
${leadFacts(view, item, { price: false })}
${Date.parse(item.purchasedAt) + billing.claimDays * DAY_MS > v.now.getTime() ? html`<p><a href="/dashboard/credits/new?purchase=${item.purchaseId}">${t.billing.claim}<span class="visually-hidden">: ${leadTitle(item)}</span></a></p>` : ''}
</li>`,
)}
</ul>`
    : html`<p>${p.none}</p>`
}
${v.nextCursor ? html`<p><a href="/dashboard/purchases?cursor=${v.nextCursor}">${p.more}</a></p>` : ''}`,
  });
}
