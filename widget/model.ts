// One model per <linkki-request>: attributes, the form's values, and the submission's state.
// Plain values live in the closure; the model itself holds only signals and actions.
import { createModel, effect, signal } from '@preact/signals';
import * as v from 'valibot';
import type { JSX } from 'preact';
import { customerTypes, FormInput, locales, type CustomerType, type Locale } from '../api/contract/request.ts';
import type { WidgetConfig } from '../api/contract/widget.ts';
import type { Thanks } from './done.tsx';
import { loadStrings, type Strings } from './i18n.ts';
import type { More } from './more.tsx';
import { getConfig, lookupPostalCode, newIdempotencyKey, sendRequest, track, type Answer } from './network.ts';

/** The form's fields in the order they appear; focus visits the first marked control in the DOM (app.tsx). */
export const fieldNames = ['customerType', 'category', 'description', 'postalCode', 'town', 'region', 'email', 'phone', 'consent'] as const;
export type FieldName = (typeof fieldNames)[number];
/** What can be marked: a field, or an answer to one of the category's questions (widget/more.tsx). */
export type Mark = FieldName | `answers.${string}`;
/** An issue on a field: its code, and the server's own sentence for codes we have none for. */
export type FieldError = { code: string; message?: string };
export type Notice = { key: 'fix' | 'sending' | 'network' | 'server' | 'rate' | 'tooLarge' | 'forbidden'; n?: number };
/** `failed` and `forbidden` are also keys of the sentence shown instead of the form. */
export type Phase = 'loading' | 'ready' | 'failed' | 'forbidden';

const digits5 = /^\d{5}$/;
const pickLang = (value: string | null): Locale => (locales.includes(value as Locale) ? (value as Locale) : 'fi');

