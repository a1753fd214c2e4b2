// `npm run backup`: a consistent copy, and copies older than 30 days deleted (S17).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import { afterAll, expect, test } from 'vitest';
import { retention } from '../../api/config.ts';
import { migrate } from '../../api/db/migrate.ts';
import { readMigrations } from '../../api/db/migrations-node.ts';
import { openFileDatabase } from '../../api/db/open-file.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'linkki-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test(`a backup is a working copy; copies older than ${retention.backupDays} days are deleted, younger ones kept`, async () => {
  const dbPath = join(dir, 'linkki.db');
  const db = await openFileDatabase(dbPath);
  await migrate(db, readMigrations());
  await db.execute(`INSERT INTO partners (id, public_key, name, kind, created_at) VALUES ('p1', 'pk1', 'Varmuuskopio', 'other', 0)`);
  db.close();

  const backups = join(dir, 'backups');
  mkdirSync(backups);
  writeFileSync(join(backups, 'linkki-2026-10-27T00-00-00-000Z.db'), 'old'); // 32 days before
  writeFileSync(join(backups, 'linkki-2026-10-30T00-00-00-000Z.db'), 'young'); // 29 days before
  writeFileSync(join(backups, 'notes.txt'), 'not ours');

  const { stdout } = await run(process.execPath, ['scripts/backup.ts', '--now', '2026-11-28T00:00:00Z'], {
    env: { ...process.env, DATABASE_URL: dbPath },
  });
  expect(stdout).toContain('Deleted linkki-2026-10-27T00-00-00-000Z.db');
  expect(readdirSync(backups).sort()).toEqual(['linkki-2026-10-30T00-00-00-000Z.db', 'linkki-2026-11-28T00-00-00-000Z.db', 'notes.txt']);

  const copy = createClient({ url: `file:${join(backups, 'linkki-2026-11-28T00-00-00-000Z.db')}` });
  expect((await copy.execute('SELECT name FROM partners')).rows[0]!.name).toBe('Varmuuskopio');
  copy.close();
  expect(existsSync(dbPath)).toBe(true);
});
