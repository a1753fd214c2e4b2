// `npm run backup -- [--dir DIR] [--now ISO]`: a consistent copy of the local database
// (VACUUM INTO: a snapshot with no free pages), then deletes this command's copies older than
// retention.backupDays, so personal data never outlives ~7 months anywhere (S17).
// Copies are named by their instant, and ages are read from the names, not file times.
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { retention } from '../api/config.ts';
import { DAY_MS } from '../api/contract/dates.ts';
import { openFileDatabase } from '../api/db/open-file.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' }, now: { type: 'string' } } });
const dbPath = resolve((process.env.DATABASE_URL ?? 'data/linkki.db').replace(/^file:/, ''));
const dir = resolve(values.dir ?? join(dirname(dbPath), 'backups'));
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) {
  console.error(`--now: not an ISO 8601 instant: ${values.now}`);
  process.exit(2);
}

const stamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');
const NAME = /^linkki-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.db$/;
const parse = (s: string) => new Date(s.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z'));

// A copy holds the same personal data as the database: owner-only. VACUUM INTO accepts an
// existing empty file, so the copy is created 0600 before SQLite writes a byte into it.
mkdirSync(dir, { recursive: true, mode: 0o700 });
chmodSync(dir, 0o700);
const target = join(dir, `linkki-${stamp(now)}.db`);
closeSync(openSync(target, 'wx', 0o600));
const client = await openFileDatabase(dbPath);
try {
  await client.execute({ sql: 'VACUUM INTO ?', args: [target] });
} catch (err) {
  rmSync(target, { force: true });
  throw err;
} finally {
  client.close();
}
console.log(`Backed up ${dbPath} → ${target}`);

const cutoff = now.getTime() - retention.backupDays * DAY_MS;
for (const name of readdirSync(dir)) {
  const m = NAME.exec(name);
  if (m && parse(m[1]!).getTime() < cutoff) {
    rmSync(join(dir, name));
    console.log(`Deleted ${name} (older than ${retention.backupDays} days)`);
  }
}
