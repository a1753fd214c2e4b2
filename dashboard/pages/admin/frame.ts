// Staff pages share the admin section's own navigation under the main one.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { tr, type DashContext } from '../../env.ts';
import type { Flash } from '../../lib/flash.ts';
import { page } from '../shell.ts';

export type AdminSection = 'companies' | 'partners' | 'categories' | 'moderation' | 'audit';
export const adminSections: AdminSection[] = ['companies', 'partners', 'categories', 'moderation', 'audit'];

export function adminPage(
  c: DashContext,
  o: { section?: AdminSection; title: string; body: HtmlEscapedString | Promise<HtmlEscapedString>; invalid?: boolean; flash?: Flash | null },
) {
  const t = tr(c);
  return page(c, {
    title: o.title,
    nav: 'admin',
    invalid: o.invalid,
    flash: o.flash,
    body: html`<nav aria-label="${t.admin.navLabel}" class="subnav"><ul>
${adminSections.map((s) => html`<li><a href="/dashboard/admin/${s}"${o.section === s ? html` aria-current="page"` : ''}>${t.admin.sections[s].title}</a></li>`)}
</ul></nav>
${o.body}`,
  });
}

export function adminHome(c: DashContext) {
  const t = tr(c);
  return adminPage(c, {
    title: t.admin.title,
    body: html`<h1>${t.admin.title}</h1>
<ul class="cards">
${adminSections.map((s) => html`<li><a href="/dashboard/admin/${s}">${t.admin.sections[s].title}</a><p class="meta">${t.admin.sections[s].text}</p></li>`)}
</ul>`,
  });
}
