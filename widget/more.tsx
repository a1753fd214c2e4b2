// The form's optional section (issue 13, "richer requests"): a first name and the chosen
// category's questions, as GET /v1/widget/config gives them in the visitor's language. A chunk of
// its own, loaded when the visitor starts typing (model.ts `more`): the form's first download has
// no room for it. Nothing here is required: an empty answer is not sent. A number that does not
// fit is marked on its input as the form marks its fields (model.ts `errors`, key `answers.<id>`),
// before sending or from the API's 422, and the form's focus goes to the first mark (app.tsx).
import { effect, signal } from '@preact/signals';
import type { JSX } from 'preact';
import { requestLimits, type Locale } from '../api/contract/request.ts';
import type { DoneStrings } from './done.tsx';
import type { Mark, Widget } from './model.ts';

/**
 * The section's sentences live with the thank-you view's (widget/done/*.ts, key `more`): a chunk
 * per language that the model asks for at the same moment, so the visitor downloads only their
 * own language's, in no request of its own. One download per language per page.
 */
const texts = signal<Partial<Record<Locale, DoneStrings['more']>>>({});
const load = (lang: Locale) =>
  (lang == 'sv' ? import('./done/sv.ts') : lang == 'en' ? import('./done/en.ts') : import('./done/fi.ts')).then(
    (x) => (texts.value = { ...texts.peek(), [lang]: x.strings.more }),
  );

type Issue = { path: string; code: string };

/** What the model asks of the section: written out, since the model's own type depends on it. */
export type More = {
  /** What goes with the request; given `issues`, adds one for each number that does not fit. */
  body(issues?: Issue[]): { firstName?: string; answers?: Record<string, string | number> };
  view(): JSX.Element | null;
};

export function more(m: Widget): More {
  /** What the visitor chose or typed, by question id. */
  const answers = signal<Record<string, string>>({});
  const firstName = signal('');
  const mark = (id: string) => `answers.${id}` as Mark;

  /** The questions asked now: the common ones, then the chosen category's own. */
  const asked = () => {
    const cfg = m.config.value!;
    return [...cfg.questions, ...(cfg.categories.find((c) => c.id == m.values.category.value)?.questions || [])];
  };

  // Another category drops the answers (and their marks) to questions it does not ask.
  effect(() => {
    const ids = asked().map((q) => q.id);
    const kept = { ...answers.peek() };
    for (const id in kept) {
      if (!ids.includes(id)) {
        delete kept[id];
        m.unmark(mark(id));
      }
    }
    answers.value = kept;
  });

  return {
    /** Only what was answered goes: a choice's value, a number as an integer (spaces out: "1 200" is one). */
    body(issues) {
      const out: Record<string, string | number> = {};
      for (const q of asked()) {
        const value = (answers.peek()[q.id] || '').replace(/\s/g, '');
        if (!value) continue;
        if (q.kind == 'choice') out[q.id] = value;
        else if (/^\d+$/.test(value) && +value >= q.min && +value <= q.max) out[q.id] = +value;
        else issues?.push({ path: mark(q.id), code: 'invalid_number' });
      }
      return { firstName: firstName.peek().trim() || undefined, answers: Object.keys(out).length ? out : undefined };
    },

    view() {
      const all = texts.value;
      const lang = m.lang.value;
      // After a language switch, the sentences in the earlier language until the new ones are here.
      if (!all[lang]) load(lang).catch(() => {});
      const t = all[lang] || Object.values(all)[0];
      if (!t) return null;
      const errors = m.errors.value;
      return (
        <fieldset class="f">
          <legend>{t.legend}</legend>
          <div class="f">
            <label for="firstName">{t.firstName}</label>
            <p id="firstName-h" class="h">
              {t.firstNameHint}
            </p>
            <input
              id="firstName"
              aria-describedby="firstName-h"
              autoComplete="given-name"
              maxLength={requestLimits.firstNameMax}
              value={firstName.value}
              onInput={(e) => (firstName.value = e.currentTarget.value)}
            />
          </div>
          {asked().map((q) => {
            const id = `q-${q.id}`;
            const error = errors[mark(q.id)];
            const wiring = {
              id,
              value: answers.value[q.id] || '',
              'aria-describedby': error && `${id}-e`,
              'aria-invalid': error && ('true' as const),
              onInput: (e: Event) => {
                answers.value = { ...answers.peek(), [q.id]: (e.currentTarget as HTMLInputElement).value };
                m.unmark(mark(q.id));
              },
            };
            // No keys: the common questions keep their places, and another category's own are other controls.
            return (
              <div class="f">
                <label for={id}>{q.label}</label>
                {q.kind == 'choice' ? (
                  <select {...wiring}>
                    <option value="">—</option>
                    {q.options.map((o) => (
                      <option value={o.value}>{o.label}</option>
                    ))}
                  </select>
                ) : (
                  <input {...wiring} inputMode="numeric" min={q.min} max={q.max} />
                )}
                {error && (
                  <p id={`${id}-e`} class="e">
                    {q.kind == 'number'
                      ? t.number.replace('{min}', `${q.min}`).replace('{max}', `${q.max}`)
                      : m.t.value!.issues.invalid_choice}
                  </p>
                )}
              </div>
            );
          })}
        </fieldset>
      );
    },
  };
}
