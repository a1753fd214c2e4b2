// The confirmation: the manage link is the customer's only key to the request (its secret
// is in the fragment, never sent to a server), so it is shown in full, to open or to copy.
import { formatDate } from '../api/contract/dates.ts';
import { fill } from './i18n.ts';
import type { Widget } from './model.ts';

export function Done({ m }: { m: Widget }) {
  const t = m.t.value!;
  const { manageUrl, expiresAt } = m.result.value!;

  const until = formatDate(expiresAt, m.lang.value);

  return (
    <section aria-labelledby="done">
      <h2 id="done" tabIndex={-1}>
        {t.done}
      </h2>
      <p>{fill(t.expires, until)}</p>
      <p id="manage-h">{t.manage}</p>
      <p class="u">
        <a href={manageUrl} target="_blank" rel="noopener noreferrer" aria-describedby="manage-h">
          {manageUrl}
        </a>
      </p>
    </section>
  );
}
