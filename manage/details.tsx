// What is stored about the request (S21): its state and deletion date, every field, and who bought it.
import type { ComponentChildren } from 'preact';
import { fill, formatDate, formatDateTime, type Strings } from './i18n.ts';
import { ConfirmCode } from './confirm-code.tsx';
import type { Manage } from './model.ts';

export function Details({ m, t }: { m: Manage; t: Strings }) {
  const v = m.view.value!;
  const lang = m.lang.value;
  const day = (iso: string) => <time dateTime={iso}>{formatDate(iso, lang)}</time>;
  const none = <span class="manage-none">{t.notStored}</span>;
  const facts: [string, ComponentChildren][] = [
    [t.id, <span class="manage-code">{v.id}</span>],
    [t.customerType, t.customerTypes[v.customerType] ?? v.customerType],
    [t.category, v.category.label],
    [t.description, <span class="manage-text">{v.description}</span>],
    // The answers to the category's questions, each under its question; none stored is said once.
    ...(v.answers.length
      ? v.answers.map((a): [string, ComponentChildren] => [a.question, a.answer])
      : [[t.answers, none] as [string, ComponentChildren]]),
    [t.postalCode, v.postalCode],
    [t.region, v.region.name],
    [t.town, v.town || none],
    [t.firstName, v.contact.firstName || none],
    [t.email, v.contact.email || none],
    [t.phone, v.contact.phone || none],
    [t.confirmation, v.confirmed ? t.confirmedYes : t.confirmedNo],
    [t.marketing, v.marketingOptOut ? t.yes : t.no],
    [t.locale, t.localeNames[v.locale] ?? v.locale],
    [t.createdAt, day(v.createdAt)],
    [t.expiresAt, day(v.expiresAt)],
    ...(v.endedAt ? [[t.endedAt, day(v.endedAt)] as [string, ComponentChildren]] : []),
    [t.deleteAt, day(v.deleteAt)],
    [t.notice, v.consentNoticeVersion],
  ];
  const when = v.status == 'open' ? v.expiresAt : (v.endedAt ?? v.expiresAt);
  // Held until confirmed (issue 13): deleted within hours, not months, so the hour counts too.
  const held = v.status == 'unconfirmed';

  return (
    <>
      <section aria-labelledby="state-h">
        <h2 id="state-h" tabIndex={-1}>
          {t.state}: {t.statuses[v.status]}
        </h2>
        <p>
          {held ? fill(t.statusTexts.unconfirmed, formatDateTime(v.deleteAt, lang)) : fill(t.statusTexts[v.status], formatDate(when, lang))}
        </p>
        {!held && <p>{fill(t.deleteText, formatDate(v.deleteAt, lang))}</p>}
      </section>

      <ConfirmCode m={m} t={t} />

      <section aria-labelledby="stored-h">
        <h2 id="stored-h" tabIndex={-1}>
          {t.stored}
        </h2>
        <dl class="manage-facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="buyers-h">
        <h2 id="buyers-h">{t.buyers}</h2>
        {v.buyers.length ? (
          <table class="manage-buyers">
            <thead>
              <tr>
                <th scope="col">{t.company}</th>
                <th scope="col">{t.boughtAt}</th>
              </tr>
            </thead>
            <tbody>
              {v.buyers.map((b) => (
                <tr key={b.company + b.purchasedAt}>
                  <td>{b.company}</td>
                  <td>
                    <time dateTime={b.purchasedAt}>{formatDateTime(b.purchasedAt, lang)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t.noBuyers}</p>
        )}
        <p>{fill(t.slots, v.slotsLeft, v.maxBuyers)}</p>
      </section>
    </>
  );
}
