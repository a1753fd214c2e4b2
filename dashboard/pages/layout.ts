// Server-rendered pages: no inline script or style, so a strict CSP holds.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { MiddlewareHandler } from 'hono';

export const pageCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

export function pageHeaders(): MiddlewareHandler {
  return async function pageHeadersMiddleware(c, next) {
    await next();
    if (!c.res.headers.get('content-type')?.startsWith('text/html')) return;
    c.header('Content-Security-Policy', pageCsp);
    c.header('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: under no-referrer Chromium posts our own forms with
    // `Origin: null`, which the cross-origin check must refuse. Other sites still get nothing.
    c.header('Referrer-Policy', 'same-origin');
    c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * The one page frame. Public pages pass only a body; the dashboard adds its class and header,
 * and its <main> becomes the skip-link target.
 */
export function layout(lang: string, title: string, body: Html, chrome?: { bodyClass: string; header: Html }) {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/page.css">
</head>
${
  chrome
    ? html`<body class="${chrome.bodyClass}">
${chrome.header}
<main id="main" tabindex="-1">`
    : html`<body>
<main>`
}
${body}
</main>
</body>
</html>`;
}
