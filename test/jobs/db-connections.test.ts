// Every connection the Node client ever uses runs with our pragmas, however calls overlap
// (issue 10: with execute('PRAGMA …') once, 7 of 8 overlapping calls ran with them off).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { migrate } from '../../api/db/migrate.ts';
import { readMigrations } from '../../api/db/migrations-node.ts';
import { openFileDatabase } from '../../api/db/open-file.ts';

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
