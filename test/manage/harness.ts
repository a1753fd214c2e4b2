// Manage-page browser tests: real Chromium (as in test/widget/harness.ts) against the real server
// and the built dist/widget-manage.mjs. Each tab records every URL it requests and every
// Authorization header it sends, and CSP / Trusted Types violations from the first script on.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { postRequest, validRequest } from '../support/intake.ts';
import type { TestServer } from '../support/server.ts';
import { watchTrouble, type Trouble } from '../widget/harness.ts';
import { now } from '../support/clock.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function assertBuilt() {
  if (!existsSync(new URL('../../dist/widget-manage.mjs', import.meta.url))) {
    throw new Error('dist/widget-manage.mjs is missing: run `npm run build` first');
  }
}

let counter = 0;

/** A request sent as a customer would, with contact values no other request has. */
export async function customerRequest(server: TestServer, partnerKey: string, overrides: Record<string, unknown> = {}) {
  const tag = `${now().toString(36)}${(++counter).toString(36)}`;
  const email = `asiakas-${tag}@example.fi`;
  const res = await postRequest(server.url, validRequest(partnerKey, { email, ...overrides }));
  if (res.status !== 201) throw new Error(`request not stored: ${res.status}`);
  const body = (await res.json()) as { id: string; manageToken: string; manageUrl: string };
  return { ...body, email };
}

export type Tab = {
  page: Page;
  context: BrowserContext;
  trouble(): Promise<Trouble>;
  /** Every URL the page asked for, in order. */
  urls: string[];
  /** `METHOD path` and the Authorization header of every API call. */
  apiCalls: { call: string; authorization: string | undefined }[];
  /** Console errors but the browser's own favicon request (the server has none: a 404). */
  consoleErrors: string[];
};

/** A fresh browser profile. `bypassCSP` only where axe must be injected as an inline script. */
export async function openTab(browser: Browser, server: TestServer, opts: { bypassCSP?: boolean } = {}): Promise<Tab> {
  const context = await browser.newContext({ bypassCSP: opts.bypassCSP, baseURL: server.url, acceptDownloads: true });
  const page = await context.newPage();
  // A state that never comes fails at its step, well inside the test's own timeout.
  page.setDefaultTimeout(10_000);
  const trouble = await watchTrouble(context, page);
  const urls: string[] = [];
  const apiCalls: Tab['apiCalls'] = [];
  context.on('request', (req) => {
    urls.push(req.url());
    const url = new URL(req.url());
    if (url.pathname.startsWith('/v1/'))
      apiCalls.push({ call: `${req.method()} ${url.pathname}${url.search}`, authorization: req.headers().authorization });
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) consoleErrors.push(`${m.text()} (${m.location().url})`);
  });
  return { page, context, trouble, urls, apiCalls, consoleErrors };
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => !!document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The focused element as `tag#id`. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}#${el.id}` : '';
  });

/** Replaces the focused text field's value by typing, as a keyboard user would. */
export async function retype(page: Page, text: string) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
}

export type AxeSummary = { violations: { id: string; nodes: string[] }[]; checked: number };

/** axe-core over the whole document, WCAG 2.2 AA and best practices. */
export async function axe(page: Page): Promise<AxeSummary> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<any> } }).axe;
    const result = await run.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return {
      violations: result.violations.map((v: any) => ({ id: v.id, nodes: v.nodes.map((n: any) => n.html) })),
      checked: result.passes.reduce((n: number, r: any) => n + r.nodes.length, 0),
    };
  });
}

export async function requestRow(server: TestServer, id: string) {
  const { rows } = await server.db.execute({ sql: 'SELECT status, marketing_opt_out, ended_at FROM requests WHERE id = ?', args: [id] });
  return rows[0]!;
}

export async function contactRow(server: TestServer, id: string) {
  const { rows } = await server.db.execute({
    sql: 'SELECT email_enc, email_hash, phone_enc FROM request_contacts WHERE request_id = ?',
    args: [id],
  });
  return rows[0];
}
