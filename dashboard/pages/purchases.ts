import { html } from 'hono/html';
import { billing, retention } from '../../api/config.ts';
import { DAY_MS } from '../../api/contract/dates.ts';
import type { PurchaseItem } from '../../api/contract/leads.ts';
import { tr, type DashContext } from '../context.ts';
import { date, euros } from '../lib/format.ts';
import { contactBlock, leadFacts, leadTitle } from './lead-parts.ts';
import { page } from './shell.ts';

export function purchasesPage(c: DashContext, v: { items: PurchaseItem[]; nextCursor: string | null }) {
  const t = tr(c);
  const p = t.purchases;
  const lang = c.var.lang;
  return page(c, {
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
<p class="meta">${p.boughtAt} <time datetime="${item.purchasedAt}">${date(item.purchasedAt, lang)}</time> · ${euros(item.priceCents, lang)} ${t.leads.vatExcluded}${item.status !== 'open' ? html` · ${t.statuses[item.status]}` : ''}</p>
<section aria-labelledby="contact-${item.purchaseId}" class="contact-box">${contactBlock(c, item.contact, `contact-${item.purchaseId}`, 3)}</section>
${leadFacts(c, item, { price: false })}
${Date.parse(item.purchasedAt) + billing.claimDays * DAY_MS > c.var.deps.clock.now().getTime() ? html`<p><a href="/dashboard/credits/new?purchase=${item.purchaseId}">${t.billing.claim}<span class="visually-hidden">: ${leadTitle(item)}</span></a></p>` : ''}
</li>`,
)}
</ul>`
    : html`<p>${p.none}</p>`
}
${v.nextCursor ? html`<p><a href="/dashboard/purchases?cursor=${v.nextCursor}">${p.more}</a></p>` : ''}`,
  });
}
