// Browser tests run the real widget from dist/ against the real API, embedded in a partner
// page on another origin (127.0.0.1 vs the API's localhost) with a strict CSP and a hostile
// stylesheet, as a partner would (the page and the browser: test/support/browser.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Client } from '@libsql/client';
import { partnerPage, strictCsp, type Embed, type PartnerSite } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';

export {
  hostileCss,
  launchBrowser,
  partnerPage,
  startPartnerSite,
  strictCsp,
  type Embed,
  type PartnerSite,
} from '../support/browser.ts';

export type Trouble = { violations: string[]; consoleErrors: string[]; pageErrors: string[]; linkkiLines: string[] };

/** Records CSP and Trusted Types violations (from the first script on), console errors and uncaught errors. */
export async function watchTrouble(context: BrowserContext, page: Page): Promise<() => Promise<Trouble>> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as { __violations?: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
  });
  const consoleErrors: string[] = [];
  const linkkiLines: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (m) => {
    if (m.text().startsWith('Linkki:')) linkkiLines.push(m.text());
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return async () => ({
    violations: await page.evaluate(() => (globalThis as { __violations?: string[] }).__violations ?? []),
    consoleErrors,
    pageErrors,
    linkkiLines,
  });
}

/** Every linkki:* event that reaches the document, from the first script on, as `type detail`. */
export async function recordEvents(context: BrowserContext): Promise<(page: Page) => Promise<string[]>> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as { __linkkiEvents?: string[] }).__linkkiEvents = seen;
    for (const name of ['shown', 'started', 'sent', 'submitted', 'error']) {
      document.addEventListener(`linkki:${name}`, (e) => seen.push(`${e.type} ${JSON.stringify((e as CustomEvent).detail ?? null)}`));
    }
  });
  return (page) => page.evaluate(() => (globalThis as { __linkkiEvents?: string[] }).__linkkiEvents ?? []);
}

/** The shadow root's focused element, as `tag#id`. */
export function focusedInWidget(page: Page, index = 0): Promise<string> {
  return page.evaluate((i) => {
    const el = document.querySelectorAll('linkki-request')[i]?.shadowRoot?.activeElement;
    return el ? `${el.tagName.toLowerCase()}#${el.id}` : '';
  }, index);
}

export async function countRequests(db: Client, partnerId: string) {
  const { rows } = await db.execute({ sql: 'SELECT id FROM requests WHERE partner_id = ?', args: [partnerId] });
  return rows.length;
}

export type Opened = {
  page: Page;
  partner: { id: string; publicKey: string };
  trouble(): Promise<Trouble>;
  events(): Promise<string[]>;
};

/**
 * A fresh partner (allowed on the site's origin unless `origins` says otherwise), a fresh
 * browser context, and its page with the given embeds, under the strict CSP unless `csp` differs.
 */
export async function openPartnerPage(
  browser: Browser,
  api: TestServer,
  site: PartnerSite,
  embeds: Omit<Embed, 'partner'>[] = [{}],
  opts: {
    spacer?: boolean;
    csp?: string;
    bypassCSP?: boolean;
    origins?: string[];
    partnerKey?: string;
    /** Runs before the page loads: routes the loader's own first requests must meet. */
    beforeLoad?: (page: Page) => Promise<unknown>;
  } = {},
): Promise<Opened> {
  const partner = await api.createPartner({ origins: opts.origins ?? [site.origin] });
  const context = await browser.newContext({ bypassCSP: opts.bypassCSP });
  const page = await context.newPage();
  const trouble = await watchTrouble(context, page);
  const events = await recordEvents(context);
  const key = opts.partnerKey ?? partner.publicKey;
  const html = partnerPage(
    api.url,
    embeds.map((e) => ({ partner: key, ...e })),
    opts,
  );
  await opts.beforeLoad?.(page);
  await page.goto(site.show(`/p/${partner.publicKey}`, html, opts.csp ?? strictCsp(api.url)));
  return { page, partner, trouble, events: () => events(page) };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeSummary = { violations: { id: string; nodes: string[] }[]; shadowNodesChecked: number };

/** axe-core over the widget's shadow tree (WCAG 2.2 AA and best practices); the page itself is the partner's business. */
export async function axeWidget(p: Page): Promise<AxeSummary> {
  await p.addScriptTag({ content: axeSource });
  return p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<any> } }).axe;
    const result = await axe.run(
      { include: [{ fromShadowDom: ['linkki-request', '.w'] }] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } },
    );
    const targets = [...result.passes, ...result.violations].flatMap((r: any) => r.nodes.map((n: any) => n.target));
    return {
      violations: result.violations.map((v: any) => ({ id: v.id, nodes: v.nodes.map((n: any) => n.html) })),
      // A target inside a shadow root is a list of selectors: proof axe looked inside.
      shadowNodesChecked: targets.filter((t: unknown[]) => Array.isArray(t[0])).length,
    };
  });
}
