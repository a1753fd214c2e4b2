// The scheduled jobs, run the way each engine runs them (Node: in-process call; Worker: a
// cron event in workerd). Operational data that could link a visitor or replay an answer
// does not outlive its purpose (S8).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { housekeeping } from '../../api/config.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { postRequest, storedRows, validRequest } from '../support/intake.ts';
import { now } from '../support/clock.ts';
import { queryPlan } from '../support/plan.ts';

let server: TestServer;
const origin = 'https://rautakauppa.example';

beforeAll(async () => {
  server = await startServer({ config: { clientIpHeader: 'x-forwarded-for' } });
});
afterAll(() => server.close());

const count = async (table: string) => Number((await server.db.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

test('expired idempotency records, old counters and old salts are deleted; requests are not', async () => {
  const { publicKey } = await server.createPartner({ origins: [origin] });
  const res = await postRequest(server.url, validRequest(publicKey), {
    origin,
    'idempotency-key': crypto.randomUUID(),
    'x-forwarded-for': '192.0.2.1',
  });
  expect(res.status).toBe(201);
  expect(await count('idempotency_keys')).toBe(1);
  // Node counts sources in memory (api/adapters/hit-counts.ts); the next test deletes its rows too.
  expect((await count('rate_limit_hits')) > 0).toBe(server.engine === 'worker');
  expect(await count('rate_limit_salts')).toBe(1);

  // An hour later nothing has expired yet.
  await server.runScheduled(new Date(now() + 3600_000));
  expect(await count('idempotency_keys')).toBe(1);
  expect(await count('rate_limit_salts')).toBe(1);

  // Two days later: the key's 24 hours and the salt's day are over.
  const later = new Date(now() + 2 * 24 * 3600_000);
  await server.runScheduled(later);
  expect(await count('idempotency_keys')).toBe(0);
  expect(await count('rate_limit_hits')).toBe(0);
  expect(await count('rate_limit_salts')).toBe(0);
  expect((await storedRows(server.db)).requests).toBe(1);

  // Safe to run twice.
  await server.runScheduled(later);
  expect((await storedRows(server.db)).requests).toBe(1);
});

test('the cleanup deletes past one chunk, and each of its deletes walks an index (issue 12)', async () => {
  const old = now() - 3 * 24 * 3600_000;
  const rows = housekeeping.chunkRows * 2 + 7;
  // Yesterday's counters of many addresses, written straight into the table (the cleanup's volume).
  await server.db.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
          INSERT INTO rate_limit_hits (bucket, window_start, hits) SELECT 'b' || i, ?, 1 FROM n`,
    args: [rows, old],
  });
  await server.runScheduled(new Date(now()));
  expect(await count('rate_limit_hits')).toBe(0);

  for (const [table, column] of [
    ['rate_limit_hits', 'window_start'],
    ['login_failures', 'window_start'],
    ['idempotency_keys', 'expires_at'],
  ] as const) {
    const details = await queryPlan(server.dbPath, `SELECT rowid FROM ${table} WHERE ${column} < ? LIMIT 10`, [0]);
    expect(details.join('\n')).toMatch(new RegExp(`SEARCH ${table} USING (COVERING )?INDEX ${table}_\\w+_idx`));
  }
});