export const WidgetModel = createModel((host: HTMLElement, api: string) => {
  const partner = signal(host.getAttribute('partner') || '');
  const lang = signal(pickLang(host.getAttribute('lang')));
  const presetAttrs = {
    category: signal(host.getAttribute('category')),
    customerType: signal(host.getAttribute('customer-type')),
  };
  const values = {
    customerType: signal('person'),
    category: signal(''),
    description: signal(''),
    postalCode: signal(host.getAttribute('postal-code') || ''),
    town: signal(''),
    region: signal(''),
    email: signal(''),
    phone: signal(''),
    consent: signal(false),
    website: signal(''),
  };
  const t = signal<Strings | null>(null);
  const config = signal<WidgetConfig | null>(null);
  const phase = signal<Phase>('loading');
  const errors = signal<Partial<Record<Mark, FieldError>>>({});
  const notice = signal<Notice | null>(null);
  const sending = signal(false);
  /** The thank-you view (widget/done.tsx) once a request is stored: a render function. */
  const result = signal<(() => JSX.Element) | null>(null);
  /** Bumped when a submission finds errors, so the view moves focus once it has rendered them. */
  const invalidTick = signal(0);
  /**
   * The optional section, a first name and the category's questions (widget/more.tsx): a chunk of
   * its own, loaded when the visitor starts typing, since the form's first download has no room for
   * it. Shown once it is here; a failure is not kept, the next keystroke asks again.
   */
  const more = signal<More | null>(null);
  let moreLoading: Promise<unknown> | undefined;

  const edited = new Set<string>();
  let unknownPostalCode = '';
  let idempotencyKey = '';
  let keyFor = '';
  let shownOnce = false;
  let started = false;
  /** The proof of work for the next request (widget/pow.ts), begun when the visitor starts typing. */
  let proof: Promise<string | undefined> | undefined;
  const prove = () =>
    (proof ||= import('./pow.ts').then(
      (m) => m.solve(config.peek()!.challengeUrl),
      () => undefined,
    ));
  /**
   * The thank-you view and its sentences (widget/done.tsx), a chunk of their own begun with the
   * proof of work: not part of what the form costs before it shows. A failure is not kept.
   */
  let later: Promise<Thanks | undefined> | undefined;
  const thanks = () =>
    (later ||= import('./done.tsx').then((d) => d.load(lang.peek()).then(() => d.thanks)).catch(() => (later = undefined)));

  const emit = (name: string, detail?: object) =>
    host.dispatchEvent(new CustomEvent(`linkki:${name}`, { bubbles: true, composed: true, detail }));
  /** The partner's cookieless counters (S13); "sent" is counted by the API itself. */
  const count = (event: 'shown' | 'started') => {
    emit(event);
    track(api, partner.peek(), event);
  };

  effect(() => {
    const key = partner.value;
    const locale = lang.value;
    Promise.all([getConfig(api, key, locale), loadStrings(locale).catch(() => null)]).then(([{ status, body }, text]) => {
      if (key !== partner.peek() || locale !== lang.peek()) return;
      if (text) t.value = text;
      if (status == 200 && text) {
        config.value = body;
        phase.value = 'ready';
      } else if (!config.peek()) {
        phase.value = status == 404 || status == 403 ? 'forbidden' : 'failed';
        emit('error', { error: body.error || (status ? 'config_failed' : 'network') });
      }
    });
  });

  // An attribute beats the partner's preset; neither overrides a choice the visitor made.
  effect(() => {
    const cfg = config.value;
    if (!cfg) return;
    const category = presetAttrs.category.value || cfg.partner.presets.category;
    const customerType = presetAttrs.customerType.value || cfg.partner.presets.customerType;
    if (cfg.categories.some((c) => c.id == category) && !edited.has('category')) values.category.value = category!;
    if (customerTypes.includes(customerType as CustomerType) && !edited.has('customerType')) {
      values.customerType.value = customerType!;
    }
  });

  // Town and region follow the postal code until the visitor sets them by hand.
  effect(() => {
    const code = values.postalCode.value.trim();
    const locale = lang.value;
    if (!digits5.test(code) || code == unknownPostalCode) return;
    lookupPostalCode(api, code, locale).then((info) => {
      if (code !== values.postalCode.peek().trim()) return;
      if (info === null) {
        unknownPostalCode = code;
        if (!values.region.peek()) errors.value = { ...errors.peek(), postalCode: { code: 'unknown_postal_code' } };
      } else if (info) {
        if (!edited.has('town')) values.town.value = info.town;
        if (!edited.has('region')) values.region.value = info.region.code;
      }
    });
  });

  /**
   * Required fields go as typed, even empty, so that valibot names what is missing; the optional
   * section's answers and first name only as given. All of it is what the idempotency key stands for.
   */
  const payload = () => {
    const x = Object.fromEntries(Object.entries(values).map(([k, s]) => [k, s.peek()]));
    return { ...x, ...more.peek()?.body(), partner: partner.peek(), locale: lang.peek(), region: x.region || undefined } as FormInput;
  };

  /** Keeps the first issue of each field and answer; issues on anything else are dropped. */
  const showIssues = (issues: { path: string; code: string; message?: string }[]) => {
    const found: Partial<Record<Mark, FieldError>> = {};
    for (const { path, code, message } of issues) {
      const name = path.split('.')[0] as FieldName;
      const mark = name == ('answers' as string) ? (path as Mark) : name;
      if (fieldNames.includes(name) || mark != name) found[mark] ||= { code, message };
    }
    errors.value = found;
    notice.value = { key: 'fix', n: Object.keys(found).length };
    invalidTick.value++;
  };

  const answered = ({ status, body, retryAfter }: Answer, view?: Thanks) => {
    if (view) {
      idempotencyKey = '';
      notice.value = null;
      result.value = view(body, lang, api, host);
      // SPEC.md names the event linkki:submitted, the intake issue linkki:sent: both fire.
      emit('sent', { id: body.id });
      emit('submitted', { id: body.id });
      return;
    }
    // A dropped connection, a rate limit or a server failure may be retried with the same key.
    if (status == 0 || status == 429 || status >= 500) {
      notice.value = status == 429 ? { key: 'rate', n: Math.ceil(retryAfter / 60) } : { key: status ? 'server' : 'network' };
    } else {
      idempotencyKey = '';
      if (status == 422 && body.issues) return showIssues(body.issues);
      notice.value = { key: status == 413 ? 'tooLarge' : status == 403 ? 'forbidden' : 'server' };
    }
    emit('error', { error: status ? body.error || `http_${status}` : 'network' });
  };

  /** Takes a mark away; the summary counts what is still marked, and goes with the last mark. */
  const unmark = (name: Mark) => {
    const rest = { ...errors.peek() };
    delete rest[name];
    // A region chosen by hand settles an unknown postal code (the API accepts it then).
    if (name == 'region') delete rest.postalCode;
    errors.value = rest;
    const n = Object.keys(rest).length;
    if (notice.peek()?.key == 'fix') notice.value = n ? { key: 'fix', n } : null;
  };

  return {
    lang,
    t,
    config,
    phase,
    values,
    errors,
    notice,
    sending,
    result,
    invalidTick,
    more,
    unmark,

    /** A live attribute of the element changed. */
    attr(name: string, value: string | null) {
      if (name == 'partner') partner.value = value || '';
      else if (name == 'lang') lang.value = pickLang(value);
      else if (name == 'category') presetAttrs.category.value = value;
      else if (name == 'customer-type') presetAttrs.customerType.value = value;
      else if (name == 'postal-code' && value && !edited.has('postalCode')) values.postalCode.value = value;
    },

    input(name: FieldName | 'website', value: string | boolean): void {
      (values[name] as { value: string | boolean }).value = value;
      edited.add(name);
      unmark(name as FieldName);
      moreLoading ||= import('./more.tsx').then(
        (x) => (more.value = x.more(this as Widget)),
        () => (moreLoading = undefined),
      );
      if (!started) {
        started = true;
        count('started');
        prove();
        thanks();
      }
    },

    shown() {
      if (!shownOnce) {
        shownOnce = true;
        count('shown');
      }
    },

    async submit() {
      if (sending.peek()) return;
      const input = payload();
      const parsed = v.safeParse(FormInput, input);
      const issues = parsed.issues?.map((i) => ({ path: v.getDotPath(i) || '', code: i.message })) || [];
      if (input.postalCode.trim() == unknownPostalCode && !input.region) {
        issues.push({ path: 'postalCode', code: 'unknown_postal_code' });
      }
      // A number in the optional section that does not fit its question is marked too.
      more.peek()?.body(issues);
      if (issues.length) return showIssues(issues);
      errors.value = {};
      sending.value = true;
      notice.value = { key: 'sending' };
      // A key stands for one request: a changed form is another request, so it gets its own key
      // (the API refuses a key sent again with another body: 422 idempotency_key_reused).
      const sent = JSON.stringify(input);
      if (!idempotencyKey || sent != keyFor) {
        // A send whose answer was lost may have spent the proof: another request, another proof.
        if (idempotencyKey) proof = undefined;
        idempotencyKey = newIdempotencyKey();
      }
      keyFor = sent;
      const send = async (): Promise<Answer> => sendRequest(api, { ...input, altcha: await prove() }, idempotencyKey);
      let answer = await send();
      // A proof is good once, for half an hour: refused (expired, say), a fresh one and one retry;
      // spent by a stored request, the next request gets its own.
      if (answer.body.error == 'bot_check') {
        proof = undefined;
        answer = await send();
      }
      let view: Thanks | undefined;
      if (answer.status == 201) {
        proof = undefined;
        // Stored, but without its chunk there is no thank-you view to show the manage link in:
        // "send again", and the same key brings the same request back (a replay, not a new one).
        if (!(view = await thanks())) answer = { status: 0, body: {}, retryAfter: 0 };
      }
      sending.value = false;
      answered(answer, view);
    },
  };
});

export type Widget = InstanceType<typeof WidgetModel>;
