// dist/widget-manage.mjs, the manage page's one script. The token arrives in the URL fragment
// (browsers never send it to a server); it is taken out of the address bar before anything
// else runs, so that it lingers in neither the history nor a screenshot, and kept in memory only.
// The confirmation mail's link adds a proof after a dot (`#<token>.<32 hex>`, issue 13): the page
// confirms the contact with it first, then shows the request as usual.
import { effect } from '@preact/signals';
import { render } from 'preact';
import { locales, type Locale } from '../api/contract/request.ts';
import { App } from './app.tsx';
import { manageStrings } from './i18n.ts';
import { createManage } from './model.ts';

const [token = '', link] = location.hash.slice(1).split('.');
if (location.hash || location.href.endsWith('#')) history.replaceState(history.state, '', location.pathname + location.search);

const asked = new URLSearchParams(location.search).get('lang');
const chosen = locales.includes(asked as Locale);
const m = createManage(token, chosen ? (asked as Locale) : 'fi', chosen, link);

const root = document.getElementById('manage')!;
// The server's placeholder (loading text, noscript note) gives way to the page.
root.textContent = '';
let tick = 0;
effect(() => {
  const lang = m.lang.value;
  document.documentElement.lang = lang;
  document.title = manageStrings[lang].title;
  render(<App m={m} />, root);
  // Focus moves only once the DOM holds what it points at (an error, a confirmation step).
  const target = m.focus.value;
  if (target && target.tick != tick) {
    tick = target.tick;
    document.getElementById(target.id)?.focus();
  }
});
