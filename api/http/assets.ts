// The headers of the static files in dist/ (the widget's loader and chunks, the manage page's
// script, the page stylesheet): one rule, used by the Node server for each answer and written
// into dist/_headers for Workers static assets by the build (scripts/copy-static.ts).

/** The widget's chunks carry a content hash in their name (rollup.config.mjs): a new build is a new URL. */
export const hashedAsset = /^\/widget-[a-z]+-[\w-]{8}\.js$/;

/** Cached for good: the URL changes when the content does. */
export const immutable = 'public, max-age=31536000, immutable';
/**
 * The stable URLs (widget.js that partners paste, the manage script, page.css): a browser uses
 * its copy for 5 minutes, then for a day more while it revalidates in the background (ETag →
 * 304), so a new release reaches every page within minutes and costs a visitor no wait.
 */
export const revalidated = 'public, max-age=300, stale-while-revalidate=86400';

/** Headers for a path under dist/ served at the site's root (`/widget.js`, `/page.css`…). */
export function assetHeaders(path: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Cache-Control': hashedAsset.test(path) ? immutable : revalidated,
    'X-Content-Type-Options': 'nosniff',
  };
  // The widget is fetched cross-origin as a module script: it needs CORS, and it is public.
  if (path.startsWith('/widget')) {
    headers['Access-Control-Allow-Origin'] = '*';
    headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
  }
  return headers;
}

/**
 * The same rule as a Workers `_headers` file. Rules there add up, so each path gets one
 * Cache-Control: the hashed chunks match `/widget-*.js` (the loader is `/widget.js`, the manage
 * script ends in `.mjs`). Workers assets send an ETag and compress for the client themselves.
 */
export function headersFile(): string {
  const block = (pattern: string, headers: Record<string, string>) =>
    `${pattern}\n${Object.entries(headers)
      .map(([k, v]) => `  ${k}: ${v}\n`)
      .join('')}`;
  const { 'Cache-Control': _chunk, ...widgetCommon } = assetHeaders('/widget.js');
  return [
    block('/widget*', widgetCommon),
    block('/widget-*.js', { 'Cache-Control': immutable }),
    block('/widget.js', { 'Cache-Control': revalidated }),
    block('/widget-manage.mjs', { 'Cache-Control': revalidated }),
    block('/page.css', assetHeaders('/page.css')),
  ].join('');
}
