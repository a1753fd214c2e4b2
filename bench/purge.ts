// `node bench/purge.ts [N]`: the purge job's throughput on a backlog of N ended requests (default
// 100 000) in a temp libSQL file, and how long its longest write transaction held the lock.
// The synchronous client, as `npm run jobs` opens it; BENCH_DB_THREAD=worker, the Node server's
// database thread (api/db/thread-client.ts), to see what its messages cost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMonths } from '../api/contract/dates.ts';
import { migrate } from '../api/db/migrate.ts';
import { readMigrations } from '../api/db/migrations-node.ts';
import { openFileDatabase } from '../api/db/open-file.ts';
import { openThreadDatabase } from '../api/db/thread-client.ts';
import { runJobs } from '../api/jobs/run-jobs.ts';

const n = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'linkki-purge-bench-'));
const onThread = process.env.BENCH_DB_THREAD === 'worker';
const client = onThread ? await openThreadDatabase(join(dir, 'purge.db')) : await openFileDatabase(join(dir, 'purge.db'));
await migrate(client, readMigrations());
const ended = new Date('2026-01-15T12:00:00Z').getTime();
await client.batch(
  [
    `INSERT INTO partners (id, public_key, name, kind, created_at) VALUES ('p', 'pk', 'P', 'other', 0)`,
    {
      sql: `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
          INSERT INTO requests (id, partner_id, customer_type, category_id, description, postal_code, region_code, town,
                                locale, consent_notice_version, status, manage_token_hash, created_at, expires_at, ended_at)
          SELECT printf('r%07d', i), 'p', 'person', 'bathroom', 'Kylpyhuoneen remontti, kuvaus ' || i, '00100', '01', 'Helsinki',
                 'fi', 'v', 'expired', 'h' || i, ?, ?, ? FROM seq`,
      args: [n, ended - 28 * 86400_000, ended, ended],
    },
    `INSERT INTO request_contacts (request_id, email_enc, phone_enc, email_hash, phone_hash, created_at)
   SELECT id, 'v1.k.' || hex(randomblob(12)) || '.' || hex(randomblob(40)), 'v1.k.' || hex(randomblob(12)) || '.' || hex(randomblob(30)),
          hex(randomblob(32)), hex(randomblob(32)), 0 FROM requests`,
  ],
  'write',
);

const started = performance.now();
const report = await runJobs({ client }, addMonths(new Date(ended), 7), 'bench');
const seconds = (performance.now() - started) / 1000;
console.log(
  `purged ${report.requestsPurged} requests in ${seconds.toFixed(2)} s (${Math.round(report.requestsPurged / seconds)} per second), ` +
    `${report.purgeBatches} write transactions, longest ${report.longestWriteMs} ms, SQL on the ${onThread ? 'worker' : 'main'} thread`,
);
await client.close();
rmSync(dir, { recursive: true, force: true });
