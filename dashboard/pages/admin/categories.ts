import { html } from 'hono/html';
import type { View } from '../../view.ts';
import type { Category } from '../../../api/domain/categories.ts';
import { labelOf } from '../../lib/catalog.ts';
import type { Flash } from '../../lib/flash.ts';
import { centsToInput } from '../../lib/format.ts';
import type { FieldErrors, Form } from '../../lib/form.ts';
import { errorSummary, input, type FormState } from '../ui.ts';
import { adminPage } from './frame.ts';

/** One small form per category; a refused one comes back with its errors, the others as stored. */
export function categoriesPage(
  view: View,
  list: Category[],
  v: { editing?: string; values?: Form; errors?: FieldErrors; flash?: Flash | null } = {},
) {
  const t = view.t;
  const k = t.categories;
  return adminPage(view, {
    section: 'categories',
    title: t.admin.sections.categories.title,
    invalid: Boolean(v.errors && Object.keys(v.errors).length),
    flash: v.flash,
    body: html`<h1>${t.admin.sections.categories.title}</h1>
<p>${k.intro}</p>
${list.map((cat) => {
  const mine = v.editing === cat.id;
  const s: FormState = { t, prefix: `cat-${cat.id}`, errors: mine ? v.errors : undefined, values: mine ? v.values : undefined };
  const heading = `cat-${cat.id}-heading`;
  return html`<section class="category" aria-labelledby="${heading}">
<h2 id="${heading}">${cat[labelOf[view.lang]]}${cat.active ? '' : html` <span class="meta">(${k.inactive})</span>`}</h2>
${errorSummary(s, ['price', 'maxBuyers'])}
<form method="post" action="/dashboard/admin/categories/${cat.id}" novalidate class="inline">
${input(s, { name: 'price', label: k.price, hint: k.priceHint, inputmode: 'decimal', value: centsToInput(cat.priceCents, view.lang), size: 'short', required: true })}
${input(s, { name: 'maxBuyers', label: k.maxBuyers, inputmode: 'numeric', value: String(cat.maxBuyers), size: 'short', required: true })}
<button type="submit">${k.save}<span class="visually-hidden">: ${cat[labelOf[view.lang]]}</span></button>
</form>
</section>`;
})}`,
  });
}
