// The purge job against a real libSQL file: a large backlog goes in bounded batches, and a run
// killed halfway leaves every request either whole or purged, never half (S17, S20).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { retention } from '../../api/config.ts';
import { addMonths } from '../../api/contract/dates.ts';
import { migrate } from '../../api/db/migrate.ts';
import { readMigrations } from '../../api/db/migrations-node.ts';
import { openFileDatabase } from '../../api/db/open-file.ts';
import { purgeRequests } from '../../api/jobs/life-cycle.ts';
import { runJobs } from '../../api/jobs/run-jobs.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkki-purge-'));
let client: Client;
const ended = new Date('2026-01-15T12:00:00Z');
const due = addMonths(ended, 7);

beforeAll(async () => {
  client = await openFileDatabase(join(dir, 'purge.db'));
  await migrate(client, readMigrations());
  await client.execute(`INSERT INTO partners (id, public_key, name, kind, created_at) VALUES ('p', 'pk', 'P', 'other', 0)`);
});
afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** n ended requests with contacts, written in one statement each. */
async function backlog(n: number, prefix: string) {
  await client.batch(
    [
      {
        sql: `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
            INSERT INTO requests (id, partner_id, customer_type, category_id, description, postal_code, region_code, town,
                                  locale, consent_notice_version, status, manage_token_hash, created_at, expires_at, ended_at)
            SELECT ? || printf('%06d', i), 'p', 'person', 'bathroom', 'Kuvaus ' || i, '00100', '01', 'Helsinki',
                   'fi', 'v', 'expired', ? || i, ?, ?, ? FROM seq`,
        args: [n, prefix, `hash-${prefix}`, ended.getTime() - 28 * 86400_000, ended.getTime(), ended.getTime()],
      },
      {
        sql: `INSERT INTO request_contacts (request_id, email_enc, phone_enc, created_at)
            SELECT id, 'v1.k.x.y', 'v1.k.x.z', 0 FROM requests WHERE id LIKE ? || '%'`,
        args: [prefix],
      },
    ],
    'write',
  );
}

async function consistent(prefix: string) {
  const half = await client.execute({
    sql: `SELECT count(*) AS n FROM requests r LEFT JOIN request_contacts c ON c.request_id = r.id
          WHERE r.id LIKE ? || '%' AND ((r.status = 'purged') = (c.request_id IS NOT NULL)
             OR (r.status = 'purged' AND (r.description IS NOT NULL OR r.manage_token_hash IS NOT NULL)))`,
    args: [prefix],
  });
  return Number(half.rows[0]!.n) === 0;
}

test('100 000 requests are purged in bounded batches', async () => {
  await backlog(100_000, 'big');
  const report = await runJobs({ client }, due);
  expect(report.requestsPurged).toBe(100_000);
  expect(report.purgeBatches).toBe(Math.floor(100_000 / retention.jobBatchSize) + 1);
  const left = await client.execute(`SELECT count(*) AS n FROM requests WHERE id LIKE 'big%' AND status != 'purged'`);
  expect(Number(left.rows[0]!.n)).toBe(0);
  expect(Number((await client.execute(`SELECT count(*) AS n FROM request_contacts WHERE request_id LIKE 'big%'`)).rows[0]!.n)).toBe(0);
  expect(await consistent('big')).toBe(true);
  // 100 000 rows written and purged: seconds on a quiet machine, 26 s with a load average of 13.
}, 120_000);

test('a run that dies after two batches leaves no request half purged; the next run finishes', async () => {
  await backlog(2_000, 'kill');
  let batches = 0;
  // The real database, with a fault injected: the third write batch never happens.
  const dying = new Proxy(client, {
    get(target, prop) {
      if (prop === 'batch') {
        return (...args: Parameters<Client['batch']>) => {
          if (++batches > 2) return Promise.reject(new Error('killed'));
          return target.batch(...args);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  await expect(purgeRequests({ client: dying }, due)).rejects.toThrow('killed');
  const purged = Number(
    (await client.execute(`SELECT count(*) AS n FROM requests WHERE id LIKE 'kill%' AND status = 'purged'`)).rows[0]!.n,
  );
  expect(purged).toBe(2 * retention.jobBatchSize);
  expect(await consistent('kill')).toBe(true);

  const again = await purgeRequests({ client }, due);
  expect(again.rows).toBe(2_000 - purged);
  expect(await consistent('kill')).toBe(true);
});

test('two runs at once purge each request once and agree', async () => {
  await backlog(3_000, 'twin');
  const [a, b] = await Promise.all([purgeRequests({ client }, due), purgeRequests({ client }, due)]);
  expect(a.rows + b.rows).toBe(3_000);
  expect(await consistent('twin')).toBe(true);
});

test('nothing is purged a day before its six months are over', async () => {
  await backlog(10, 'early');
  const dayBefore = new Date(addMonths(ended, retention.archiveMonths).getTime() - 86400_000);
  const r = await purgeRequests({ client }, dayBefore);
  expect(r.rows).toBe(0);
  expect(Number((await client.execute(`SELECT count(*) AS n FROM requests WHERE id LIKE 'early%' AND status = 'purged'`)).rows[0]!.n)).toBe(
    0,
  );
});
