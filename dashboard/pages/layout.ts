// Server-rendered pages: no inline script or style, so the strict CSP of lib/headers.ts holds.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

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
