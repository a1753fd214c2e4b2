import { html } from 'hono/html';
import { passwordHashing } from '../../api/config.ts';
import type { Me } from '../../api/contract/auth.ts';
import { locales } from '../../api/contract/request.ts';
import type { View } from '../view.ts';
import type { Flash } from '../lib/flash.ts';
import type { FieldErrors, Form } from '../lib/form.ts';
import { page } from './shell.ts';
import { errorSummary, hasErrors, input, select, type FormState } from './ui.ts';

export function accountPage(view: View, me: Me, v: { values?: Form; errors?: FieldErrors; flash?: Flash | null } = {}) {
  const t = view.t;
  const s: FormState = { t, errors: v.errors, values: v.values };
  const a = t.account;
  return page(view, {
    title: a.title,
    nav: 'account',
    invalid: hasErrors(s),
    flash: v.flash,
    body: html`<h1>${a.title}</h1>
<dl class="facts">
<dt>${a.role}</dt><dd>${t.roles[me.role]}</dd>
${me.company ? html`<dt>${a.company}</dt><dd>${me.company.name}</dd>` : ''}
</dl>
${errorSummary(s, ['name', 'email', 'locale', 'password', 'repeat', 'currentPassword'])}
<form method="post" action="/dashboard/account" novalidate>
${input(s, { name: 'name', label: a.name, autocomplete: 'name', required: true, value: me.name })}
${input(s, { name: 'email', label: a.email, type: 'email', autocomplete: 'email', required: true, value: me.email })}
${select(s, { name: 'locale', label: a.language, value: me.locale, options: locales.map((l) => [l, t.language.names[l], l] as const) })}
<fieldset>
<legend>${a.passwordLegend}</legend>
${input(s, { name: 'password', label: a.newPassword, hint: a.newPasswordHint(passwordHashing.minLength), type: 'password', autocomplete: 'new-password' })}
${input(s, { name: 'repeat', label: a.repeatPassword, type: 'password', autocomplete: 'new-password' })}
</fieldset>
${input(s, { name: 'currentPassword', label: a.currentPassword, hint: a.currentPasswordHint, type: 'password', autocomplete: 'current-password' })}
<button type="submit">${a.submit}</button>
</form>
<p class="meta">${a.otherChanges}</p>`,
  });
}
