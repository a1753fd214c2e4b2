import { html } from 'hono/html';
import { partnerKinds } from '../../../api/contract/admin.ts';
import type { PartnerListing } from '../../../api/domain/partners.ts';
import type { View } from '../../view.ts';
import type { Flash } from '../../lib/flash.ts';
import type { FieldErrors, Form } from '../../lib/form.ts';
import { errorSummary, hasErrors, input, select, textarea, type FormState } from '../ui.ts';
import { adminPage } from './frame.ts';

export function partnersPage(view: View, list: PartnerListing[], v: { values?: Form; errors?: FieldErrors; flash?: Flash | null } = {}) {
  const t = view.t;
  const p = t.partners;
  const s: FormState = { t, errors: v.errors, values: v.values };
  return adminPage(view, {
    section: 'partners',
    title: t.admin.sections.partners.title,
    invalid: hasErrors(s),
    flash: v.flash,
    body: html`<h1>${t.admin.sections.partners.title}</h1>
${
  list.length
    ? html`<div class="scroll" role="region" aria-labelledby="partners-caption" tabindex="0"><table>
<caption id="partners-caption">${p.caption}</caption>
<thead><tr><th scope="col">${p.name}</th><th scope="col">${p.kind}</th><th scope="col">${p.publicKey}</th><th scope="col">${p.origins}</th></tr></thead>
<tbody>${list.map((x) => html`<tr><th scope="row">${x.name}</th><td>${p.kinds[x.kind]}</td><td><code>${x.publicKey}</code></td><td>${x.origins.map((o) => html`<code>${o}</code> `)}</td></tr>`)}</tbody>
</table></div>`
    : ''
}
<h2 id="new-partner">${p.createHeading}</h2>
${errorSummary(s, ['name', 'kind', 'allowedOrigins'])}
<form method="post" action="/dashboard/admin/partners" novalidate aria-labelledby="new-partner">
${input(s, { name: 'name', label: p.name, required: true, autocomplete: 'off' })}
${select(s, { name: 'kind', label: p.kind, value: 'hardware_store', options: partnerKinds.map((k) => [k, p.kinds[k]] as const) })}
${textarea(s, { name: 'allowedOrigins', label: p.origins, hint: p.originsHint, rows: 3 })}
<button type="submit">${p.createSubmit}</button>
</form>`,
  });
}
