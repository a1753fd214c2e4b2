// A company's users and the invite form: the owner's company page and staff's company page.
import { html } from 'hono/html';
import { locales } from '../../api/contract/request.ts';
import type { CompanyUser } from '../../api/domain/users.ts';
import type { View } from '../view.ts';
import type { FieldErrors, Form } from '../lib/form.ts';
import { page } from './shell.ts';
import { errorSummary, input, select, type FormState } from './ui.ts';

export function usersTable(view: View, users: CompanyUser[], removeBase: string) {
  const t = view.t;
  const u = t.users;
  const self = view.user?.id;
  return html`<div class="scroll" role="region" aria-labelledby="users-caption" tabindex="0"><table>
<caption id="users-caption">${u.caption}</caption>
<thead><tr><th scope="col">${u.name}</th><th scope="col">${u.email}</th><th scope="col">${u.role}</th><th scope="col">${u.status}</th><th scope="col"><span class="visually-hidden">${u.actions}</span></th></tr></thead>
<tbody>
${users.map(
  (x) => html`<tr>
<th scope="row">${x.name}${x.id === self ? html` <span class="meta">${u.you}</span>` : ''}</th>
<td>${x.email}</td>
<td>${t.roles[x.role]}</td>
<td>${!x.active ? u.removed : x.invited ? u.invited : u.active}</td>
<td>${x.active && x.id !== self ? html`<a href="${removeBase}/${x.id}/remove">${u.remove}<span class="visually-hidden"> ${x.name}</span></a>` : ''}</td>
</tr>`,
)}
</tbody>
</table></div>`;
}

/** Owners may invite members and owners; the invitee sets their own password from the link. */
export function inviteForm(view: View, action: string, v: { values?: Form; errors?: FieldErrors }) {
  const t = view.t;
  const u = t.users;
  const s: FormState = { t, errors: v.errors, values: v.values, prefix: 'new' };
  return html`<h2 id="invite-heading">${u.inviteHeading}</h2>
<p>${u.inviteIntro}</p>
${errorSummary(s, ['name', 'email', 'role', 'locale'])}
<form method="post" action="${action}" novalidate aria-labelledby="invite-heading">
${input(s, { name: 'name', label: u.name, autocomplete: 'off', required: true })}
${input(s, { name: 'email', label: u.email, type: 'email', autocomplete: 'off', required: true })}
${select(s, {
  name: 'role',
  label: u.role,
  value: 'member',
  options: [
    ['member', t.roles.member],
    ['owner', t.roles.owner],
  ],
})}
${select(s, { name: 'locale', label: u.locale, value: 'fi', options: locales.map((l) => [l, t.language.names[l], l] as const) })}
<button type="submit">${u.inviteSubmit}</button>
</form>`;
}

export function removeUserPage(view: View, user: CompanyUser, action: string, back: string, nav: 'company' | 'admin') {
  const t = view.t;
  return page(view, {
    title: t.users.removeTitle,
    nav,
    body: html`<h1>${t.users.removeTitle}</h1>
<p>${t.users.removeText(user.name, user.email)}</p>
<form method="post" action="${action}" class="actions">
<button type="submit" class="danger">${t.users.removeConfirm}</button>
<a href="${back}">${t.cancel}</a>
</form>`,
  });
}
