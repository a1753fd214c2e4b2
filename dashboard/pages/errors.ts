import { html } from 'hono/html';
import type { Strings } from '../i18n/index.ts';
import type { View } from '../view.ts';
import { homeOf } from '../lib/guards.ts';
import { page } from './shell.ts';

export type ErrorKind = keyof Strings['errorPages']['kinds'];

export function errorPage(view: View, kind: ErrorKind, requestId?: string) {
  const t = view.t;
  const text = t.errorPages.kinds[kind];
  const home = view.user ? homeOf(view.user) : `/dashboard/login?lang=${view.lang}`;
  return page(view, {
    title: text.title,
    body: html`<h1>${text.title}</h1>
<p>${text.text}</p>
${requestId ? html`<p class="meta">${t.errorPages.requestId}: <code>${requestId}</code></p>` : ''}
<p><a href="${home}">${t.errorPages.home}</a></p>`,
  });
}
