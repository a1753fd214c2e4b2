// The thank-you view: a chunk of its own, with its sentences per language (widget/done/*.ts),
// loaded when the visitor starts typing (model.ts `thanks`), since the form's first download has
// no room for it. It says how the contact is confirmed (issue 13): by the confirmation mail's
// link, or by the code an SMS brought, typed in here. The manage link is the customer's only key
// to the request (its secret is in the fragment, never sent to a server), so it is shown in full.
import { signal, type Signal } from '@preact/signals';
import { confirmation } from '../api/contract/confirm.ts';
import { formatDate } from '../api/contract/dates.ts';
import type { Locale, RequestCreated } from '../api/contract/request.ts';
import type { strings } from './done/fi.ts';
import { call } from './network.ts';

export type DoneStrings = typeof strings;
type Problem = keyof DoneStrings['errors'];
type State = {
  code: string;
  /** Why the code did not confirm; shown on the field when it is about the code. */
  problem?: Problem;
  /** Tries left, for `wrong`. */
  n?: number;
  /** What the status region says: a new code, or why the API could not be asked. */
  said?: Problem | 'sent' | 'noMore';
  /** New codes this request may still get: the first one went with the request. */
  left: number;
  ok?: boolean;
  listed: boolean;
  busy?: boolean;
};

const texts = signal<Partial<Record<Locale, DoneStrings>>>({});
let sheet: CSSStyleSheet | undefined;

/** A language's sentences, one download per language per page; a failure rejects, so the model may ask again. */
export const load = (lang: Locale) =>
  (lang == 'sv' ? import('./done/sv.ts') : lang == 'en' ? import('./done/en.ts') : import('./done/fi.ts')).then(
    (m) => (texts.value = { ...texts.peek(), [lang]: m.strings }),
  );

const { holdHours: h, codeDigits: d, codeMinutes: m, codeAttempts: a, codeSends } = confirmation;
const fill = (text: string, n: string | number = '') => text.replace(/\{(\w)\}/g, (_, k) => String({ n, h, d, m, a }[k as 'n']));

/** The view of one sent request, as a render function the widget's effect calls (it reads signals only). */
export function thanks(r: RequestCreated, lang: Signal<Locale>, api: string, host: HTMLElement) {
  const root = host.shadowRoot!;
  // The view's own rules beside the widget's sheet (styles.ts), constructed as it is (strict CSP): the
  // two buttons wrap with a gap on a narrow phone, and the second reads as the lesser one.
  if (!sheet)
    (sheet = new CSSStyleSheet()).replaceSync('.k{display:flex;flex-wrap:wrap;gap:12px}.k button+button{background:#fff;color:#0b5394}');
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const s = signal<State>({ code: '', left: codeSends - 1, listed: r.listed });
  const set = (next: Partial<State>) => (s.value = { ...s.peek(), ...next });
  const focus = (id: string) => root.getElementById(id)?.focus();

  /** POST …/confirm or …/confirm/code with the manage token; one at a time. */
  const post = async (path: string, body?: object) => {
    set({ busy: true });
    const answer = await call(`${api}/v1/requests/confirm${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ manageToken: r.manageToken, ...body }),
    });
    set({ busy: false });
    return answer;
  };
  const trouble = (status: number): Problem => (status == 429 ? 'rate' : status ? 'server' : 'network');

  const confirm = async (e: Event) => {
    e.preventDefault();
    if (s.peek().busy) return;
    const { status, body } = await post('', { code: s.peek().code.replace(/\s/g, '') });
    if (status == 200) {
      set({ ok: true, listed: body.listed, said: undefined });
      return focus('ok');
    }
    const why = body.reason;
    const problem: Problem =
      status != 422
        ? trouble(status)
        : !why
          ? 'invalid'
          : why == 'wrong' && body.attemptsLeft
            ? 'wrong'
            : why == 'expired' || why == 'none'
              ? 'stale'
              : 'used_up';
    // About the code: the field is marked and focused, as the form's are, and its error is a live
    // region too, for when focus was on the field already. Else the status region says why.
    if (status == 422) {
      set({ problem, n: body.attemptsLeft, said: undefined });
      focus('code');
    } else set({ said: problem });
  };

  const resend = async () => {
    if (s.peek().busy) return;
    const { status, body } = await post('/code');
    if (status == 202) set({ left: body.sendsLeft, said: 'sent', problem: undefined, code: '' });
    else if (status == 409) set({ ok: true, listed: true, said: undefined });
    else set(body.error == 'codes_used_up' ? { left: 0, said: 'noMore' } : { said: trouble(status) });
    // The button is gone when no code is left (or the contact was confirmed meanwhile): focus stays in the view.
    if (!s.peek().left || status == 409) focus(status == 409 ? 'ok' : 'code');
  };

  return () => {
    const all = texts.value;
    // After a language switch, the sentences in the earlier language until the new ones are here.
    let t = all[lang.value];
    if (!t) {
      load(lang.value).catch(() => {});
      t = Object.values(all)[0]!;
    }
    const { code, problem, n, said, left, ok, listed, busy } = s.value;
    return (
      <section aria-labelledby="done">
        <h2 id="done" tabIndex={-1}>
          {t.done}
        </h2>
        <p>{fill(t.expires, formatDate(r.expiresAt, lang.value))}</p>
        {!listed && <p>{fill(t.hold)}</p>}
        {r.confirmBy == 'email' ? (
          <p>{t.mail}</p>
        ) : ok ? (
          <p id="ok" class="st" tabIndex={-1}>
            {t.confirmed}
          </p>
        ) : (
          <form class="f" noValidate onSubmit={confirm}>
            <label for="code">{t.code}</label>
            <p id="code-h" class="h">
              {fill(t.codeHint)}
            </p>
            <input
              id="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={d}
              aria-describedby={problem ? 'code-h code-e' : 'code-h'}
              aria-invalid={problem ? 'true' : undefined}
              value={code}
              onInput={(e) => set({ code: e.currentTarget.value, problem: undefined })}
            />
            <p id="code-e" class="e" aria-live="polite">
              {problem && fill(t.errors[problem], n)}
            </p>
            <p class="k">
              <button type="submit" aria-disabled={busy ? 'true' : undefined}>
                {t.confirm}
              </button>
              {left > 0 && (
                <button type="button" aria-disabled={busy ? 'true' : undefined} onClick={resend}>
                  {t.resend}
                </button>
              )}
            </p>
            <p class="h">{left ? fill(t.left, left) : t.noMore}</p>
          </form>
        )}
        {r.confirmBy == 'sms' && (
          <p class="st" role="status">
            {said && (said == 'sent' || said == 'noMore' ? t[said] : t.errors[said])}
          </p>
        )}
        <p id="manage-h">{t.manage}</p>
        <p class="u">
          <a href={r.manageUrl} target="_blank" rel="noopener noreferrer" aria-describedby="manage-h">
            {r.manageUrl}
          </a>
        </p>
      </section>
    );
  };
}

export type Thanks = typeof thanks;
