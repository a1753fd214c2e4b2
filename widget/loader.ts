// dist/widget.js, the only URL a partner pastes: defines <linkki-request> and imports the form
// only when an element nears the viewport. Budget: 1 KiB gzip, so nothing else lives here.
import type { Widget } from './model.ts';

/** The API is wherever this script was loaded from. */
const api = new URL(import.meta.url).origin;
let app: Promise<typeof import('./app.tsx')> | undefined;
let near: IntersectionObserver | undefined;
let placeholder: CSSStyleSheet | undefined;
let warned = false;
const none = () => {};
/** Configuration answers asked for here, beside the app chunk, by `partner lang`; the app reads each once. */
const early: Record<string, Promise<Response>> = {};

/** One console line per page, however many elements fail. */
const warn = (text: string) => {
  if (!warned) console.error(`Linkki: ${text}`);
  warned = true;
};

class LinkkiRequest extends HTMLElement {
  static observedAttributes = ['partner', 'lang', 'category', 'customer-type', 'postal-code'];
  w?: Widget;
  l?: boolean;

  connectedCallback() {
    if (this.l) return;
    if (!document.adoptedStyleSheets) return warn('this browser lacks adoptedStyleSheets; the fallback link stays');
    // A shadow root at once, showing the fallback link through a slot: a block box the host
    // page's CSS cannot hide (inner !important wins), so that the observer below can see it.
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      if (!placeholder) (placeholder = new CSSStyleSheet()).replaceSync(':host{display:block!important}');
      root.adoptedStyleSheets = [placeholder];
      root.append(document.createElement('slot'));
    }
    near ||= new IntersectionObserver((entries) => entries.forEach((e) => e.isIntersecting && (e.target as LinkkiRequest).load()), {
      rootMargin: '200px',
    });
    near.observe(this);
  }

  disconnectedCallback() {
    near?.unobserve(this);
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null) {
    this.w?.attr(name, value);
  }

  load() {
    const attr = this.getAttribute('lang');
    const lang = attr == 'sv' || attr == 'en' ? attr : 'fi';
    const partner = this.getAttribute('partner');
    near!.unobserve(this);
    this.l = true;
    // The module cache makes each one download per page; a failure leaves the fallback link.
    // The sentences and the partner's configuration are fetched beside the app rather than
    // after it (one round trip fewer before the first input; see widget/i18n.ts, network.ts).
    (lang == 'sv' ? import('./i18n/sv.ts') : lang == 'en' ? import('./i18n/en.ts') : import('./i18n/fi.ts')).catch(none);
    if (partner)
      (early[partner + ' ' + lang] ||= fetch(`${api}/v1/widget/config?partner=${encodeURIComponent(partner)}&lang=${lang}`, {
        credentials: 'omit',
      })).catch(none);
    (app ||= import('./app.tsx')).then((m) => (this.w = m.mount(this, api, early)), none);
  }
}

// Guarded, so that including the script twice (say, with two query strings) stays harmless.
if (!customElements.get('linkki-request')) {
  customElements.define('linkki-request', LinkkiRequest);
  // A blocked download or fetch reports the directive that blocked it: tell the partner the fix.
  document.addEventListener('securitypolicyviolation', (e) => {
    if (e.blockedURI.startsWith(api)) {
      const directive = e.effectiveDirective.replace(/-(elem|attr)$/, '');
      warn(`add "${api}" to ${directive == 'script-src' ? 'script-src and connect-src' : directive} in your Content-Security-Policy`);
    }
  });
}
