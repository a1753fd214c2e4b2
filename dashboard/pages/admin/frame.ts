// Staff pages share the admin section's own navigation under the main one.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Strings } from '../../i18n/index.ts';
import type { Flash } from '../../lib/flash.ts';
import { page } from '../shell.ts';
import type { View } from '../../view.ts';

export type AdminSection = 'companies' | 'partners' | 'categories' | 'moderation' | 'audit' | 'invoices' | 'credits';
export const adminSections: AdminSection[] = ['companies', 'partners', 'categories', 'moderation', 'audit', 'invoices', 'credits'];

/** Billing's sections keep their words in the billing block of the strings. */
function section(t: Strings, s: AdminSection): { title: string; text: string } {
  if (s === 'invoices') return { title: t.billing.admin.invoicesTitle, text: t.billing.admin.invoicesText };
  if (s === 'credits') return { title: t.billing.admin.creditsTitle, text: t.billing.admin.creditsText };
  return t.admin.sections[s];
}

export function adminPage(
  view: View,
  o: {
    section?: AdminSection;
    title: string;
    body: HtmlEscapedString | Promise<HtmlEscapedString>;
    invalid?: boolean;
    flash?: Flash | null;
  },
) {
  const t = view.t;
  return page(view, {
    title: o.title,
    nav: 'admin',
    invalid: o.invalid,
    flash: o.flash,
    body: html`<nav aria-label="${t.admin.navLabel}" class="subnav"><ul>
${adminSections.map((s) => html`<li><a href="/dashboard/admin/${s}"${o.section === s ? html` aria-current="page"` : ''}>${section(t, s).title}</a></li>`)}
</ul></nav>
${o.body}`,
  });
}

export function adminHome(view: View) {
  const t = view.t;
  return adminPage(view, {
    title: t.admin.title,
    body: html`<h1>${t.admin.title}</h1>
<ul class="cards">
${adminSections.map((s) => html`<li><a href="/dashboard/admin/${s}">${section(t, s).title}</a><p class="meta">${section(t, s).text}</p></li>`)}
</ul>`,
  });
}
