// Download my data (S21), close the request (S25), erase the contact details (S24). The two
// that cannot be undone take a second, explicit step, and say what happens before it.
import { archiveMonths } from '../api/contract/manage.ts';
import { fill, type Strings } from './i18n.ts';
import type { Danger, Manage } from './model.ts';

function DangerStep({ m, t, kind }: { m: Manage; t: Strings; kind: Danger }) {
  const s = t[kind];
  const asking = m.confirming.value == kind;
  return (
    <section aria-labelledby={`${kind}-h`}>
      <h2 id={`${kind}-h`}>{s.title}</h2>
      <p id={`${kind}-text`}>{fill(s.text, archiveMonths)}</p>
      {asking ? (
        <div class="manage-confirm" role="group" aria-labelledby={`${kind}-q`}>
          <p id={`${kind}-q`} tabIndex={-1}>
            {s.question}
          </p>
          <div class="manage-actions">
            <button type="button" class="manage-danger" aria-describedby={`${kind}-text`} onClick={m[kind]}>
              {s.confirm}
            </button>
            <button type="button" class="manage-secondary" onClick={() => m.cancel(kind)}>
              {t.cancel}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" id={`${kind}-start`} class="manage-secondary" onClick={() => m.ask(kind)}>
          {s.start}
        </button>
      )}
    </section>
  );
}

export function Actions({ m, t }: { m: Manage; t: Strings }) {
  const v = m.view.value!;
  return (
    <>
      <section aria-labelledby="export-h">
        <h2 id="export-h">{t.exportTitle}</h2>
        <p>{t.exportText}</p>
        <button type="button" id="export" class="manage-secondary" onClick={m.exportData}>
          {t.exportButton}
        </button>
      </section>
      {v.status == 'open' && <DangerStep m={m} t={t} kind="close" />}
      {(v.contact.email || v.contact.phone || v.contact.firstName) && <DangerStep m={m} t={t} kind="erase" />}
    </>
  );
}
