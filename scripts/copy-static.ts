// After rollup: put the page stylesheet beside the widget in dist/, write each text file's
// gzip and brotli twins (the Node server sends them to a browser that accepts them), and write
// the Workers assets `_headers`, so the Worker serves the same files with the same headers.
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { headersFile } from '../api/http/assets.ts';

const dist = new URL('../dist/', import.meta.url);
copyFileSync(new URL('../dashboard/static/page.css', import.meta.url), new URL('page.css', dist));

for (const name of readdirSync(dist)) {
  if (/\.(gz|br)$/.test(name)) rmSync(new URL(name, dist));
}
for (const name of readdirSync(dist)) {
  if (!/\.(m?js|css)$/.test(name)) continue;
  const file = new URL(name, dist);
  const text = readFileSync(file);
  writeFileSync(new URL(`${name}.gz`, dist), gzipSync(text, { level: 9 }));
  writeFileSync(
    new URL(`${name}.br`, dist),
    brotliCompressSync(text, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: text.length },
    }),
  );
}

writeFileSync(new URL('_headers', dist), headersFile());
// Workers assets compress for each client themselves: the twins are not uploaded.
writeFileSync(new URL('.assetsignore', dist), '*.br\n*.gz\n');
