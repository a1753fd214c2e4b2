// Credits for bad leads, the contractor's side: what can still be claimed, every claim with its
// state, the claim form, the published rules (their numbers from config.ts), and the requests
// the company marked "not for us".
import { html } from 'hono/html';
import { billing } from '../../api/config.ts';
import { creditReasons, type Credit } from '../../api/contract/billing.ts';
import type { Lead } from '../../api/contract/leads.ts';
import type { View } from '../view.ts';
import { regionName } from '../lib/catalog.ts';
import { date, euros } from '../lib/format.ts';
import type { FieldErrors, Form } from '../lib/form.ts';
import { billingStrings } from './invoice-parts.ts';
import { leadTitle } from './lead-parts.ts';
import { page } from './shell.ts';
import { errorSummary, hasErrors, textarea, type FormState } from './ui.ts';

export type Claimable = {
  purchaseId: string;
  purchasedAt: string;
  claimUntil: string;
  category: string;
  region: string;
  priceCents: number;
};

const notice = (text?: string) => (text ? html`<div class="notice" role="status"><p>${text}</p></div>` : '');

function decision(view: View, credit: Credit) {
  const b = view.t.billing;
  const parts: string[] = [];
  if (credit.decidedBy === 'rule') parts.push(b.byRule);
  if (credit.decidedBy === 'staff') parts.push(b.byStaff);
  if (credit.status === 'pending' && credit.checkResult === 'no_match') parts.push(b.checkNoMatch);
  if (credit.status === 'approved') parts.push(credit.invoiceNumber ? b.onInvoice(credit.invoiceNumber) : b.nextInvoice);
  return html`${parts.join(' ')}${credit.decisionNote ? html`<br><q>${credit.decisionNote}</q>` : ''}`;
}

export function creditsPage(view: View, v: { claimable: Claimable[]; credits: Credit[]; labels: Map<string, string>; notice?: string }) {
  const b = view.t.billing;
  const lang = view.lang;
  const what = (category: string, region: string) => `${v.labels.get(category) ?? category}, ${regionName(region, lang)}`;
  return page(view, {
    title: b.creditsTitle,
    nav: 'invoices',
    body: html`<h1>${b.creditsTitle}</h1>
${notice(v.notice)}
<p>${b.creditsIntro(billing.claimDays)} <a href="/dashboard/credits/rules">${b.rulesLink}</a></p>
<h2 id="claimable-heading">${b.claimableHeading}</h2>
${
  v.claimable.length
    ? html`<ul class="cards" aria-labelledby="claimable-heading">${v.claimable.map(
        (p) => html`<li>
<p><strong>${what(p.category, p.region)}</strong> · ${euros(p.priceCents, lang)}</p>
<p class="meta"><time datetime="${p.purchasedAt}">${date(p.purchasedAt, lang)}</time> · ${b.claimUntil(date(p.claimUntil, lang))}</p>
<p><a class="button" href="/dashboard/credits/new?purchase=${p.purchaseId}">${b.claim}<span class="visually-hidden">: ${what(p.category, p.region)}, ${date(p.purchasedAt, lang)}</span></a></p>
</li>`,
      )}</ul>`
    : html`<p>${b.claimableNone}</p>`
}
<h2 id="claims-heading">${b.claimsHeading}</h2>
${
  v.credits.length
    ? html`<div class="scroll" role="region" aria-labelledby="claims-heading" tabindex="0"><table class="claims">
<thead><tr><th scope="col">${b.claimColumns.purchase}</th><th scope="col">${b.claimColumns.reason}</th><th scope="col">${b.claimColumns.status}</th><th scope="col">${b.claimColumns.decision}</th><th scope="col" class="num">${b.claimColumns.amount}</th></tr></thead>
<tbody>${v.credits.map(
        (cr) => html`<tr id="claim-${cr.id}">
<th scope="row">${what(cr.category, cr.region)}<br><span class="meta"><time datetime="${cr.purchasedAt}">${date(cr.purchasedAt, lang)}</time></span></th>
<td>${b.reasons[cr.reason]}${cr.note ? html`<br><q>${cr.note}</q>` : ''}</td>
<td><span class="state state-${cr.status}">${b.statuses[cr.status]}</span></td>
<td>${decision(view, cr)}</td>
<td class="num">${euros(cr.amountCents, lang)}</td>
</tr>`,
      )}</tbody>
</table></div>`
    : html`<p>${b.claimsNone}</p>`
}`,
  });
}

