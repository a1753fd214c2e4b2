// The request form, rendered from the model's signals; every change goes through m.input.
// `novalidate` because the shared valibot schema, not the browser, decides what is wrong
// and says it in the visitor's language.
import { customerTypes, requestLimits } from '../api/contract/request.ts';
import { ErrorText, Field, star, typed, wire } from './field.tsx';
import { fill } from './i18n.ts';
import type { Widget } from './model.ts';

export function Form({ m }: { m: Widget }) {
  const t = m.t.value!;
  const cfg = m.config.value!;
  const values = m.values;
  const choice = m.errors.value.customerType;
  const submit = (e: Event) => {
    e.preventDefault();
    m.submit();
  };

  return (
    <form noValidate aria-labelledby="title" onSubmit={submit}>
      <h2 id="title">{t.title}</h2>
      <p>{t.intro}</p>
      <p class="h">{t.requiredNote}</p>

      <fieldset
        class="f"
        role="radiogroup"
        aria-labelledby="customerType-l"
        aria-required="true"
        aria-invalid={choice ? 'true' : undefined}
        aria-describedby={choice && 'customerType-e'}
      >
        <legend id="customerType-l">
          {t.customerType}
          {star}
        </legend>
        <div class="r">
          {customerTypes.map((type, i) => (
            <label key={type}>
              <input
                type="radio"
                name="customerType"
                id={i ? undefined : 'customerType'}
                value={type}
                checked={values.customerType.value == type}
                onChange={() => m.input('customerType', type)}
              />
              {t[type]}
            </label>
          ))}
        </div>
        <ErrorText m={m} name="customerType" />
      </fieldset>

      <Field m={m} name="category" label={t.category} required>
        {(w) => (
          <select {...w} value={values.category.value} onChange={typed(m, 'category')}>
            <option value="">{t.choose}</option>
            {cfg.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </Field>

      <Field m={m} name="description" label={t.description} hint={fill(t.descriptionHint, requestLimits.descriptionMin)} required>
        {(w) => (
          <textarea
            {...w}
            rows={5}
            maxLength={requestLimits.descriptionMax}
            value={values.description.value}
            onInput={typed(m, 'description')}
          />
        )}
      </Field>

      <Field m={m} name="postalCode" label={t.postalCode} required>
        {(w) => (
          <input
            {...w}
            inputMode="numeric"
            autoComplete="postal-code"
            maxLength={5}
            value={values.postalCode.value}
            onInput={typed(m, 'postalCode')}
          />
        )}
      </Field>

      <Field m={m} name="town" label={t.town} optional>
        {(w) => (
          <input
            {...w}
            autoComplete="address-level2"
            maxLength={requestLimits.townMax}
            value={values.town.value}
            onInput={typed(m, 'town')}
          />
        )}
      </Field>

      <Field m={m} name="region" label={t.region} hint={t.regionHint}>
        {(w) => (
          <select {...w} value={values.region.value} onChange={typed(m, 'region')}>
            <option value="">{t.choose}</option>
            {cfg.regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        )}
      </Field>

      <fieldset class="f">
        <legend>
          {t.contact}
          {star}
        </legend>
        <p id="contact-h" class="h">
          {t.contactHint}
        </p>
        <Field m={m} name="email" label={t.email} sharedHint="contact-h">
          {(w) => <input {...w} type="email" autoComplete="email" value={values.email.value} onInput={typed(m, 'email')} />}
        </Field>
        <Field m={m} name="phone" label={t.phone} sharedHint="contact-h">
          {(w) => <input {...w} type="tel" inputMode="tel" autoComplete="tel" value={values.phone.value} onInput={typed(m, 'phone')} />}
        </Field>
      </fieldset>

      {/* The optional section (widget/more.tsx), once its chunk is here: the visitor has typed by then. */}
      {m.more.value?.view()}

      <div class="f">
        <label class="c">
          <input
            {...wire(m, 'consent', 'consent-h', true)}
            type="checkbox"
            checked={values.consent.value}
            onChange={(e) => m.input('consent', e.currentTarget.checked)}
          />
          <span>
            {t.consent}
            {star}
          </span>
        </label>
        <p id="consent-h" class="h">
          <a href={cfg.privacyNoticeUrl} target="_blank" rel="noopener noreferrer">
            {t.privacy}
          </a>
          {` ${fill(t.visible, cfg.visibleDays)}`}
        </p>
        <ErrorText m={m} name="consent" />
      </div>

      {/* Honeypot: off-screen and out of the tab order; people leave it empty. */}
      <div class="hp" aria-hidden="true">
        <label for="website">Website</label>
        <input id="website" name="website" tabIndex={-1} autoComplete="off" value={values.website.value} onInput={typed(m, 'website')} />
      </div>

      <button type="submit" aria-disabled={m.sending.value ? 'true' : undefined}>
        {m.sending.value ? t.sending : t.send}
      </button>
    </form>
  );
}
