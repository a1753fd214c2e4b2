// The page behind invite and reset links. The link carries its secret in the URL fragment
// (/invite#<token>), which browsers never send to a server, so it stays out of access logs and
// Referer headers (like the customer's manage link). /invite.js moves it into the form's code
// field; without JavaScript the field stays visible and the reader pastes the code into it.
import { html } from 'hono/html';
import { passwordHashing } from '../../api/config.ts';
import type { View } from '../view.ts';
import type { FieldErrors } from '../lib/form.ts';
import { page } from './shell.ts';
import { errorSummary, input, type FormState } from './ui.ts';

/**
 * `reset`: the link was a password reset's (`?for=reset`), the same form told as a new password
 * rather than a new account. `token` is known only when the page answers a submitted form; then
 * it rides in a hidden field.
 */
export function invitePage(view: View, v: { reset: boolean; token: string | null; errors?: FieldErrors }) {
  const { reset, token, errors } = v;
  const t = view.t;
  const s: FormState = { t, errors };
  const title = reset ? t.invite.reset.title : t.invite.title;
  return page(view, {
    title,
    invalid: Boolean(errors && Object.keys(errors).length),
    languagePath: reset ? '/invite?for=reset' : '/invite',
    body: html`<h1>${title}</h1>
<p>${reset ? t.invite.reset.intro : t.invite.intro}</p>
${errorSummary(s, ['password', 'repeat'])}
<form method="post" action="/invite?lang=${view.lang}${reset ? '&for=reset' : ''}" novalidate>
${
  token
    ? html`<input type="hidden" name="token" value="${token}">`
    : html`<div id="invite-code">${input(s, { name: 'token', label: t.invite.code, hint: t.invite.codeHint, autocomplete: 'off', required: true })}</div>`
}
${input(s, { name: 'password', label: t.invite.password, hint: t.invite.passwordHint(passwordHashing.minLength), type: 'password', autocomplete: 'new-password', required: true })}
${input(s, { name: 'repeat', label: t.invite.repeat, type: 'password', autocomplete: 'new-password', required: true })}
<button type="submit">${t.invite.submit}</button>
</form>
<script src="/invite.js"></script>`,
  });
}

/**
 * Served from our own origin (script-src 'self'; no inline script): fills the code field from the
 * fragment and hides it, and keeps the fragment on the language links so a switch keeps the code.
 */
export const inviteScript = `(() => {
  const secret = location.hash.slice(1);
  const field = document.getElementById('invite-code');
  if (!secret || !field) return;
  field.querySelector('input').value = decodeURIComponent(secret);
  field.hidden = true;
  for (const a of document.querySelectorAll('a[hreflang]')) a.href = a.href.split('#')[0] + location.hash;
})();
`;

export function inviteInvalidPage(view: View, reset: boolean) {
  const t = view.t;
  if (reset) {
    return page(view, {
      title: t.invite.reset.invalidTitle,
      body: html`<h1>${t.invite.reset.invalidTitle}</h1>
<p>${t.invite.reset.invalidText}</p>
<p><a href="/dashboard/password-reset?lang=${view.lang}">${t.mail.forgotTitle}</a></p>`,
    });
  }
  return page(view, {
    title: t.invite.invalidTitle,
    body: html`<h1>${t.invite.invalidTitle}</h1>
<p>${t.invite.invalidText}</p>
<p><a href="/dashboard/login?lang=${view.lang}">${t.login.title}</a></p>`,
  });
}
