// The page the widget's no-JavaScript fallback link opens: the same form, on our own origin.
import { html } from 'hono/html';
import type { Locale } from '../../api/contract/request.ts';
import { layout } from './layout.ts';

const titles: Record<Locale, string> = { fi: 'Jätä tarjouspyyntö', sv: 'Lämna en offertförfrågan', en: 'Request a quote' };

export function hostedRequestPage(partner: string, lang: Locale) {
  return layout(lang, titles[lang], html`<h1>${titles[lang]}</h1>
<script type="module" src="/widget.js"></script>
<linkki-request partner="${partner}" lang="${lang}"><p>JavaScript is needed for this form.</p></linkki-request>`);
}

const manageTitles: Record<Locale, string> = { fi: 'Pyyntösi', sv: 'Din förfrågan', en: 'Your request' };

/** The manage page arrives with the life-cycle issue; until then it says so plainly. */
export function managePage(lang: Locale) {
  return layout(lang, manageTitles[lang], html`<h1>${manageTitles[lang]}</h1>
<p>Pyyntösi on tallennettu. Pyynnön hallintasivu (tietojen katselu, korjaus, sulkeminen ja poisto) avataan pian; säilytä linkki.</p>
<p lang="en">Your request is stored. The page to view, correct, close and erase it opens soon; keep this link.</p>`);
}
