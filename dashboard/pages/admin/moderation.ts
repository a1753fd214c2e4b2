import { html } from 'hono/html';
import type { View } from '../../view.ts';
import type { Flash } from '../../lib/flash.ts';
import { dateTime, iso } from '../../lib/format.ts';
import type { FieldErrors, Form } from '../../lib/form.ts';
import { errorSummary, hasErrors, input, type FormState } from '../ui.ts';
import { adminPage } from './frame.ts';

export function moderationPage(view: View, v: { values?: Form; errors?: FieldErrors; flash?: Flash | null } = {}) {
  const t = view.t;
  const m = t.moderation;
  const s: FormState = { t, errors: v.errors, values: v.values };
  return adminPage(view, {
    section: 'moderation',
    title: t.admin.sections.moderation.title,
    invalid: hasErrors(s),
    flash: v.flash,
    body: html`<h1>${t.admin.sections.moderation.title}</h1>
<p>${m.intro}</p>
${errorSummary(s, ['requestId'])}
<form method="post" action="/dashboard/admin/moderation" novalidate>
${input(s, { name: 'requestId', label: m.requestId, hint: m.requestIdHint, required: true, autocomplete: 'off' })}
<button type="submit" class="danger">${m.submit}</button>
</form>`,
  });
}

type AuditRow = {
  id: string;
  at: Date;
  actorKind: string;
  actorUserId: string | null;
  action: string;
  requestId: string | null;
  companyId: string | null;
  subjectUserId: string | null;
};

export function auditPage(view: View, rows: AuditRow[], older: string | null) {
  const t = view.t;
  const a = t.audit;
  const id = (value: string | null) => (value ? html`<code>${value}</code>` : '');
  return adminPage(view, {
    section: 'audit',
    title: t.admin.sections.audit.title,
    body: html`<h1>${t.admin.sections.audit.title}</h1>
<p>${a.intro}</p>
${
  rows.length
    ? html`<div class="scroll" role="region" aria-labelledby="audit-caption" tabindex="0"><table>
<caption id="audit-caption">${a.caption}</caption>
<thead><tr><th scope="col">${a.at}</th><th scope="col">${a.action}</th><th scope="col">${a.actor}</th><th scope="col">${a.request}</th><th scope="col">${a.company}</th><th scope="col">${a.subject}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td><time datetime="${iso(r.at)}">${dateTime(r.at, view.lang)}</time></td><td>${r.action}</td><td>${a.actorKinds[r.actorKind as 'user'] ?? r.actorKind} ${id(r.actorUserId)}</td><td>${id(r.requestId)}</td><td>${id(r.companyId)}</td><td>${id(r.subjectUserId)}</td></tr>`)}</tbody>
</table></div>`
    : html`<p>${a.none}</p>`
}
${older ? html`<p><a href="/dashboard/admin/audit?before=${older}">${a.older}</a></p>` : ''}`,
  });
}
