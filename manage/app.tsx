// The page body, rendered into <div id="manage"> by main.tsx: the language switch, the title,
// the live region, then whatever the phase calls for, and the privacy notice link on every state.
import { locales, type Locale } from '../api/contract/request.ts';
import { Actions } from './actions.tsx';
import { Details } from './details.tsx';
import { EditForm } from './edit-form.tsx';
import { fill, manageStrings } from './i18n.ts';
import type { Manage } from './model.ts';

const languageNames: Record<Locale, string> = { fi: 'Suomeksi', sv: 'På svenska', en: 'In English' };

export function App({ m }: { m: Manage }) {
  const lang = m.lang.value;
  const t = manageStrings[lang];
  const phase = m.phase.value;
  const notice = m.notice.value;
  const linked = m.linkResult.value;
  return (
    <>
      <div class="manage-langs" role="group" aria-label={t.languages}>
        {locales.map((l) => (
          <button key={l} type="button" lang={l} aria-pressed={l == lang ? 'true' : 'false'} onClick={() => m.setLang(l)}>
            {languageNames[l]}
          </button>
        ))}
      </div>
      <h1>{t.title}</h1>
      {/* Present from the first render, so that screen readers announce what changes in it. */}
      <p class="manage-notice" role="status">
        {notice && fill(t.notices[notice.key], notice.n ?? '')}
      </p>
      {/* The confirmation mail's link: what came of it, calmly when it did not confirm; the page works either way. */}
      {linked && (
        <section aria-labelledby="link-h">
          <h2 id="link-h" tabIndex={-1}>
            {t.link[linked]}
          </h2>
          {(linked == 'refused' || linked == 'failed') && <p>{t.link[`${linked}Text`]}</p>}
        </section>
      )}
      {phase == 'loading' && <p>{t.loading}</p>}
      {phase == 'failed' && (
        <div class="manage-problem">
          <p>{t.failed}</p>
          <button type="button" onClick={m.retry}>
            {t.retry}
          </button>
        </div>
      )}
      {(phase == 'noToken' || phase == 'badToken') && (
        <section class="manage-problem" aria-labelledby="problem-h">
          <h2 id="problem-h">{phase == 'noToken' ? t.noToken : t.badToken}</h2>
          <p>{phase == 'noToken' ? t.noTokenText : t.badTokenText}</p>
        </section>
      )}
      {phase == 'ready' && (
        <>
          <Details m={m} t={t} />
          <EditForm m={m} t={t} />
          <Actions m={m} t={t} />
        </>
      )}
      <p class="manage-privacy">
        <a href={`/privacy?lang=${lang}`} target="_blank" rel="noopener">
          {t.privacy}
        </a>
      </p>
    </>
  );
}
