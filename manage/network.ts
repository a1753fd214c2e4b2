// Everything the manage page says to the API. The token travels only in the Authorization
// header or a JSON body, never in a URL (SPEC "Privacy by design"): URLs end up in logs and
// histories. No cookies go along (a contractor's session in the same browser is none of this
// page's business).
import type { Locale } from '../api/contract/request.ts';

/** status 0 = no answer (offline, dropped). */
export type Answer<T = any> = { status: number; body: T };

export type Issue = { path: string; code: string; message?: string };

export function createClient(token: string) {
  /** `bearer` false: the token rides in the body instead (the confirmation routes, shared with the widget, take no Authorization). */
  async function call(method: string, path: string, body?: unknown, bearer = true): Promise<Answer> {
    try {
      const res = await fetch(path, {
        method,
        credentials: 'omit',
        cache: 'no-store',
        headers: { ...(bearer ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: res.status == 204 ? null : await res.json().catch(() => ({})) };
    } catch {
      return { status: 0, body: {} };
    }
  }
  const q = (lang?: Locale) => (lang ? `?lang=${lang}` : '');
  return {
    /** Without a language the API answers in the request's own locale. */
    view: (lang?: Locale) => call('GET', `/v1/manage${q(lang)}`),
    correct: (lang: Locale, patch: object) => call('PATCH', `/v1/manage${q(lang)}`, patch),
    close: (lang: Locale) => call('POST', `/v1/manage/close${q(lang)}`),
    erase: () => call('DELETE', '/v1/manage/contact'),
    export: () => call('GET', '/v1/manage/export'),
    /** The confirmation mail's link proof, or the SMS code (api/contract/confirm.ts). */
    confirm: (proof: { link: string } | { code: string }) => call('POST', '/v1/requests/confirm', { manageToken: token, ...proof }, false),
    /** A new SMS code. */
    newCode: () => call('POST', '/v1/requests/confirm/code', { manageToken: token }, false),
  };
}

export type Client = ReturnType<typeof createClient>;
