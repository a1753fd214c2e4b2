import { html } from 'hono/html';
import type { CompanyUser } from '../../../api/domain/users.ts';
import type { View } from '../../view.ts';
import type { Flash } from '../../lib/flash.ts';
import type { FieldErrors, Form } from '../../lib/form.ts';
import { errorSummary, hasErrors, input, select, type FormState } from '../ui.ts';
import { inviteForm, usersTable } from '../users.ts';
import { adminPage } from './frame.ts';

type CompanyRow = { id: string; name: string; businessId: string; active: boolean };
type CompanyDetails = CompanyRow & { billingAddress: string | null; billingEmail: string | null };
type FormView = { values?: Form; errors?: FieldErrors };

export function companiesPage(view: View, list: CompanyRow[], v: { values?: Form; errors?: FieldErrors; flash?: Flash | null } = {}) {
  const t = view.t;
  const a = t.admin.companies;
  const s: FormState = { t, errors: v.errors, values: v.values };
  return adminPage(view, {
    section: 'companies',
    title: t.admin.sections.companies.title,
    invalid: hasErrors(s),
    flash: v.flash,
    body: html`<h1>${t.admin.sections.companies.title}</h1>
${
  list.length
    ? html`<div class="scroll" role="region" aria-labelledby="companies-caption" tabindex="0"><table>
<caption id="companies-caption">${a.caption}</caption>
<thead><tr><th scope="col">${a.name}</th><th scope="col">${a.businessId}</th><th scope="col">${a.active}</th></tr></thead>
<tbody>${list.map((x) => html`<tr><th scope="row"><a href="/dashboard/admin/companies/${x.id}">${x.name}</a></th><td>${x.businessId}</td><td>${x.active ? a.activeYes : html`<strong>${a.activeNo}</strong>`}</td></tr>`)}</tbody>
</table></div>`
    : html`<p>${a.none}</p>`
}
<h2 id="new-company">${a.createHeading}</h2>
${errorSummary(s, ['name', 'businessId', 'billingAddress', 'billingEmail'])}
<form method="post" action="/dashboard/admin/companies" novalidate aria-labelledby="new-company">
${input(s, { name: 'name', label: a.name, required: true, autocomplete: 'organization' })}
${input(s, { name: 'businessId', label: a.businessId, hint: a.businessIdHint, required: true, size: 'short' })}
${input(s, { name: 'billingAddress', label: a.billingAddress, autocomplete: 'street-address' })}
${input(s, { name: 'billingEmail', label: a.billingEmail, type: 'email', autocomplete: 'off' })}
<button type="submit">${a.createSubmit}</button>
</form>`,
  });
}

export function companyUsersPage(view: View, company: CompanyDetails, users: CompanyUser[], v: FormView & { flash?: Flash | null } = {}) {
  const t = view.t;
  const base = `/dashboard/admin/companies/${company.id}`;
  return adminPage(view, {
    section: 'companies',
    title: company.name,
    invalid: Boolean(v.errors && Object.keys(v.errors).length),
    flash: v.flash,
    body: html`<h1>${company.name}</h1>
<p class="meta">${t.admin.companies.businessId}: ${company.businessId}${company.active ? '' : html` · <strong>${t.admin.companies.activeNo}</strong>`}</p>
<p><a href="${base}/billing">${t.billing.admin.billingLink}</a></p>
${users.length ? usersTable(view, users, `${base}/users`) : html`<p>${t.users.none}</p>`}
<p><a href="${base}/edit">${t.admin.companies.detailsHeading}</a></p>
${inviteForm(view, base, v)}`,
  });
}

/**
 * Staff edit the company itself (PATCH /v1/admin/companies/:id's fields), on a page of its own:
 * beside the invite form, its labels (name, email) would read the same.
 */
export function companyEditPage(view: View, company: CompanyDetails, v: FormView = {}) {
  const t = view.t;
  const a = t.admin.companies;
  const s: FormState = {
    t,
    errors: v.errors,
    values: v.values ?? {
      name: company.name,
      businessId: company.businessId,
      billingAddress: company.billingAddress ?? '',
      billingEmail: company.billingEmail ?? '',
      active: company.active ? 'yes' : 'no',
    },
  };
  return adminPage(view, {
    section: 'companies',
    title: `${a.detailsHeading}: ${company.name}`,
    invalid: hasErrors(s),
    body: html`<h1 id="company-details">${a.detailsHeading}: ${company.name}</h1>
${errorSummary(s, ['name', 'businessId', 'billingAddress', 'billingEmail', 'active'])}
<form method="post" action="/dashboard/admin/companies/${company.id}/edit" novalidate aria-labelledby="company-details">
${input(s, { name: 'name', label: a.name, required: true, autocomplete: 'organization' })}
${input(s, { name: 'businessId', label: a.businessId, hint: a.businessIdHint, required: true, size: 'short' })}
${input(s, { name: 'billingAddress', label: a.billingAddress, autocomplete: 'street-address' })}
${input(s, { name: 'billingEmail', label: a.billingEmail, type: 'email', autocomplete: 'off' })}
${select(s, {
  name: 'active',
  label: a.active,
  hint: a.activeHint,
  options: [
    ['yes', a.activeYes],
    ['no', a.activeNo],
  ],
})}
<button type="submit">${a.saveSubmit}</button>
</form>
<p><a href="/dashboard/admin/companies/${company.id}">${company.name}</a></p>`,
  });
}
