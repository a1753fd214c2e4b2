// After rollup: put the page stylesheet beside the widget in dist/ and write the Workers
// assets `_headers`, so the Worker serves the same files with the same headers as Node.
import { copyFileSync, writeFileSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
copyFileSync(new URL('../dashboard/static/page.css', import.meta.url), new URL('page.css', dist));
// The widget is fetched cross-origin as a module script: it needs CORS, and it is public.
writeFileSync(
  new URL('_headers', dist),
  `/widget*
  Access-Control-Allow-Origin: *
  Cross-Origin-Resource-Policy: cross-origin
  Cache-Control: public, max-age=300
  X-Content-Type-Options: nosniff
/page.css
  Cache-Control: public, max-age=300
  X-Content-Type-Options: nosniff
`,
);
