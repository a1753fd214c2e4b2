// A labelled control with its hint and error, wired for screen readers: the control is
// described by the hint and the error, and marked invalid while the error shows.
import type { ComponentChildren } from 'preact';
import { requestLimits } from '../api/contract/request.ts';
import { fill, type Strings } from './i18n.ts';
import type { FieldError, FieldName, Widget } from './model.ts';

export type Wiring = {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
  required?: boolean;
};

/** The visible "required" mark; screen readers hear `required` on the control instead. */
export const star = <span aria-hidden="true"> *</span>;

export const ids = (...list: (string | false | undefined)[]) => list.filter(Boolean).join(' ') || undefined;

export const message = (t: Strings, e: FieldError) =>
  fill(t.issues[e.code as keyof Strings['issues']] || e.message || t.issues.required, requestLimits.descriptionMin);

/** Wiring for a control: `hint` is the id of a hint shared with other controls, if any. */
export function wire(m: Widget, name: FieldName, hint?: string, required?: boolean): Wiring {
  const error = m.errors.value[name];
  return {
    id: name,
    'aria-describedby': ids(hint, error && `${name}-e`),
    'aria-invalid': error ? 'true' : undefined,
    required,
  };
}

export function ErrorText({ m, name }: { m: Widget; name: FieldName }) {
  const error = m.errors.value[name];
  return error ? (
    <p id={`${name}-e`} class="e">
      {message(m.t.value!, error)}
    </p>
  ) : null;
}

type FieldProps = {
  m: Widget;
  name: FieldName;
  label: string;
  hint?: string;
  /** The id of a hint shared with other fields, instead of a hint of its own. */
  sharedHint?: string;
  required?: boolean;
  optional?: boolean;
  children: (wiring: Wiring) => ComponentChildren;
};

export function Field({ m, name, label, hint, sharedHint, required, optional, children }: FieldProps) {
  return (
    <div class="f">
      <label for={name}>
        {label}
        {required && star}
        {optional && ` ${m.t.value!.optional}`}
      </label>
      {hint && (
        <p id={`${name}-h`} class="h">
          {hint}
        </p>
      )}
      {children(wire(m, name, hint ? `${name}-h` : sharedHint, required))}
      <ErrorText m={m} name={name} />
    </div>
  );
}

/** onInput handler that records a text control's value. */
export const typed = (m: Widget, name: FieldName | 'website') => (e: Event) => m.input(name, (e.currentTarget as HTMLInputElement).value);
