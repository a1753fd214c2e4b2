// Mail pages: a contractor's alert settings (and the owner's regions and categories), the staff
// view of sent mail with a password-reset form, the forgot-password page, the customer's close
// page (reminder mail), unsubscribe, and the development outbox. No inline script or style.
import { html } from 'hono/html';
import type { DevMessage } from '../../api/adapters/mailer.ts';
import { mail as mailConfig } from '../../api/config.ts';
import type { OutboxItem } from '../../api/contract/notifications.ts';
import type { AlertSettings } from '../../api/domain/notifications/preferences.ts';
import type { View } from '../view.ts';
import type { Category } from '../../api/domain/categories.ts';
import { labelOf, regionOptions } from '../lib/catalog.ts';
import type { Flash } from '../lib/flash.ts';
import { dateTime, iso } from '../lib/format.ts';
import type { FieldErrors, Form } from '../lib/form.ts';
import { layout } from './layout.ts';
import { page } from './shell.ts';
import { errorSummary, hasErrors, input, type FormState } from './ui.ts';

const notice = (text: string) => html`<div class="notice" role="status"><p>${text}</p></div>`;

function checkboxes(name: string, legend: string, options: readonly (readonly [string, string])[], chosen: string[], disabled: boolean) {
  return html`<fieldset><legend>${legend}</legend>
${options.map(([value, label]) => html`<div class="manage-check"><input type="checkbox" id="${name}-${value}" name="${name}" value="${value}"${chosen.includes(value) ? html` checked` : ''}${disabled ? html` disabled` : ''}><label for="${name}-${value}">${label}</label></div>`)}
</fieldset>`;
}

export function alertSettingsPage(view: View, s: AlertSettings, categories: Category[], flash?: Flash | null) {
  const t = view.t;
  const m = t.mail;
  const lang = view.lang;
  const company = s.company;
  return page(view, {
    title: m.title,
    nav: 'mail',
    flash,
    body: html`<h1>${m.title}</h1>
<form method="post" action="/dashboard/mail">
<fieldset><legend>${m.alertsLegend}</legend>
${(['instant', 'daily', 'off'] as const).map((mode) => html`<div class="manage-check"><input type="radio" id="alerts-${mode}" name="alerts" value="${mode}"${s.alerts === mode ? html` checked` : ''}><label for="alerts-${mode}">${m.modes[mode]}</label></div>`)}
</fieldset>
${
  company
    ? html`<h2>${m.companyLegend}</h2>
<p class="hint">${s.canEditCompany ? m.companyHint : m.companyOwnerOnly}</p>
${checkboxes('regions', m.regions, regionOptions(lang), company.regions, !s.canEditCompany)}
${checkboxes(
  'categories',
  m.categories,
  categories.map((x) => [x.id, x[labelOf[lang]]] as const),
  company.categories,
  !s.canEditCompany,
)}`
    : ''
}
<button type="submit">${m.save}</button>
</form>`,
  });
}

export function outboxPage(
  view: View,
  items: OutboxItem[],
  older: string | null,
  v: { values?: Form; errors?: FieldErrors; sent?: boolean; unknown?: boolean } = {},
) {
  const t = view.t;
  const m = t.mail;
  const s: FormState = { t, errors: v.errors, values: v.values, prefix: 'reset' };
  const col = m.columns;
  return page(view, {
    title: m.outboxTitle,
    nav: 'mail',
    invalid: hasErrors(s),
    body: html`<h1>${m.outboxTitle}</h1>
<p>${m.outboxIntro}</p>
<h2>${m.resetTitle}</h2>
${v.sent ? notice(m.resetSent) : ''}
${v.unknown ? html`<div class="error-summary" role="alert"><p>${m.resetUnknown}</p></div>` : ''}
${errorSummary(s, ['email'])}
<form method="post" action="/dashboard/mail/reset" novalidate>
${input(s, { name: 'email', label: m.resetEmail, type: 'email', autocomplete: 'off', required: true })}
<button type="submit">${m.resetSubmit}</button>
</form>
<h2 id="outbox-heading">${m.caption}</h2>
${
  items.length
    ? html`<div class="scroll" role="region" aria-labelledby="outbox-heading" tabindex="0"><table>
<caption>${m.caption}</caption>
<thead><tr><th scope="col">${col.created}</th><th scope="col">${col.template}</th><th scope="col">${col.recipient}</th><th scope="col">${col.status}</th><th scope="col">${col.attempts}</th><th scope="col">${col.error}</th><th scope="col">${col.sent}</th></tr></thead>
<tbody>${items.map(
        (r) => html`<tr>
<td><time datetime="${r.createdAt}">${dateTime(r.createdAt, view.lang)}</time></td>
<td>${r.template} (${r.mailClass}, ${r.locale})</td>
<td>${r.recipient.kind === 'user' ? html`${r.recipient.name ?? ''} <code>${r.recipient.id}</code>` : html`${m.customerOf} <code>${r.recipient.id}</code>`}</td>
<td>${m.statuses[r.status]}</td>
<td>${r.attempts}</td>
<td>${r.lastError ?? ''}</td>
<td>${r.sentAt ? html`<time datetime="${r.sentAt}">${dateTime(r.sentAt, view.lang)}</time>` : ''}</td>
</tr>`,
      )}</tbody>
</table></div>`
    : html`<p>${m.none}</p>`
}
${older ? html`<p><a href="/dashboard/mail?before=${encodeURIComponent(older)}">${m.older}</a></p>` : ''}`,
  });
}

