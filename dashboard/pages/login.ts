import { html } from 'hono/html';
import type { View } from '../view.ts';
import type { Flash } from '../lib/flash.ts';
import type { FieldErrors, Form } from '../lib/form.ts';
import { page } from './shell.ts';
import { errorSummary, formAlert, input, type FormState } from './ui.ts';

export type LoginView = { values?: Form; errors?: FieldErrors; alert?: string; flash?: Flash | null; next?: string };

export function loginPage(view: View, v: LoginView = {}) {
  const t = view.t;
  const s: FormState = { t, errors: v.errors, values: v.values };
  const action = `/dashboard/login?lang=${view.lang}`;
  return page(view, {
    title: t.login.title,
    invalid: Boolean(v.alert || Object.keys(v.errors ?? {}).length),
    flash: v.flash,
    languagePath: '/dashboard/login',
    body: html`<h1>${t.login.title}</h1>
${v.alert ? formAlert(v.alert, t.errorSummaryTitle) : errorSummary(s, ['email', 'password'])}
<form method="post" action="${action}" novalidate>
${v.next ? html`<input type="hidden" name="next" value="${v.next}">` : ''}
${input(s, { name: 'email', label: t.login.email, type: 'email', autocomplete: 'username', required: true })}
${input(s, { name: 'password', label: t.login.password, type: 'password', autocomplete: 'current-password', required: true })}
<button type="submit">${t.login.submit}</button>
</form>
<p><a href="/dashboard/password-reset?lang=${view.lang}">${t.mail.forgotTitle}</a></p>
<p class="meta">${t.login.cookies}</p>`,
  });
}
