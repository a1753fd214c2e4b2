// `npm run lint:sql`, run by .ci/run: no SQL above the domain (api/domain/README.md, "The SQL
// rule"). Pages, routes and HTTP middleware call verbs; an import rule cannot see a raw
// `client.execute(…)` on a context, so this looks for the calls themselves.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const aboveTheDomain = ['dashboard', 'api/routes', 'api/http', 'api/app.ts'];
const rawSql = /\bclient\.(execute|batch|transaction)\(|\bsql`|\.run\(sql/;

function* files(path: string): Generator<string> {
  if (statSync(path).isFile()) {
    if (/\.tsx?$/.test(path)) yield path;
    return;
  }
  for (const name of readdirSync(path)) yield* files(join(path, name));
}

const found: string[] = [];
for (const root of aboveTheDomain) {
  for (const file of files(root)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (rawSql.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
}
if (found.length) {
  console.error(`SQL above the domain (move it into a verb under api/domain/):\n${found.join('\n')}`);
  process.exit(1);
}
console.log(`no SQL above the domain (${aboveTheDomain.join(', ')})`);