export function claimPage(view: View, p: Claimable, v: { labels: Map<string, string>; values?: Form; errors?: FieldErrors }) {
  const t = view.t;
  const b = t.billing;
  const lang = view.lang;
  const s: FormState = { t: billingStrings(t), errors: v.errors, values: v.values, prefix: 'claim' };
  const chosen = v.values?.reason ?? '';
  const reasonError = v.errors?.reason;
  return page(view, {
    title: b.newTitle,
    nav: 'invoices',
    invalid: hasErrors(s),
    body: html`<p><a href="/dashboard/credits">${b.creditsTitle}</a></p>
<h1>${b.newTitle}</h1>
<p><strong>${v.labels.get(p.category) ?? p.category}, ${regionName(p.region, lang)}</strong> · ${euros(p.priceCents, lang)} · <time datetime="${p.purchasedAt}">${date(p.purchasedAt, lang)}</time></p>
<p class="meta">${b.claimUntil(date(p.claimUntil, lang))} · <a href="/dashboard/credits/rules">${b.rulesLink}</a></p>
${errorSummary({ ...s, errors: v.errors }, ['reason', 'note'])}
<form method="post" action="/dashboard/credits" novalidate>
<input type="hidden" name="purchaseId" value="${p.purchaseId}">
<fieldset id="claim-reason"${reasonError ? html` class="field-error" aria-describedby="claim-reason-error"` : ''}>
<legend>${b.reasonLegend}</legend>
${reasonError ? html`<p class="error-message" id="claim-reason-error">${(s.t.errors as Record<string, string>)[reasonError] ?? s.t.errors.invalid}</p>` : ''}
${creditReasons.map((r) => html`<div class="choice"><input type="radio" id="reason-${r}" name="reason" value="${r}"${chosen === r ? html` checked` : ''}><label for="reason-${r}">${b.reasons[r]}</label></div>`)}
</fieldset>
${textarea(s, { name: 'note', label: b.note, hint: b.noteHint, rows: 4 })}
<button type="submit">${b.submit}</button>
</form>`,
  });
}

export function rulesPage(view: View) {
  const b = view.t.billing;
  const r = b.rules;
  return page(view, {
    title: b.rulesTitle,
    nav: 'invoices',
    body: html`<p><a href="/dashboard/credits">${b.creditsTitle}</a></p>
<h1>${b.rulesTitle}</h1>
<p>${b.rulesIntro}</p>
<ol class="rules">
<li>${r.window(billing.claimDays)}</li>
<li>${r.amount}</li>
<li>${r.neverAsked(billing.neverAskedClosedWithinHours)}</li>
<li>${r.duplicate(billing.duplicateDays)}</li>
<li>${r.bounced}</li>
<li>${r.staff}</li>
<li>${r.visible}</li>
</ol>`,
  });
}

export function hiddenPage(view: View, v: { leads: Lead[]; notice?: string }) {
  const b = view.t.billing;
  return page(view, {
    title: b.hiddenTitle,
    nav: 'leads',
    body: html`<p><a href="/dashboard">${b.backToList}</a></p>
<h1>${b.hiddenTitle}</h1>
${notice(v.notice)}
<p>${b.hiddenIntro}</p>
${
  v.leads.length
    ? html`<ul class="cards">${v.leads.map(
        (lead) => html`<li>
<h2><a href="/dashboard/leads/${lead.id}">${leadTitle(lead)}</a></h2>
<form method="post" action="/dashboard/leads/${lead.id}/show-again"><button type="submit">${b.showAgain}<span class="visually-hidden">: ${leadTitle(lead)}</span></button></form>
</li>`,
      )}</ul>`
    : html`<p>${b.hiddenNone}</p>`
}`,
  });
}
