// Form parts every page uses: a visible label, the error tied to its field by
// aria-describedby and aria-invalid, and a summary at the top that links to each field.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Strings } from '../i18n/index.ts';
import type { FieldErrors, Form } from '../lib/form.ts';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What a form's fields need to render: strings, the errors found, and what was typed. */
export type FormState = { t: Strings; errors?: FieldErrors; values?: Form; prefix?: string };

const idOf = (s: FormState, name: string) => `${s.prefix ?? 'f'}-${name.replaceAll('.', '-')}`;
const messageOf = (t: Strings, code: string) => (t.errors as Record<string, string>)[code] ?? t.errors.invalid;

type Common = { name: string; label: string; hint?: string; required?: boolean };

function describedBy(s: FormState, o: Common) {
  const id = idOf(s, o.name);
  const ids = [o.hint ? `${id}-hint` : '', s.errors?.[o.name] ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function wrap(s: FormState, o: Common, control: Html) {
  const id = idOf(s, o.name);
  const error = s.errors?.[o.name];
  return html`<div class="field${error ? ' field-error' : ''}">
<label for="${id}">${o.label}</label>
${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
${error ? html`<p class="error-message" id="${id}-error">${messageOf(s.t, error)}</p>` : ''}
${control}
</div>`;
}

export function input(
  s: FormState,
  o: Common & { type?: string; autocomplete?: string; inputmode?: string; value?: string; size?: 'short' },
) {
  const id = idOf(s, o.name);
  // Passwords are never sent back into the page.
  const value = o.type === 'password' ? '' : (s.values?.[o.name] ?? o.value ?? '');
  return wrap(
    s,
    o,
    html`<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${value}"${o.size ? html` class="short"` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.required ? html` required` : ''}${s.errors?.[o.name] ? html` aria-invalid="true"` : ''}${describedBy(s, o) ? html` aria-describedby="${describedBy(s, o)}"` : ''}>`,
  );
}

export function textarea(s: FormState, o: Common & { rows?: number; value?: string }) {
  const id = idOf(s, o.name);
  return wrap(
    s,
    o,
    html`<textarea id="${id}" name="${o.name}" rows="${o.rows ?? 4}"${o.required ? html` required` : ''}${s.errors?.[o.name] ? html` aria-invalid="true"` : ''}${describedBy(s, o) ? html` aria-describedby="${describedBy(s, o)}"` : ''}>${s.values?.[o.name] ?? o.value ?? ''}</textarea>`,
  );
}

/** Options are [value, label] or, for a label in another language (language names), [value, label, lang]. */
export function select(
  s: FormState,
  o: Common & { options: readonly (readonly [string, string, string?])[]; value?: string; autocomplete?: string },
) {
  const id = idOf(s, o.name);
  const chosen = s.values?.[o.name] ?? o.value ?? '';
  return wrap(
    s,
    o,
    html`<select id="${id}" name="${o.name}"${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${o.required ? html` required` : ''}${s.errors?.[o.name] ? html` aria-invalid="true"` : ''}${describedBy(s, o) ? html` aria-describedby="${describedBy(s, o)}"` : ''}>
${o.options.map(([value, label, lang]) => html`<option value="${value}"${lang ? html` lang="${lang}"` : ''}${value === chosen ? html` selected` : ''}>${label}</option>`)}
</select>`,
  );
}

/**
 * The summary a reader meets first after a refused submit: the page title says so too, and
 * autofocus brings keyboard and screen-reader users here without any script.
 */
export function errorSummary(s: FormState, order: string[]) {
  const errors = s.errors ?? {};
  const names = [...order.filter((n) => errors[n]), ...Object.keys(errors).filter((n) => !order.includes(n))];
  if (!names.length) return '';
  const id = `${s.prefix ?? 'f'}-summary`;
  return html`<div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="${id}">
<h2 id="${id}">${s.t.errorSummaryTitle}</h2>
<ul>${names.map((n) => html`<li><a href="#${idOf(s, n)}">${messageOf(s.t, errors[n]!)}</a></li>`)}</ul>
</div>`;
}

/** A message for the whole form (wrong password, throttled), summarised like a field error. */
export function formAlert(message: string, title: string) {
  return html`<div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="form-alert"><h2 id="form-alert">${title}</h2><p>${message}</p></div>`;
}

export const hasErrors = (s: FormState) => Object.keys(s.errors ?? {}).length > 0;
