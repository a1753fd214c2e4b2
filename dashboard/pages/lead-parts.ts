// What every view of a lead shows: its facts (never contact details) and, for a buyer, the
// contact details as links. The customer wrote the description: it is escaped like all else.
import { html } from 'hono/html';
import type { Contact, Lead } from '../../api/contract/leads.ts';
import type { View } from '../view.ts';
import { regionName } from '../lib/catalog.ts';
import { date, euros } from '../lib/format.ts';

export const leadTitle = (lead: Lead) =>
  [lead.categoryLabel, [lead.postalCode, lead.town].filter(Boolean).join(' ')].filter(Boolean).join(', ');

/** How the customer confirmed the contact, in words ("Vahvistettu puhelimella"), or null while unconfirmed. */
export const confirmedText = (view: View, lead: Lead) => (lead.confirmedVia ? view.t.leads.confirmedBy[lead.confirmedVia] : null);

/** The list's mark on a confirmed lead: a word beside the title, never a colour alone. */
export function confirmedBadge(view: View, lead: Lead) {
  const text = confirmedText(view, lead);
  return text ? html` <span class="badge">${text}</span>` : '';
}

/** `confirmation: false` where the title already carries confirmedBadge (the list). */
export function leadFacts(view: View, lead: Lead, o: { price?: boolean; confirmation?: boolean } = {}) {
  const t = view.t;
  const l = t.leads;
  const lang = view.lang;
  return html`<dl class="facts">
<dt>${l.category}</dt><dd>${lead.categoryLabel}</dd>
<dt>${l.region}</dt><dd>${regionName(lead.region, lang)}</dd>
<dt>${l.postalCode}</dt><dd>${lead.postalCode ?? '–'}</dd>
<dt>${l.town}</dt><dd>${lead.town ?? '–'}</dd>
<dt>${l.customerType}</dt><dd>${t.customerTypes[lead.customerType]}</dd>
<dt>${l.created}</dt><dd><time datetime="${lead.createdAt}">${date(lead.createdAt, lang)}</time></dd>
<dt>${l.expires}</dt><dd><time datetime="${lead.expiresAt}">${date(lead.expiresAt, lang)}</time></dd>
${o.price === false ? '' : html`<dt>${l.price}</dt><dd>${euros(lead.priceCents, lang)} ${l.vatExcluded}</dd>`}
<dt>${l.buyersLabel}</dt><dd>${l.bought(lead.buyers, lead.maxBuyers)}</dd>
${o.confirmation === false ? '' : html`<dt>${l.confirmation}</dt><dd>${confirmedText(view, lead) ?? l.notConfirmed}</dd>`}
</dl>
<p class="description">${lead.description ?? l.noDescription}</p>`;
}

export function contactBlock(view: View, contact: Contact, headingId: string, level: 2 | 3 = 2) {
  const l = view.t.leads;
  const heading = level === 2 ? html`<h2 id="${headingId}">${l.contactHeading}</h2>` : html`<h3 id="${headingId}">${l.contactHeading}</h3>`;
  if (!contact) return html`${heading}<p>${l.contactErased}</p>`;
  return html`${heading}
<dl class="facts contact">
${contact.email ? html`<dt>${l.email}</dt><dd><a href="mailto:${contact.email}">${contact.email}</a></dd>` : ''}
${contact.phone ? html`<dt>${l.phone}</dt><dd><a href="tel:${contact.phone}">${contact.phone}</a></dd>` : ''}
</dl>`;
}
