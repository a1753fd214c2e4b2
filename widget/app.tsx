// The app chunk: imported by the loader once per page, mounted once per element.
import { effect } from '@preact/signals';
import { render } from 'preact';
import { Form } from './form.tsx';
import { fill } from './i18n.ts';
import { adoptEarly } from './network.ts';
import { WidgetModel, type Widget } from './model.ts';
import { widgetSheet } from './styles.ts';

function App({ m }: { m: Widget }) {
  const t = m.t.value;
  const notice = m.notice.value;
  const phase = m.phase.value;
  const done = m.result.value;
  return (
    <div class="w" lang={m.lang.value}>
      {done ? (
        done()
      ) : phase == 'ready' ? (
        <Form m={m} />
      ) : (
        <>
          {phase != 'loading' && t && <p>{t[phase as 'failed']}</p>}
          {/* The partner's own fallback link (light DOM) stays until the form is ready. */}
          <slot />
        </>
      )}
      {/* Present from the first render, so that screen readers announce what changes in it. */}
      <p class="st" role="status">
        {notice && t && fill(t[notice.key], notice.n ?? '')}
      </p>
    </div>
  );
}

/**
 * Renders the form into the element's open shadow root; the loader forwards attribute changes
 * to `attr`. One effect per instance renders the tree: it re-runs when any signal the render
 * read changes, so the form needs neither hooks nor the component integration of signals.
 */
export function mount(host: HTMLElement, api: string, early: Record<string, Promise<Response>> = {}): Widget {
  adoptEarly(early);
  const root = host.shadowRoot || host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [widgetSheet()];
  const m = new WidgetModel(host, api);
  let tick = 0;
  let done = false;
  effect(() => {
    render(<App m={m} />, root);
    // Focus moves only after the DOM holds the errors, so the field is announced with its error:
    // to the first marked control in the form's order (the radio group is marked as a whole).
    if (m.invalidTick.value != tick) {
      tick = m.invalidTick.value;
      const first = root.querySelector('[aria-invalid=true]');
      if (first) ((first.querySelector('input') || first) as HTMLElement).focus();
    }
    if (m.result.value && !done) {
      done = true;
      root.getElementById('done')!.focus();
    }
    if (m.phase.value == 'ready') m.shown();
  });
  return m;
}
