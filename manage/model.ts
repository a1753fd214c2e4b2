// The manage page's state: the request as the API last showed it, the correction form, and
// what is going on. The token is a closure variable of the client: never in a signal, the DOM,
// a URL or storage.
import { signal } from '@preact/signals';
import { confirmation } from '../api/contract/confirm.ts';
import type { ManageView } from '../api/contract/manage.ts';
import { compactPhone, locales, type Locale } from '../api/contract/request.ts';
import type { Strings } from './i18n.ts';
import { createClient, type Answer, type Issue } from './network.ts';

/** The form's fields in the order they appear, which is the order focus visits errors. */
export const fieldNames = ['description', 'town', 'firstName', 'email', 'phone', 'marketingOptOut'] as const;
export type FieldName = (typeof fieldNames)[number];
export type Phase = 'loading' | 'ready' | 'noToken' | 'badToken' | 'failed';
export type NoticeKey = keyof Strings['notices'];
export type Danger = 'close' | 'erase';
/** What the confirmation mail's link came to (issue 13): confirmed (by which contact), or not. */
export type LinkResult = 'email' | 'sms' | 'refused' | 'failed';
export type CodeIssue = { key: keyof Strings['codeIssues']; n?: number };

const ok = (a: Answer) => a.status >= 200 && a.status < 300;

