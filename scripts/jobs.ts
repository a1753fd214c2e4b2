// `npm run jobs -- [--now ISO]`: runs the scheduled jobs once, as of that instant, against
// the database named by DATABASE_URL (default data/linkki.db), and prints what it did.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { migrate } from '../api/db/migrate.ts';
import { readMigrations } from '../api/db/migrations-node.ts';
import { openFileDatabase } from '../api/db/open-file.ts';
import { runJobs } from '../api/jobs/run-jobs.ts';
import { configFromEnv, parseEnv } from '../api/environment.ts';

const { values } = parseArgs({ options: { now: { type: 'string' } } });
const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) {
  console.error(`--now: not an ISO 8601 instant: ${values.now}`);
  process.exit(2);
}
const client = await openFileDatabase(resolve((process.env.DATABASE_URL ?? 'data/linkki.db').replace(/^file:/, '')));
try {
  await migrate(client, readMigrations());
  // The environment's config names the seller the monthly invoices carry (README, "Billing").
  const report = await runJobs({ client, config: configFromEnv(parseEnv(process.env)) }, now, 'cli');
  console.log(JSON.stringify({ now: now.toISOString(), ...report }, null, 2));
} finally {
  client.close();
}
