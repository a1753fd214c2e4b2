// SPEC "Quality bars": a loader of at most 1 KiB gzip, and at most 15 KiB gzip in all before
// the visitor can type: the loader, the app chunk and one language's sentences (a visitor
// downloads only their own). The proof of work (widget/pow.ts), the thank-you view
// (widget/done.tsx, with its sentences per language) and the form's optional section
// (widget/more.tsx, a first name and the category's questions, whose sentences ride in the view's
// language chunks) are chunks loaded once the visitor types, each with a budget of its own
// (rollup.config.mjs says why the view's is 2 KiB). Measured on the built dist/, as `npm test`
// builds it first.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { hashedAsset } from '../../api/http/assets.ts';

const dist = new URL('../../dist/', import.meta.url);
const gzip = (file: string) => gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;

describe('the widget bundle', () => {
  const files = readdirSync(dist).filter((f) => /^widget.*\.js$/.test(f));
  const languages = files.filter((f) => /^widget-(fi|sv|en)-/.test(f));
  const pow = files.filter((f) => /^widget-pow-/.test(f));
  const done = files.filter((f) => /^widget-done-/.test(f));
  const doneLanguages = files.filter((f) => /^widget-done(fi|sv|en)-/.test(f));
  const more = files.filter((f) => /^widget-more-/.test(f));
  const typing = [...pow, ...done, ...doneLanguages, ...more];
  const app = files.filter((f) => f !== 'widget.js' && !languages.includes(f) && !typing.includes(f));
  const code = (file: string) => readFileSync(new URL(file, dist), 'utf8');
  /** `file` imports `chunk` with import(), and not with a static import. */
  const onDemand = (file: string, chunk: string) => {
    expect(code(file)).toContain(`import("./${chunk}")`);
    expect(code(file)).not.toMatch(new RegExp(`^import[^(]*"\\./${chunk}"`, 'm'));
  };

  test('is built: the loader, the app chunk, one chunk per language, the proof of work, the thank-you view and its languages, the optional section', () => {
    expect(files).toContain('widget.js');
    expect(app).toHaveLength(1);
    expect(pow).toHaveLength(1);
    expect(done).toHaveLength(1);
    expect(more).toHaveLength(1);
    expect(languages.map((f) => f.slice(7, 9)).sort()).toEqual(['en', 'fi', 'sv']);
    expect(doneLanguages.map((f) => f.slice(11, 13)).sort()).toEqual(['en', 'fi', 'sv']);
  });

  test('every chunk is named as api/http/assets.ts expects of a content-hashed file (cached for good)', () => {
    expect(files.filter((f) => f !== 'widget.js' && !hashedAsset.test(`/${f}`))).toEqual([]);
  });

  test('the loader is at most 1024 gzip bytes', () => {
    expect(gzip('widget.js')).toBeLessThanOrEqual(1024);
  });

  test('loader + app + the largest language are at most 15360 gzip bytes', () => {
    const total = gzip('widget.js') + app.reduce((n, f) => n + gzip(f), 0) + Math.max(...languages.map(gzip));
    expect(total).toBeLessThanOrEqual(15360);
  });

  test('the proof of work, loaded once the visitor types, is at most 1024 gzip bytes', () => {
    expect(gzip(pow[0]!)).toBeLessThanOrEqual(1024);
  });

  test('the thank-you view, loaded once the visitor types, is at most 2048 gzip bytes; each of its languages at most 1024', () => {
    expect(gzip(done[0]!)).toBeLessThanOrEqual(2048);
    for (const f of doneLanguages) expect(gzip(f), f).toBeLessThanOrEqual(1024);
  });

  test('the optional section, loaded once the visitor types, is at most 1024 gzip bytes', () => {
    expect(gzip(more[0]!)).toBeLessThanOrEqual(1024);
  });

  test('the app imports the proof of work, the thank-you view and the optional section only on demand, and those two their sentences', () => {
    onDemand(app[0]!, pow[0]!);
    onDemand(app[0]!, done[0]!);
    onDemand(app[0]!, more[0]!);
    for (const f of doneLanguages) onDemand(done[0]!, f);
    for (const f of doneLanguages) onDemand(more[0]!, f);
    // The section does not wait for the view's code: it asks for the sentences alone.
    expect(code(more[0]!)).not.toContain(done[0]!);
  });

  test('the loader imports only chunks of its own build', () => {
    const loader = readFileSync(new URL('widget.js', dist), 'utf8');
    const imported = [...loader.matchAll(/import\("\.\/([^"]+)"\)/g)].map((m) => m[1]).sort();
    expect(imported).toEqual([...app, ...languages].sort());
  });
});
