import { html } from 'hono/html';
import { passwordHashing } from '../../api/config.ts';
import { tr, type DashContext } from '../env.ts';
import type { FieldErrors } from '../lib/form.ts';
import { page } from './shell.ts';
import { errorSummary, input, type FormState } from './ui.ts';

export function invitePage(c: DashContext, token: string, errors?: FieldErrors) {
  const t = tr(c);
  const s: FormState = { t, errors };
  const path = `/invite/${encodeURIComponent(token)}`;
  return page(c, {
    title: t.invite.title,
    invalid: Boolean(errors && Object.keys(errors).length),
    languagePath: path,
    body: html`<h1>${t.invite.title}</h1>
<p>${t.invite.intro}</p>
${errorSummary(s, ['password', 'repeat'])}
<form method="post" action="${path}?lang=${c.var.lang}" novalidate>
${input(s, { name: 'password', label: t.invite.password, hint: t.invite.passwordHint(passwordHashing.minLength), type: 'password', autocomplete: 'new-password', required: true })}
${input(s, { name: 'repeat', label: t.invite.repeat, type: 'password', autocomplete: 'new-password', required: true })}
<button type="submit">${t.invite.submit}</button>
</form>`,
  });
}

export function inviteInvalidPage(c: DashContext) {
  const t = tr(c);
  return page(c, {
    title: t.invite.invalidTitle,
    body: html`<h1>${t.invite.invalidTitle}</h1>
<p>${t.invite.invalidText}</p>
<p><a href="/dashboard/login?lang=${c.var.lang}">${t.login.title}</a></p>`,
  });
}
