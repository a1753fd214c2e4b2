// `npm run lint:sql`, run by .ci/run: the SQL rule of api/domain/README.md.
// - No SQL above the domain. Pages, routes and HTTP middleware call verbs; an import rule cannot
//   see a raw `client.execute(…)` on a context, so this looks for the calls themselves.
// - Typed rows. Where raw SQL is allowed, a row is read by a reader from api/db/rows.ts, not cast
//   field by field with Number() or String(). This knows the usual names of a row variable, not
//   every one: it keeps new casts from creeping back in.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const aboveTheDomain = ['dashboard', 'api/routes', 'api/http', 'api/app.ts'];
const rawSql = /\bclient\.(execute|batch|transaction)\(|\bsql`|\.run\(sql/;
const withRows = ['api', 'scripts'];
const rowCast = /\b(Number|String)\((r|row|rows\[\d\]!?|[a-z]+Row)[.[]|\b(Number|String)\([\w!.]*\.rows\[/;

function* files(path: string): Generator<string> {
  if (statSync(path).isFile()) {
    if (/\.tsx?$/.test(path)) yield path;
    return;
  }
  for (const name of readdirSync(path)) yield* files(join(path, name));
}

function find(roots: string[], pattern: RegExp): string[] {
  const found: string[] = [];
  for (const root of roots) {
    for (const file of files(root)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (pattern.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
  }
  return found;
}

const sqlAbove = find(aboveTheDomain, rawSql);
const casts = find(withRows, rowCast);
if (sqlAbove.length) console.error(`SQL above the domain (move it into a verb under api/domain/):\n${sqlAbove.join('\n')}`);
if (casts.length)
  console.error(`Row fields cast one by one (declare a rowReader from api/db/rows.ts beside the query):\n${casts.join('\n')}`);
if (sqlAbove.length || casts.length) process.exit(1);
console.log(`no SQL above the domain (${aboveTheDomain.join(', ')}); no row field casts (${withRows.join(', ')})`);
