import { html } from 'hono/html';
import type { LeadDetail } from '../../api/contract/leads.ts';
import type { View } from '../view.ts';
import type { Flash } from '../lib/flash.ts';
import { euros } from '../lib/format.ts';
import { answersBlock, contactBlock, leadFacts, leadTitle } from './lead-parts.ts';
import { page } from './shell.ts';

/**
 * A buyer sees the contact details; anyone else the price and the way to buy. A duplicate says it
 * is the customer of an earlier request: a link when `earlierShown` (this company may see that
 * one), a plain sentence when not.
 */
export function leadPage(view: View, lead: LeadDetail, o: { flash?: Flash | null; earlierShown?: boolean } = {}) {
  const t = view.t;
  const l = t.leads;
  const buyable = !lead.purchased && lead.status === 'open' && lead.buyers < lead.maxBuyers;
  return page(view, {
    title: leadTitle(lead),
    nav: lead.purchased ? 'purchases' : 'leads',
    flash: o.flash,
    body: html`<p><a href="${lead.purchased ? '/dashboard/purchases' : '/dashboard'}">${lead.purchased ? l.backToPurchases : l.backToList}</a></p>
<h1>${leadTitle(lead)}</h1>
${lead.status !== 'open' ? html`<p class="status">${t.statuses[lead.status]}</p>` : ''}
${lead.duplicateOf ? duplicateNote(view, lead.duplicateOf, o.earlierShown === true) : ''}
${leadFacts(view, lead)}
${answersBlock(view, lead)}
${
  lead.purchased
    ? html`<section aria-labelledby="contact-heading">${contactBlock(view, lead.contact, 'contact-heading')}</section>`
    : buyable
      ? html`<section aria-labelledby="buy-heading">
<h2 id="buy-heading">${l.buyHeading}</h2>
<p>${l.buyIntro(euros(lead.priceCents, view.lang))}</p>
<p><a class="button" href="/dashboard/leads/${lead.id}/buy">${l.buy}</a></p>
</section>
<form method="post" action="/dashboard/leads/${lead.id}/not-for-us" class="not-for-us">
<button type="submit" class="secondary" aria-describedby="not-for-us-hint">${t.billing.notForUs}</button>
<p class="hint" id="not-for-us-hint">${t.billing.notForUsHint}</p>
</form>`
      : html`<p>${l.soldOutText}</p>`
}`,
  });
}

function duplicateNote(view: View, earlierId: string, linked: boolean) {
  const d = view.t.leads.duplicate;
  return html`<p class="duplicate">${d.before}${linked ? html`<a href="/dashboard/leads/${earlierId}">${d.link}</a>` : d.link}${d.after}</p>`;
}

export function buyConfirmPage(view: View, lead: LeadDetail) {
  const t = view.t;
  const l = t.leads;
  const price = euros(lead.priceCents, view.lang);
  return page(view, {
    title: l.confirmTitle(price),
    nav: 'leads',
    body: html`<h1>${l.confirmTitle(price)}</h1>
<p>${leadTitle(lead)}</p>
<p>${l.confirmText}</p>
<form method="post" action="/dashboard/leads/${lead.id}/buy" class="actions">
<button type="submit">${l.confirmButton(price)}</button>
<a href="/dashboard/leads/${lead.id}">${t.cancel}</a>
</form>`,
  });
}

/**
 * Sold out, no longer open, or not there for this company (the verbs answer a request a
 * company may not see like a missing one), said plainly, with the way back.
 */
export function notBuyablePage(view: View, why: 'sold_out' | 'gone' | 'unavailable') {
  const l = view.t.leads;
  const [title, text] = {
    sold_out: [l.soldOutTitle, l.soldOutText],
    gone: [l.goneTitle, l.goneText],
    unavailable: [l.unavailableTitle, l.unavailableText],
  }[why];
  return page(view, {
    title,
    nav: 'leads',
    body: html`<h1>${title}</h1>
<p>${text}</p>
<p><a href="/dashboard">${l.backToList}</a></p>`,
  });
}
