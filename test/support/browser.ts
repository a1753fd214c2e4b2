// Chromium and a partner's web page, shared by the browser tests and bench/widget.ts: the real
// widget from dist/ embedded in a page on another origin (127.0.0.1 vs the API's localhost) with
// a strict CSP and a hostile stylesheet, as a partner would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

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
