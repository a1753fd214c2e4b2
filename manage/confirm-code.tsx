// The SMS code, for a phone-only request whose contact is not yet confirmed (issue 13): the
// widget's thank-you view asks for it first, but a customer who left that page confirms here.
// A code that did not confirm is said on the field, which gets focus, as the form's errors are.
import { confirmation } from '../api/contract/confirm.ts';
import { fill, type Strings } from './i18n.ts';
import type { Manage } from './model.ts';

export function ConfirmCode({ m, t }: { m: Manage; t: Strings }) {
  const v = m.view.value!;
  if (v.confirmed || v.contact.email || !v.contact.phone || (v.status != 'unconfirmed' && v.status != 'open')) return null;
  const issue = m.codeIssue.value;
  const left = m.codesLeft.value;
  const submit = (e: Event) => {
    e.preventDefault();
    m.confirmCode();
  };
  return (
    <section aria-labelledby="code-t">
      <h2 id="code-t">{t.code.title}</h2>
      <p id="code-h">{fill(t.code.text, confirmation.codeDigits, confirmation.codeMinutes)}</p>
      <form noValidate aria-labelledby="code-t" onSubmit={submit}>
        <div class="manage-field">
          <label for="code">{t.code.label}</label>
          <input
            id="code"
            type="text"
            inputMode="numeric"
            autocomplete="one-time-code"
            maxLength={confirmation.codeDigits}
            aria-describedby={issue ? 'code-h code-e' : 'code-h'}
            aria-invalid={issue ? 'true' : undefined}
            value={m.code.value}
            onInput={(e) => m.inputCode(e.currentTarget.value)}
          />
          {issue && (
            <p id="code-e" class="manage-error">
              {fill(t.codeIssues[issue.key], issue.n ?? '')}
            </p>
          )}
        </div>
        <div class="manage-actions">
          <button type="submit">{t.code.confirm}</button>
          {left !== 0 && (
            <button type="button" class="manage-secondary" onClick={m.newCode}>
              {t.code.resend}
            </button>
          )}
        </div>
        {left === 0 && <p>{t.notices.noMoreCodes}</p>}
      </form>
    </section>
  );
}
