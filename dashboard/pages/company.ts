import { html } from 'hono/html';
import type { CompanyUser } from '../../api/domain/users.ts';
import { tr, type DashContext } from '../context.ts';
import type { Flash } from '../lib/flash.ts';
import type { FieldErrors, Form } from '../lib/form.ts';
import { page } from './shell.ts';
import { inviteForm, usersTable } from './users.ts';

export function companyPage(
  c: DashContext,
  company: { name: string },
  users: CompanyUser[],
  v: { values?: Form; errors?: FieldErrors; flash?: Flash | null } = {},
) {
  const t = tr(c);
  return page(c, {
    title: t.company.title,
    nav: 'company',
    invalid: Boolean(v.errors && Object.keys(v.errors).length),
    flash: v.flash,
    body: html`<h1>${t.company.title}</h1>
<p class="meta">${company.name}</p>
${usersTable(c, users, '/dashboard/company/users')}
${inviteForm(c, '/dashboard/company', v)}`,
  });
}