/** `link`: the proof after the dot of a confirmation mail's link (`#<token>.<proof>`), if it was one. */
export function createManage(token: string, initialLang: Locale, langChosen: boolean, link?: string) {
  const client = createClient(token);
  const lang = signal(initialLang);
  const phase = signal<Phase>(!token ? 'noToken' : /^[A-Za-z0-9_-]{20,100}$/.test(token) ? 'loading' : 'badToken');
  const view = signal<ManageView | null>(null);
  const values = { description: signal(''), town: signal(''), firstName: signal(''), email: signal(''), phone: signal('') };
  const marketingOptOut = signal(false);
  const errors = signal<Partial<Record<FieldName, Issue>>>({});
  const notice = signal<{ key: NoticeKey; n?: number } | null>(null);
  const confirming = signal<Danger | null>(null);
  const linkResult = signal<LinkResult | null>(null);
  /** The SMS code form (a phone-only request not yet confirmed): what is typed, what was wrong, codes left once known. */
  const code = signal('');
  const codeIssue = signal<CodeIssue | null>(null);
  const codesLeft = signal<number | null>(null);
  /** The element to focus once the DOM shows the change; the tick lets the same id be asked twice. */
  const focus = signal<{ id: string; tick: number } | null>(null);
  let busy = false;
  let chosen = langChosen;

  const focusOn = (id: string) => (focus.value = { id, tick: (focus.peek()?.tick ?? 0) + 1 });

  function show(next: ManageView, resetForm: boolean) {
    view.value = next;
    phase.value = 'ready';
    if (!resetForm) return;
    values.description.value = next.description;
    values.town.value = next.town ?? '';
    values.firstName.value = next.contact.firstName ?? '';
    values.email.value = next.contact.email ?? '';
    values.phone.value = next.contact.phone ?? '';
    marketingOptOut.value = next.marketingOptOut;
    errors.value = {};
  }

  /** An answer that is neither success nor a field error: a dead link ends the page, the rest is said. */
  function trouble(a: Answer) {
    if (a.status == 401 || a.status == 410) {
      phase.value = 'badToken';
      view.value = null;
      notice.value = null;
    } else {
      notice.value = { key: a.status == 0 ? 'network' : a.status == 429 ? 'rate' : 'server' };
    }
  }

  /** One action at a time: says what is going on, then what came of it. */
  async function act(doing: NoticeKey, run: () => Promise<Answer>, done: (a: Answer) => void, invalid?: (issues: Issue[]) => void) {
    if (busy) return;
    busy = true;
    notice.value = { key: doing };
    try {
      const a = await run();
      if (ok(a)) done(a);
      else if (a.status == 422 && invalid && Array.isArray(a.body?.issues)) invalid(a.body.issues);
      else trouble(a);
    } finally {
      busy = false;
    }
  }

  function load() {
    if (phase.peek() != 'loading' && phase.peek() != 'failed') return;
    phase.value = 'loading';
    notice.value = null;
    client.view(chosen ? lang.peek() : undefined).then((a) => {
      if (ok(a)) {
        if (!chosen && locales.includes(a.body.locale)) lang.value = a.body.locale;
        show(a.body, true);
      } else if (a.status == 401 || a.status == 410) trouble(a);
      else phase.value = 'failed';
    });
  }

  /** Keeps the first issue of each field; the server's codes are said in the page's language. */
  function showIssues(issues: Issue[]) {
    const found: Partial<Record<FieldName, Issue>> = {};
    for (const issue of issues) {
      const name = issue.path.split('.')[0] as FieldName;
      if (fieldNames.includes(name)) found[name] ||= issue;
    }
    errors.value = found;
    notice.value = { key: 'fix', n: Object.keys(found).length };
    const first = fieldNames.find((name) => found[name]);
    if (first) focusOn(first);
  }

  /** Only what the customer changed is sent, so an untouched empty field is never an error. */
  function changes(v: ManageView) {
    const patch: Record<string, string | boolean> = {};
    const { description, town, firstName, email, phone } = values;
    if (description.peek().trim() != v.description) patch.description = description.peek();
    if (town.peek().trim() != (v.town ?? '')) patch.town = town.peek();
    if (firstName.peek().trim() != (v.contact.firstName ?? '')) patch.firstName = firstName.peek();
    if (email.peek().trim() != (v.contact.email ?? '')) patch.email = email.peek();
    if (compactPhone(phone.peek()) != (v.contact.phone ?? '')) patch.phone = phone.peek();
    if (marketingOptOut.peek() != v.marketingOptOut) patch.marketingOptOut = marketingOptOut.peek();
    return patch;
  }

  function download(id: string, body: unknown) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }));
    a.download = `linkki-${id}.json`;
    a.click();
    // Revoked late: Chromium may still be reading the blob when click() returns.
    setTimeout(() => URL.revokeObjectURL(a.href), 40_000);
  }

  /** The request as it is now, after a change the answer did not show (a confirmation). */
  async function refresh() {
    const a = await client.view(lang.peek());
    if (ok(a)) show(a.body, false);
    else trouble(a);
  }

  /** The confirmation mail's link: confirmed first, then the request is shown as usual, whatever came of it. */
  function confirmLink(proof: string) {
    client.confirm({ link: proof }).then((a) => {
      // 401: the token itself is unknown, and the view's own 401 says so.
      if (a.status != 401) {
        linkResult.value = ok(a) ? (a.body.via as LinkResult) : a.status == 422 || a.status == 410 ? 'refused' : 'failed';
        focusOn('link-h');
      }
      load();
    });
  }

  if (phase.peek() == 'loading') {
    if (link) confirmLink(link);
    else load();
  }

  return {
    lang,
    phase,
    view,
    values,
    marketingOptOut,
    errors,
    notice,
    confirming,
    focus,
    linkResult,
    code,
    codeIssue,
    codesLeft,
    retry: load,

    /** In place, without a reload: the token lives only in this page's memory. */
    setLang(next: Locale) {
      if (next == lang.peek()) return;
      chosen = true;
      lang.value = next;
      history.replaceState(history.state, '', `${location.pathname}?lang=${next}`);
      if (phase.peek() != 'ready') return;
      // Labels the API localises (category, region) follow; the form keeps what was typed.
      client.view(next).then((a) => {
        if (ok(a) && lang.peek() == next) show(a.body, false);
        else if (!ok(a)) trouble(a);
      });
    },

    input(name: Exclude<FieldName, 'marketingOptOut'>, value: string) {
      values[name].value = value;
      if (errors.peek()[name]) {
        const rest = { ...errors.peek() };
        delete rest[name];
        errors.value = rest;
      }
    },

    setMarketingOptOut(value: boolean) {
      marketingOptOut.value = value;
    },

    save() {
      const patch = changes(view.peek()!);
      if (!Object.keys(patch).length) {
        errors.value = {};
        // Emptied first, so that saying it a second time is still a change screen readers announce.
        notice.value = null;
        queueMicrotask(() => (notice.value = { key: 'unchanged' }));
        return;
      }
      act(
        'saving',
        () => client.correct(lang.peek(), patch),
        (a) => {
          show(a.body, true);
          notice.value = { key: 'saved' };
        },
        showIssues,
      );
    },

    ask(kind: Danger) {
      confirming.value = kind;
      focusOn(`${kind}-q`);
    },

    cancel(kind: Danger) {
      confirming.value = null;
      focusOn(`${kind}-start`);
    },

    close() {
      act(
        'closing',
        () => client.close(lang.peek()),
        (a) => {
          confirming.value = null;
          show(a.body, false);
          notice.value = { key: 'closed' };
          focusOn('state-h');
        },
      );
    },

    erase() {
      act(
        'erasing',
        () => client.erase(),
        () => {
          const v = view.peek()!;
          confirming.value = null;
          view.value = { ...v, contact: { email: null, phone: null, firstName: null } };
          values.firstName.value = '';
          values.email.value = '';
          values.phone.value = '';
          const { email: _e, phone: _p, firstName: _f, ...rest } = errors.peek();
          errors.value = rest;
          notice.value = { key: 'erased' };
          focusOn('stored-h');
        },
      );
    },

    inputCode(value: string) {
      code.value = value;
      codeIssue.value = null;
    },

    /** The SMS code (api/contract/confirm.ts): a code that did not confirm is said on the field, which gets focus. */
    async confirmCode() {
      if (busy) return;
      busy = true;
      notice.value = { key: 'confirming' };
      const a = await client.confirm({ code: code.peek().replace(/\s/g, '') });
      busy = false;
      if (ok(a)) {
        code.value = '';
        notice.value = { key: 'confirmed' };
        await refresh();
        focusOn('state-h');
      } else if (a.status == 422) {
        const why = a.body?.reason;
        codeIssue.value = !why
          ? { key: 'invalid', n: confirmation.codeDigits }
          : why == 'wrong' && a.body.attemptsLeft
            ? { key: 'wrong', n: a.body.attemptsLeft }
            : why == 'expired' || why == 'none'
              ? { key: 'stale' }
              : { key: 'used_up' };
        notice.value = null;
        focusOn('code');
      } else trouble(a);
    },

    async newCode() {
      if (busy) return;
      busy = true;
      notice.value = { key: 'sending' };
      const a = await client.newCode();
      busy = false;
      if (ok(a)) {
        codesLeft.value = a.body.sendsLeft;
        code.value = '';
        codeIssue.value = null;
        notice.value = { key: 'codeSent', n: a.body.sendsLeft };
      } else if (a.body?.error == 'codes_used_up') {
        codesLeft.value = 0;
        notice.value = { key: 'noMoreCodes' };
      } else if (a.status == 409) {
        // Confirmed meanwhile (in the widget, say): the view shows it.
        notice.value = null;
        return refresh();
      } else return trouble(a);
      // The button is gone once no code is left: focus stays in the form.
      if (!codesLeft.peek()) focusOn('code');
    },

    exportData() {
      act(
        'exporting',
        () => client.export(),
        (a) => {
          download(view.peek()!.id, a.body);
          notice.value = { key: 'exported' };
        },
      );
    },
  };
}

export type Manage = ReturnType<typeof createManage>;
