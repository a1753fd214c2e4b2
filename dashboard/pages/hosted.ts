// The page the widget's no-JavaScript fallback link opens: the same form, on our own origin.
import { html } from 'hono/html';
import type { Locale } from '../../api/contract/request.ts';
import { manageStrings } from '../../manage/i18n.ts';
import { layout } from './layout.ts';

const titles: Record<Locale, string> = { fi: 'Jätä tarjouspyyntö', sv: 'Lämna en offertförfrågan', en: 'Request a quote' };

export function hostedRequestPage(partner: string, lang: Locale) {
  return layout(
    lang,
    titles[lang],
    html`<h1>${titles[lang]}</h1>
<script type="module" src="/widget.js"></script>
<linkki-request partner="${partner}" lang="${lang}"><p>JavaScript is needed for this form.</p></linkki-request>`,
  );
}

const notFound: Record<Locale, { title: string; text: string }> = {
  fi: {
    title: 'Lomaketta ei löytynyt',
    text: 'Tätä tarjouspyyntölomaketta ei ole tai se ei ole enää käytössä. Tarkista linkki sivulta, jolta tulit.',
  },
  sv: {
    title: 'Formuläret hittades inte',
    text: 'Det här offertformuläret finns inte eller används inte längre. Kontrollera länken på sidan du kom från.',
  },
  en: {
    title: 'Form not found',
    text: 'This request form does not exist or is no longer in use. Check the link on the page you came from.',
  },
};

/** /request for a partner key that is unknown or no longer active: a 404 page, no form. */
export function hostedNotFoundPage(lang: Locale) {
  const t = notFound[lang];
  return layout(
    lang,
    t.title,
    html`<h1>${t.title}</h1>
<p>${t.text}</p>`,
  );
}

/**
 * The customer's manage page: a shell for /widget-manage.mjs, which reads the token from the
 * URL fragment (never sent to us) and renders the request into #manage in the browser.
 */
export function managePage(lang: Locale) {
  const t = manageStrings[lang];
  return layout(
    lang,
    t.title,
    html`<div id="manage" class="manage">
<h1>${t.title}</h1>
<p>${t.loading}</p>
<noscript><p>${t.noscript}</p></noscript>
<p class="manage-privacy"><a href="/privacy?lang=${lang}" target="_blank" rel="noopener">${t.privacy}</a></p>
</div>
<script type="module" src="/widget-manage.mjs"></script>`,
  );
}
