// Dashboard browser tests: real Chromium (as in test/widget/harness.ts) against the real server
// on a fresh database. Every HTML answer's headers are recorded, so a test can prove each page
// carried the strict CSP; CSP violations are recorded from the first script on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureAdmin } from '../../api/domain/bootstrap.ts';
import { sendRequest } from '../support/accounts.ts';
import type { TestServer } from '../support/server.ts';
import { watchTrouble, type Trouble } from '../widget/harness.ts';
import { now } from '../support/clock.ts';

export const admin = { email: 'staff@linkki.example', password: 'yllapidon-tunnus-2026' };

export async function withAdmin(server: TestServer) {
  await ensureAdmin(server.deps, admin.email, admin.password);
}

export type Tab = {
  page: Page;
  context: BrowserContext;
  /** CSP violations, console errors and page errors seen so far. */
  trouble(): Promise<Trouble>;
  /** Content-Security-Policy of every HTML document the server answered, by URL. */
  policies: { url: string; status: number; csp: string | null }[];
};

/** A fresh browser profile (its own cookies) with a page on the server. */
export async function openTab(browser: Browser, server: TestServer, opts: { bypassCSP?: boolean } = {}): Promise<Tab> {
  const context = await browser.newContext({ bypassCSP: opts.bypassCSP, baseURL: server.url });
  const page = await context.newPage();
  // A state that never comes fails at its step, well inside the test's own timeout.
  page.setDefaultTimeout(10_000);
  const trouble = await watchTrouble(context, page);
  const policies: Tab['policies'] = [];
  page.on('response', (res) => {
    if (res.url().startsWith(server.url) && (res.headers()['content-type'] ?? '').startsWith('text/html')) {
      policies.push({ url: res.url(), status: res.status(), csp: res.headers()['content-security-policy'] ?? null });
    }
  });
  return { page, context, trouble, policies };
}

const loginWords = {
  fi: ['Sähköposti', 'Salasana', 'Kirjaudu'],
  sv: ['E-post', 'Lösenord', 'Logga in'],
  en: ['Email', 'Password', 'Sign in'],
} as const;

export async function signIn(page: Page, email: string, password: string, lang: keyof typeof loginWords = 'fi') {
  const [emailLabel, passwordLabel, button] = loginWords[lang];
  await page.goto(`/dashboard/login?lang=${lang}`);
  await page.getByLabel(emailLabel).fill(email);
  await page.getByLabel(passwordLabel, { exact: true }).fill(password);
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dashboard/login'));
}

let counter = 0;

/** A customer's request with contact values no other request has; returns them with its id. */
export async function customerRequest(server: TestServer, partnerKey: string, overrides: Record<string, unknown> = {}) {
  const tag = `${now().toString(36)}${(++counter).toString(36)}`;
  const email = `asiakas-${tag}@example.fi`;
  const phone = `040${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const description = `Keittiöremontti ${tag}: kaapistot ja työtaso uusiksi.`;
  const id = await sendRequest(server, partnerKey, { email, phone, description, ...overrides });
  return { id, email, phone, description, tag };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string; nodes: string[] };

/**
 * axe-core over the whole page (WCAG 2.2 A/AA and best practice). Needs a bypassCSP context:
 * axe comes in as an inline script. Throws if axe checked next to nothing (it did not run).
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const { violations, passed } = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<any> } }).axe;
    const result = await run.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return {
      violations: result.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => n.html) })),
      passed: result.passes.length as number,
    };
  });
  if (passed < 10) throw new Error(`axe passed only ${passed} rules: did it run?`);
  return violations;
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, matches: (el: { tag: string; name: string; type: string }) => boolean, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return {
        tag: a?.tagName.toLowerCase() ?? '',
        name: (a?.getAttribute('name') || a?.textContent || '').trim(),
        type: a?.getAttribute('type') ?? '',
      };
    });
    if (matches(el)) return el;
  }
  throw new Error('focus never reached the element');
}

export type HttpSession = {
  cookie: string;
  get(path: string): Promise<Response>;
  /** A form post as the dashboard's own page sends it (urlencoded, our Origin), redirects not followed. */
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
};

/** Signs in through the dashboard's own login form over plain HTTP. */
export async function httpSignIn(server: TestServer, email: string, password: string): Promise<HttpSession> {
  const origin = new URL(server.deps.config.publicUrl).origin;
  const res = await fetch(`${server.url}/dashboard/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ email, password }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return {
    cookie,
    get: (path) => fetch(`${server.url}${path}`, { redirect: 'manual', headers: { cookie } }),
    post: (path, form, headers = {}) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form),
      }),
  };
}
