// One renderer for every mail: a small document (heading, paragraphs, facts, links, lists) becomes
// plain text and simple, accessible HTML (lang, a real heading, a definition list, links that
// say where they go, no images, no layout tables, no script). Everything interpolated is escaped.
import type { Locale } from '../contract/request.ts';

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'facts'; title?: string; rows: [label: string, value: string][] }
  | { kind: 'link'; label: string; href: string; text?: string }
  | { kind: 'list'; items: { label: string; href: string; detail: string }[] }
  | { kind: 'small'; text: string };

export type MailDocument = { subject: string; heading: string; blocks: Block[]; footer: Block[] };
export type Rendered = { subject: string; text: string; html: string };

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

function textOf(block: Block): string {
  switch (block.kind) {
    case 'p':
    case 'small':
      return block.text;
    case 'facts':
      return [...(block.title ? [block.title] : []), ...block.rows.map(([l, v]) => `${l}: ${v}`)].join('\n');
    case 'link':
      return [block.text, `${block.label}:\n${block.href}`].filter(Boolean).join('\n');
    case 'list':
      return block.items.map((i) => `- ${i.label} (${i.detail})\n  ${i.href}`).join('\n');
  }
}

function htmlOf(block: Block): string {
  switch (block.kind) {
    case 'p':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'small':
      return `<p style="font-size:14px;color:#444">${escapeHtml(block.text)}</p>`;
    case 'facts':
      return `${block.title ? `<h2 style="font-size:18px">${escapeHtml(block.title)}</h2>` : ''}<dl>${block.rows
        .map(
          ([l, v]) =>
            `<dt style="font-weight:bold">${escapeHtml(l)}</dt><dd style="margin:0 0 8px 0;white-space:pre-wrap">${escapeHtml(v)}</dd>`,
        )
        .join('')}</dl>`;
    case 'link':
      return `${block.text ? `<p>${escapeHtml(block.text)}</p>` : ''}<p><a href="${escapeHtml(block.href)}" style="color:#0b5394;font-weight:bold">${escapeHtml(block.label)}</a></p>`;
    case 'list':
      return `<ul>${block.items
        .map((i) => `<li><a href="${escapeHtml(i.href)}" style="color:#0b5394">${escapeHtml(i.label)}</a> – ${escapeHtml(i.detail)}</li>`)
        .join('')}</ul>`;
  }
}

export function render(doc: MailDocument, lang: Locale): Rendered {
  const text = [doc.heading, '', ...doc.blocks.map(textOf).flatMap((t) => [t, '']), '--', ...doc.footer.map(textOf)].join('\n');
  const html = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(doc.subject)}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<main style="max-width:600px">
<h1 style="font-size:22px">${escapeHtml(doc.heading)}</h1>
${doc.blocks.map(htmlOf).join('\n')}
<hr>
<footer>${doc.footer.map(htmlOf).join('\n')}</footer>
</main>
</body>
</html>`;
  return { subject: doc.subject, text: `${text}\n`, html };
}
