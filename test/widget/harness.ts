// Browser tests run the real widget from dist/ against the real API, embedded in a partner
// page on another origin (127.0.0.1 vs the API's localhost) with a strict CSP and a hostile
// stylesheet, as a partner would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Client } from '@libsql/client';
import type { TestServer } from '../support/server.ts';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Everything a page can do to break an embed with CSS alone. */
export const hostileCss = `
* { all: unset !important; font-size: 5px !important; color: #f0f !important; line-height: 0 !important; }
html, body { background: #000 !important; font-family: fantasy !important; }
linkki-request { display: none !important; opacity: 0 !important; font-size: 2px !important; }
input, select, textarea, button, label { display: none !important; visibility: hidden !important; }
:root { font-size: 3px !important; }
`;

export const strictCsp = (api: string) => `script-src ${api}; connect-src ${api}; require-trusted-types-for 'script'`;

export type Embed = { partner: string; lang?: string; attrs?: string };

/** `spacer` puts a screenful of page between the elements (an inline style: the hostile sheet flattens everything else). */
export function partnerPage(api: string, embeds: Embed[], opts: { spacer?: boolean } = {}) {
  const elements = embeds.map(
    ({ partner, lang = 'fi', attrs = '' }) =>
      `<linkki-request partner="${partner}" lang="${lang}" ${attrs}><a href="${api}/request?partner=${partner}&amp;lang=${lang}">Jätä tarjouspyyntö</a></linkki-request>`,
  );
  return `<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<title>Rautakauppa</title>
<link rel="stylesheet" href="/hostile.css">
</head>
<body>
<main>
<h1>Remonttipalvelu</h1>
<script type="module" src="${api}/widget.js"></script>
${elements.join(opts.spacer ? '\n<div style="display:block !important; height:4000px !important"></div>\n' : '\n')}
</main>
</body>
</html>`;
}

export type PartnerSite = { origin: string; show(path: string, html: string, csp?: string): string; close(): Promise<void> };

/** A partner's web server on 127.0.0.1; `show` publishes a page and returns its URL. */
export async function startPartnerSite(): Promise<PartnerSite> {
  const pages = new Map<string, { html: string; csp?: string }>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/hostile.css') {
      res.writeHead(200, { 'content-type': 'text/css' }).end(hostileCss);
      return;
    }
    const page = pages.get(path);
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      ...(page.csp ? { 'content-security-policy': page.csp } : {}),
    });
    res.end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    show(path, html, csp) {
      pages.set(path, { html, csp });
      return origin + path;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

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
  opts: { spacer?: boolean; csp?: string; bypassCSP?: boolean; origins?: string[]; partnerKey?: string } = {},
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
  await page.goto(site.show(`/p/${partner.publicKey}`, html, opts.csp ?? strictCsp(api.url)));
  return { page, partner, trouble, events: () => events(page) };
}
