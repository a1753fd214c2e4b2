// What every view of a lead shows: its facts (never contact details), the customer's answers
// to the category's questions and, for a buyer, the contact details as links. The customer wrote
// the description and the first name: they are escaped like all else.
import { html } from 'hono/html';
import type { Contact, Lead } from '../../api/contract/leads.ts';
import { answerText, commonQuestions, questionsFor } from '../../api/contract/questions.ts';
import type { Locale } from '../../api/contract/request.ts';
import type { View } from '../view.ts';
import { regionName } from '../lib/catalog.ts';
import { date, euros } from '../lib/format.ts';

export const leadTitle = (lead: Lead) =>
  [lead.categoryLabel, [lead.postalCode, lead.town].filter(Boolean).join(' ')].filter(Boolean).join(', ');

/** How the customer confirmed the contact, in words ("Vahvistettu puhelimella"), or null while unconfirmed. */
export const confirmedText = (view: View, lead: Lead) => (lead.confirmedVia ? view.t.leads.confirmedBy[lead.confirmedVia] : null);

/** The list's mark on every lead, confirmed or not: words beside the title, never a colour alone. */
export function confirmedBadge(view: View, lead: Lead) {
  const text = confirmedText(view, lead);
  return text ? html` <span class="badge">${text}</span>` : html` <span class="badge plain">${view.t.leads.notConfirmed}</span>`;
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
<dt>${l.customerLanguage}</dt><dd>${l.languageNames[lead.locale]}</dd>
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
${contact.firstName ? html`<dt>${l.firstName}</dt><dd>${contact.firstName}</dd>` : ''}
${contact.email ? html`<dt>${l.email}</dt><dd><a href="mailto:${contact.email}">${contact.email}</a></dd>` : ''}
${contact.phone ? html`<dt>${l.phone}</dt><dd><a href="tel:${contact.phone}">${contact.phone}</a></dd>` : ''}
</dl>`;
}

/** The answers in the reader's language, in the order the questions are asked; `only` narrows to those ids. */
function answered(lead: Lead, lang: Locale, only?: readonly string[]) {
  return questionsFor(lead.category).flatMap((q) => {
    const value = lead.answers[q.id];
    if (value === undefined || (only && !only.includes(q.id))) return [];
    const text = answerText(lead.category, q.id, value, lang);
    return text ? [text] : [];
  });
}

/** The list's short line: timing and property type, each named, or nothing when neither was answered. */
export function answerLine(view: View, lead: Lead) {
  const shown = answered(lead, view.lang, ['timing', 'propertyType']);
  return shown.length ? html`<p class="answers">${shown.map((a, i) => html`${i ? ' · ' : ''}${a.question}: ${a.answer}`)}</p>` : '';
}

/** Every answer, for the lead's own page. */
export function answersBlock(view: View, lead: Lead) {
  const l = view.t.leads;
  const shown = answered(lead, view.lang);
  return html`<section aria-labelledby="answers-heading">
<h2 id="answers-heading">${l.answersHeading}</h2>
${
  shown.length
    ? html`<dl class="facts answers">
${shown.map((a) => html`<dt>${a.question}</dt><dd>${a.answer}</dd>`)}
</dl>`
    : html`<p>${l.noAnswers}</p>`
}
</section>`;
}

/** A filter on a common question's answer (the API's ?timing= and ?propertyType=): its label and options, "all" first. */
export function answerFilter(view: View, id: 'timing' | 'propertyType') {
  const q = commonQuestions.find((x) => x.id === id);
  if (q?.kind !== 'choice') throw new Error(`no choice question ${id}`);
  const options: [string, string][] = [['', view.t.leads.all], ...q.options.map((o): [string, string] => [o.value, o.label[view.lang]])];
  return { name: id, label: q.label[view.lang], options };
}
