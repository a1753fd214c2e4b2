// SPEC "Quality bars": a loader of at most 1 KiB gzip, and at most 15 KiB gzip in all before
// the visitor can type: the loader, the app chunk and one language's sentences (a visitor
// downloads only their own). The proof of work (widget/pow.ts) is a chunk loaded once the visitor
// types, with a budget of its own. Measured on the built dist/, as `npm test` builds it first.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';

const dist = new URL('../../dist/', import.meta.url);
const gzip = (file: string) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;

describe('the widget bundle', () => {
  const files = readdirSync(dist).filter((f) => /^widget.*\.js$/.test(f));
  const languages = files.filter((f) => /^widget-(fi|sv|en)-/.test(f));
  const typing = files.filter((f) => /^widget-pow-/.test(f));
  const app = files.filter((f) => f !== 'widget.js' && !languages.includes(f) && !typing.includes(f));

  test('is built: the loader, the app chunk, one chunk per language, the proof of work', () => {
    expect(files).toContain('widget.js');
    expect(app).toHaveLength(1);
    expect(typing).toHaveLength(1);
    expect(languages.map((f) => f.slice(7, 9)).sort()).toEqual(['en', 'fi', 'sv']);
  });

  test('the loader is at most 1024 gzip bytes', () => {
    expect(gzip('widget.js')).toBeLessThanOrEqual(1024);
  });

  test('loader + app + the largest language are at most 15360 gzip bytes', () => {
    const total = gzip('widget.js') + app.reduce((n, f) => n + gzip(f), 0) + Math.max(...languages.map(gzip));
    expect(total).toBeLessThanOrEqual(15360);
  });

  test('the proof of work, loaded once the visitor types, is at most 1024 gzip bytes', () => {
    expect(gzip(typing[0]!)).toBeLessThanOrEqual(1024);
  });

  test('the app imports the proof of work only on demand', () => {
    const code = readFileSync(new URL(app[0]!, dist), 'utf8');
    expect(code).toContain(`import("./${typing[0]}")`);
    expect(code).not.toMatch(new RegExp(`^import[^(]*"\\./${typing[0]}"`, 'm'));
  });

  test('the loader imports only chunks of its own build', () => {
    const loader = readFileSync(new URL('widget.js', dist), 'utf8');
    const imported = [...loader.matchAll(/import\("\.\/([^"]+)"\)/g)].map((m) => m[1]).sort();
    expect(imported).toEqual([...app, ...languages].sort());
  });
});
