// The frame of every dashboard page: skip link, navigation for the reader's role, sign-out,
// the one-time notice, and main. No inline script or style (the CSP of lib/headers.ts allows none).
import { html } from 'hono/html';
import { layout } from './layout.ts';
import type { HtmlEscapedString } from 'hono/utils/html';
import { sessions } from '../../api/config.ts';
import { locales } from '../../api/contract/request.ts';
import type { SessionUser } from '../../api/domain/session-user.ts';
import type { Flash } from '../lib/flash.ts';
import type { View } from '../view.ts';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;
export type NavKey = 'leads' | 'purchases' | 'invoices' | 'account' | 'company' | 'admin' | 'mail';

export type PageOptions = {
  title: string;
  body: Html;
  /** Which navigation entry is this page (aria-current). */
  nav?: NavKey;
  /** The page shows form errors: the title says so first. */
  invalid?: boolean;
  flash?: Flash | null;
  /** Pages before sign-in offer a language switch (`?lang=`) to this path. */
  languagePath?: string;
};

function navFor(user: SessionUser): NavKey[] {
  if (user.role === 'admin') return ['admin', 'mail', 'account'];
  return user.role === 'owner'
    ? ['leads', 'purchases', 'invoices', 'company', 'mail', 'account']
    : ['leads', 'purchases', 'invoices', 'mail', 'account'];
}

const hrefs: Record<NavKey, string> = {
  leads: '/dashboard',
  purchases: '/dashboard/purchases',
  account: '/dashboard/account',
  company: '/dashboard/company',
  admin: '/dashboard/admin',
  mail: '/dashboard/mail',
  invoices: '/dashboard/invoices',
};

function header(view: View, o: PageOptions) {
  const t = view.t;
  const user = view.user;
  return html`<header class="site">
<a class="skip" href="#main">${t.skip}</a>
<p class="brand"><a href="${user ? '/dashboard' : `/dashboard/login?lang=${view.lang}`}">Linkki</a></p>
${
  user
    ? html`<nav aria-label="${t.nav.label}"><ul>
${navFor(user).map((k) => html`<li><a href="${hrefs[k]}"${o.nav === k ? html` aria-current="page"` : ''}>${k === 'mail' ? t.mail.nav : k === 'invoices' ? t.billing.nav : t.nav[k]}</a></li>`)}
</ul></nav>
<form method="post" action="/dashboard/logout" class="signout"><button type="submit" class="link">${t.nav.signOut}</button></form>`
    : ''
}
${
  !user && o.languagePath
    ? html`<nav aria-label="${t.language.label}" class="languages"><ul>
${locales.map((l) => html`<li><a href="${o.languagePath}${o.languagePath!.includes('?') ? '&' : '?'}lang=${l}" lang="${l}" hreflang="${l}"${l === view.lang ? html` aria-current="true"` : ''}>${t.language.names[l]}</a></li>`)}
</ul></nav>`
    : ''
}
</header>`;
}

function flashBox(view: View, flash: Flash | null | undefined) {
  if (!flash) return '';
  const t = view.t;
  if (flash.kind === 'notice') return html`<div class="notice" role="status"><p>${t.notices[flash.key]}</p></div>`;
  if (flash.kind === 'invite') {
    return html`<div class="notice" role="status">
<p>${t.invite.created(flash.name)}</p>
<p><label for="invite-link">${t.invite.linkLabel}</label></p>
<input id="invite-link" class="copy" type="text" readonly value="${flash.url}">
<p class="hint">${t.invite.showOnce(sessions.inviteDays)}</p>
</div>`;
  }
  const host = new URL(view.publicUrl).origin;
  const snippet = `<script type="module" src="${host}/widget.js"></script>
<linkki-request partner="${flash.publicKey}" lang="fi">
  <a href="${host}/request?partner=${flash.publicKey}&amp;lang=fi">Jätä tarjouspyyntö</a>
</linkki-request>`;
  return html`<div class="notice" role="status">
<p>${t.partners.created(flash.name)}</p>
<p>${t.partners.publicKey}: <code>${flash.publicKey}</code></p>
<p><label for="embed-snippet">${t.partners.snippet}</label></p>
<textarea id="embed-snippet" class="copy" readonly rows="5">${snippet}</textarea>
</div>`;
}

export function page(view: View, o: PageOptions) {
  const t = view.t;
  const title = `${o.invalid ? t.errorTitlePrefix : ''}${o.title} – Linkki`;
  return layout(
    view.lang,
    title,
    html`${flashBox(view, o.flash)}
${o.body}`,
    { bodyClass: 'dash', header: header(view, o) },
  );
}
