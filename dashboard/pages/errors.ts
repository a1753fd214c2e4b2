import { html } from 'hono/html';
import type { Strings } from '../i18n/index.ts';
import { tr, type DashContext } from '../context.ts';
import { homeOf } from '../lib/guards.ts';
import { page } from './shell.ts';

export type ErrorKind = keyof Strings['errorPages']['kinds'];

export function errorPage(c: DashContext, kind: ErrorKind, requestId?: string) {
  const t = tr(c);
  const text = t.errorPages.kinds[kind];
  const home = c.var.user ? homeOf(c.var.user) : `/dashboard/login?lang=${c.var.lang}`;
  return page(c, {
    title: text.title,
    body: html`<h1>${text.title}</h1>
<p>${text.text}</p>
${requestId ? html`<p class="meta">${t.errorPages.requestId}: <code>${requestId}</code></p>` : ''}
<p><a href="${home}">${t.errorPages.home}</a></p>`,
  });
}
