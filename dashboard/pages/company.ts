import { html } from 'hono/html';
import type { CompanyUser } from '../../api/domain/users.ts';
import type { View } from '../view.ts';
import type { Flash } from '../lib/flash.ts';
import type { FieldErrors, Form } from '../lib/form.ts';
import { page } from './shell.ts';
import { inviteForm, usersTable } from './users.ts';

export function companyPage(
  view: View,
  company: { name: string },
  users: CompanyUser[],
  v: { values?: Form; errors?: FieldErrors; flash?: Flash | null } = {},
) {
  const t = view.t;
  return page(view, {
    title: t.company.title,
    nav: 'company',
    invalid: Boolean(v.errors && Object.keys(v.errors).length),
    flash: v.flash,
    body: html`<h1>${t.company.title}</h1>
<p class="meta">${company.name}</p>
${usersTable(view, users, '/dashboard/company/users')}
${inviteForm(view, '/dashboard/company', v)}`,
  });
}
