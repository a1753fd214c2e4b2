// Every connection the Node client ever uses runs with our pragmas, however calls overlap
// (issue 10: with execute('PRAGMA …') once, 7 of 8 overlapping calls ran with them off).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { migrate } from '../../api/db/migrate.ts';
import { readMigrations } from '../../api/db/migrations-node.ts';
import Database from 'libsql';
import { keepPrepared, openFileDatabase, preparedPerConnection } from '../../api/db/open-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkki-conn-'));
let client: Client;
beforeAll(async () => {
  client = await openFileDatabase(join(dir, 'linkki.db'));
  await migrate(client, readMigrations());
});
afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

const SETTINGS = 'SELECT * FROM pragma_secure_delete, pragma_foreign_keys, pragma_busy_timeout, pragma_synchronous, pragma_journal_mode';
const expected = { secure_delete: 1, foreign_keys: 1, timeout: 5000, synchronous: 2, journal_mode: 'wal' };
const settingsOf = (row: Record<string, unknown>) => ({
  secure_delete: row.secure_delete,
  foreign_keys: row.foreign_keys,
  timeout: row.timeout,
  synchronous: row.synchronous,
  journal_mode: row.journal_mode,
});
const N = 16;

test(`${N} overlapping execute() calls each run with secure_delete, foreign_keys, busy_timeout, synchronous=FULL, WAL`, async () => {
  const answers = await Promise.all(Array.from({ length: N }, () => client.execute(SETTINGS)));
  for (const a of answers) expect(settingsOf(a.rows[0]!)).toEqual(expected);
});

test(`${N} overlapping batches and read transactions each run configured`, async () => {
  const batches = Array.from({ length: N }, () => client.batch([SETTINGS, 'PRAGMA secure_delete'], 'read'));
  const transactions = Array.from({ length: N / 2 }, async () => {
    const tx = await client.transaction('read');
    try {
      return await tx.execute(SETTINGS);
    } finally {
      tx.close();
    }
  });
  const [b, t] = await Promise.all([Promise.all(batches), Promise.all(transactions)]);
  for (const [settings, secureDelete] of b) {
    expect(settingsOf(settings!.rows[0]!)).toEqual(expected);
    expect(Object.values(secureDelete!.rows[0]!)[0]).toBe(1);
  }
  for (const a of t) expect(settingsOf(a.rows[0]!)).toEqual(expected);
});

test('foreign keys are enforced on every overlapping connection, also after reconnect()', async () => {
  await client.reconnect();
  const orphans = await Promise.allSettled(
    Array.from({ length: N }, (_, i) =>
      client.batch(
        [
          {
            sql: 'INSERT INTO users (id, company_id, role, name_enc, email_enc, email_hash, locale, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0)',
            args: [`u${i}`, 'no-such-company', 'member', 'x', 'x', `h${i}`, 'fi'],
          },
        ],
        'write',
      ),
    ),
  );
  expect(orphans.map((r) => r.status)).toEqual(Array(N).fill('rejected'));
  for (const r of orphans) expect(String((r as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
});

// Issue 12: each connection keeps its prepared statements (keepPrepared in api/db/open-file.ts).
test('a connection hands back the statement it prepared for the same SQL, and drops the least recently used', () => {
  const db = new Database(join(dir, 'kept.db'));
  try {
    keepPrepared(db);
    const first = db.prepare('SELECT 1');
    expect(db.prepare('SELECT 1')).toBe(first);
    for (let i = 0; i < preparedPerConnection; i++) db.prepare(`SELECT ${i + 2}`);
    expect(db.prepare('SELECT 1')).not.toBe(first);
  } finally {
    db.close();
  }
});

test('kept statements answer right when reused: other arguments, RETURNING, after a failure, twice in a batch, after a schema change', async () => {
  await client.execute('CREATE TABLE kept_test (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  const upsert = (id: string) => ({
    sql: 'INSERT INTO kept_test (id, n) VALUES (?, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1 RETURNING n',
    args: [id],
  });
  const counts = await Promise.all(Array.from({ length: N }, (_, i) => client.execute(upsert(i % 2 ? 'a' : 'b'))));
  expect(counts.map((r) => Number(r.rows[0]!.n)).sort((x, y) => x - y)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8]);

  const insert = (id: string) => ({ sql: 'INSERT INTO kept_test (id, n) VALUES (?, 0)', args: [id] });
  await expect(client.execute(insert('a'))).rejects.toThrow(/UNIQUE|PRIMARY KEY/);
  expect((await client.execute(insert('c'))).rowsAffected).toBe(1);
  const [x, y] = await client.batch([upsert('d'), upsert('d')], 'write');
  expect([Number(x!.rows[0]!.n), Number(y!.rows[0]!.n)]).toEqual([1, 2]);

  const read = { sql: 'SELECT * FROM kept_test WHERE id = ?', args: ['d'] };
  expect((await client.execute(read)).columns).toEqual(['id', 'n']);
  await client.execute('ALTER TABLE kept_test ADD COLUMN note TEXT');
  // One call at a time reuses the connection that ran the ALTER, and its kept statement. (A connection
  // that has not seen the ALTER yet names the columns wrong once, kept or not: the client's own behaviour.)
  const after = await client.execute(read);
  expect(after.rows.map((row) => ({ ...row }))).toEqual([{ id: 'd', n: 2, note: null }]);
  await client.execute('DROP TABLE kept_test');
});
