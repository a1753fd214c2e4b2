// Corrections (S22) and the marketing ban (S23). `novalidate`: the API's schema decides what is
// wrong; its 422 issues come back onto the fields, tied to them for screen readers.
import type { ComponentChildren } from 'preact';
import { requestLimits } from '../api/contract/request.ts';
import { fill, type Strings } from './i18n.ts';
import type { FieldName, Manage } from './model.ts';

type Wiring = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: 'true' };

const ids = (...list: (string | false | undefined)[]) => list.filter(Boolean).join(' ') || undefined;

function wire(m: Manage, name: FieldName, hint: boolean): Wiring {
  const error = m.errors.value[name];
  return { id: name, 'aria-describedby': ids(hint && `${name}-h`, error && `${name}-e`), 'aria-invalid': error ? 'true' : undefined };
}

function ErrorText({ m, t, name }: { m: Manage; t: Strings; name: FieldName }) {
  const error = m.errors.value[name];
  if (!error) return null;
  const text = t.issues[error.code] ?? error.message ?? t.issues.required;
  return (
    <p id={`${name}-e`} class="manage-error">
      {fill(text, requestLimits.descriptionMin)}
    </p>
  );
}

type FieldProps = { m: Manage; t: Strings; name: FieldName; label: string; hint?: string; children: (w: Wiring) => ComponentChildren };

function Field({ m, t, name, label, hint, children }: FieldProps) {
  return (
    <div class="manage-field">
      <label for={name}>{label}</label>
      {hint && (
        <p id={`${name}-h`} class="manage-hint">
          {hint}
        </p>
      )}
      {children(wire(m, name, !!hint))}
      <ErrorText m={m} t={t} name={name} />
    </div>
  );
}

export function EditForm({ m, t }: { m: Manage; t: Strings }) {
  const { description, town, firstName, email, phone } = m.values;
  const typed = (name: Exclude<FieldName, 'marketingOptOut'>) => (e: Event) => m.input(name, (e.currentTarget as HTMLInputElement).value);
  const submit = (e: Event) => {
    e.preventDefault();
    m.save();
  };

  return (
    <section aria-labelledby="edit-h">
      <h2 id="edit-h">{t.edit}</h2>
      <p>{t.editHint}</p>
      <form noValidate aria-labelledby="edit-h" onSubmit={submit}>
        <Field m={m} t={t} name="description" label={t.description} hint={fill(t.descriptionHint, requestLimits.descriptionMin)}>
          {(w) => (
            <textarea {...w} rows={5} maxLength={requestLimits.descriptionMax} value={description.value} onInput={typed('description')} />
          )}
        </Field>
        <Field m={m} t={t} name="town" label={t.town} hint={t.townHint}>
          {(w) => <input {...w} type="text" autocomplete="address-level2" value={town.value} onInput={typed('town')} />}
        </Field>
        <Field m={m} t={t} name="firstName" label={t.firstName} hint={t.firstNameHint}>
          {(w) => (
            <input
              {...w}
              type="text"
              autocomplete="given-name"
              maxLength={requestLimits.firstNameMax}
              value={firstName.value}
              onInput={typed('firstName')}
            />
          )}
        </Field>
        <Field m={m} t={t} name="email" label={t.email}>
          {(w) => <input {...w} type="email" autocomplete="email" value={email.value} onInput={typed('email')} />}
        </Field>
        <Field m={m} t={t} name="phone" label={t.phone}>
          {(w) => <input {...w} type="tel" autocomplete="tel" value={phone.value} onInput={typed('phone')} />}
        </Field>
        <div class="manage-field manage-check">
          <input
            {...wire(m, 'marketingOptOut', false)}
            type="checkbox"
            checked={m.marketingOptOut.value}
            onChange={(e) => m.setMarketingOptOut((e.currentTarget as HTMLInputElement).checked)}
          />
          <label for="marketingOptOut">{t.forbidMarketing}</label>
          <ErrorText m={m} t={t} name="marketingOptOut" />
        </div>
        <button type="submit">{t.save}</button>
      </form>
    </section>
  );
}
