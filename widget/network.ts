// Everything the widget says to the API. No cookies travel (credentials: 'omit'), nothing is
// stored in the browser; answers are cached only in this module's memory for the page's life.
import type { FormInput, Locale, RequestCreated } from '../api/contract/request.ts';
import type { PostalCodeInfo, WidgetConfig } from '../api/contract/widget.ts';

/** status 0 = no answer (offline, dropped, blocked by CSP). */
export type Answer<T = any> = { status: number; body: T; retryAfter: number };

/** Every call the widget makes to the API: no cookies, CORS; the thank-you view's chunk (done.tsx) uses it too. */
export async function call(url: string, init?: RequestInit, asked?: Promise<Response>): Promise<Answer> {
  try {
    const res = await (asked || fetch(url, { ...init, credentials: 'omit', mode: 'cors' }));
    const body = await res.json().catch(() => ({}));
    return { status: res.status, body, retryAfter: Number(res.headers.get('retry-after')) || 60 };
  } catch {
    return { status: 0, body: {}, retryAfter: 0 };
  }
}

/** The loader's configuration requests, started beside the app chunk (widget/loader.ts); each answer is read once. */
let early: Record<string, Promise<Response> | undefined> = {};
export const adoptEarly = (asked: typeof early) => (early = asked);

const configs = new Map<string, Promise<Answer<WidgetConfig & { error?: string }>>>();
const postal = new Map<string, Promise<PostalCodeInfo | null | undefined>>();

/** One look-up per partner and language, shared by every instance on the page. */
export function getConfig(api: string, partner: string, lang: Locale): Promise<Answer<WidgetConfig & { error?: string }>> {
  const key = `${partner} ${lang}`;
  let answer = configs.get(key);
  if (!answer) {
    const asked = early[key];
    early[key] = undefined;
    answer = call(`${api}/v1/widget/config?partner=${encodeURIComponent(partner)}&lang=${lang}`, undefined, asked);
    configs.set(key, answer);
    // A failure is not cached: the next instance or language switch asks again.
    answer.then((a) => a.status == 200 || configs.delete(key));
  }
  return answer;
}

/** Town and region of a postal code: null when the code is unknown, undefined when the look-up failed. */
export function lookupPostalCode(api: string, code: string, lang: Locale): Promise<PostalCodeInfo | null | undefined> {
  const key = `${code} ${lang}`;
  let info = postal.get(key);
  if (!info) {
    info = call(`${api}/v1/postal-codes/${code}?lang=${lang}`).then((a) =>
      a.status == 200 ? a.body : a.status == 404 ? null : void postal.delete(key),
    );
    postal.set(key, info);
  }
  return info;
}

export function sendRequest(api: string, input: FormInput, idempotencyKey: string): Promise<Answer<RequestCreated>> {
  return call(`${api}/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(input),
  });
}

/** 24 characters of [A-Za-z0-9_-] from 144 random bits; crypto.randomUUID needs a secure context. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/**
 * One counter tick (S13). A plain-text body keeps it a simple request (no preflight); no
 * cookies; keepalive lets it finish if the page is closing; a failure is of no concern.
 */
export function track(api: string, partner: string, event: 'shown' | 'started'): void {
  fetch(`${api}/v1/widget/events`, {
    method: 'POST',
    body: JSON.stringify({ partner, event }),
    credentials: 'omit',
    mode: 'cors',
    keepalive: true,
  }).catch(() => {});
}