export function forgotPasswordPage(view: View, v: { values?: Form; errors?: FieldErrors; sent?: boolean } = {}) {
  const t = view.t;
  const m = t.mail;
  const s: FormState = { t, errors: v.errors, values: v.values };
  return page(view, {
    title: m.forgotTitle,
    invalid: hasErrors(s),
    languagePath: '/dashboard/password-reset',
    body: html`<h1>${m.forgotTitle}</h1>
${
  v.sent
    ? notice(m.forgotSent(mailConfig.resetLinkHours))
    : html`<p>${m.forgotIntro}</p>
${errorSummary(s, ['email'])}
<form method="post" action="/dashboard/password-reset?lang=${view.lang}" novalidate>
${input(s, { name: 'email', label: t.login.email, type: 'email', autocomplete: 'email', required: true })}
<button type="submit">${m.forgotSubmit}</button>
</form>`
}
<p><a href="/dashboard/login?lang=${view.lang}">${t.login.title}</a></p>`,
  });
}

/** The reminder's one-click close: /mail/close.js reads the token from the fragment and POSTs /v1/manage/close. */
export function closePage(view: View) {
  const m = view.t.mail;
  return layout(
    view.lang,
    m.closeTitle,
    html`<h1>${m.closeTitle}</h1>
<p>${m.closeIntro}</p>
<form id="close-form" hidden data-done="${m.closeDone}" data-failed="${m.closeFailed}">
<button type="submit">${m.closeButton}</button>
</form>
<p id="close-status" role="status"></p>
<noscript><p>${m.closeNoScript}</p></noscript>
<script type="module" src="/mail/close.js"></script>`,
  );
}

export const closeScript = `const token = location.hash.slice(1);
history.replaceState(null, '', location.pathname + location.search);
const form = document.getElementById('close-form');
const status = document.getElementById('close-status');
if (token) form.hidden = false; else status.textContent = form.dataset.failed;
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = form.querySelector('button');
  button.disabled = true;
  let ok = false;
  try {
    ok = (await fetch('/v1/manage/close', { method: 'POST', headers: { authorization: 'Bearer ' + token } })).ok;
  } catch {}
  status.textContent = ok ? form.dataset.done : form.dataset.failed;
  if (ok) form.hidden = true; else button.disabled = false;
});
`;

export function unsubscribePage(view: View, token: string, state: 'ask' | 'done' | 'invalid') {
  const m = view.t.mail;
  const body =
    state === 'invalid'
      ? html`<h1>${m.unsubscribeTitle}</h1><p>${m.unsubscribeInvalid}</p>`
      : state === 'done'
        ? html`<h1>${m.unsubscribeTitle}</h1><div role="status"><p>${m.unsubscribeDone}</p></div><p>${m.unsubscribeIntro}</p>`
        : html`<h1>${m.unsubscribeTitle}</h1><p>${m.unsubscribeIntro}</p>
<form method="post" action="/mail/unsubscribe/${token}?lang=${view.lang}"><button type="submit">${m.unsubscribeButton}</button></form>`;
  return layout(view.lang, m.unsubscribeTitle, body);
}

export function devOutboxPage(view: View, messages: DevMessage[]) {
  const m = view.t.mail;
  return layout(
    view.lang,
    m.devTitle,
    html`<h1>${m.devTitle}</h1>
<p>${m.devIntro}</p>
${
  messages.length
    ? messages.map(
        (x) => html`<article class="dev-mail">
<h2>${x.subject}</h2>
<dl class="facts"><dt>${m.devTo}</dt><dd>${x.to}</dd><dt>${m.devAt}</dt><dd><time datetime="${iso(x.at)}">${dateTime(x.at, view.lang)}</time></dd></dl>
<pre>${x.text}</pre>
</article>`,
      )
    : html`<p>${m.devNone}</p>`
}`,
  );
}
