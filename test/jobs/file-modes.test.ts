// The database, its -wal and -shm, the generated keys and backups are readable by their owner
// only (issue 10; SPEC "Contract additions": created readable by their owner only).
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { generateKeyMaterial } from '../../api/adapters/keys.ts';
import { readNodeEnv } from '../../api/environment-node.ts';
import { startNodeServer } from '../../api/node-server.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'linkki-modes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

test('a first local start creates data/ 0700, the database, -wal, -shm and keys.json 0600', async () => {
  const data = join(dir, 'fresh', 'data');
  const settings = readNodeEnv({ DATABASE_URL: join(data, 'linkki.db') });
  const server = await startNodeServer({
    dbPath: settings.dbPath,
    keyMaterial: settings.keyMaterial,
    config: settings.config,
    port: 0,
    hostname: '127.0.0.1',
  });
  try {
    await server.client.execute(`INSERT INTO partners (id, public_key, name, kind, created_at) VALUES ('p1', 'pk1', 'Tila', 'other', 0)`);
    expect(readdirSync(data).sort()).toEqual(['keys.json', 'linkki.db', 'linkki.db-shm', 'linkki.db-wal']);
    expect(mode(data)).toBe('700');
    for (const f of readdirSync(data)) expect([f, mode(join(data, f))]).toEqual([f, '600']);
  } finally {
    await server.close();
  }
});

test('a start tightens a database and a key file left world-readable', async () => {
  const data = join(dir, 'loose');
  const dbPath = join(data, 'linkki.db');
  const first = await startNodeServer({
    dbPath,
    keyMaterial: generateKeyMaterial(),
    config: readNodeEnv({ DATABASE_URL: dbPath }).config,
    port: 0,
    hostname: '127.0.0.1',
  });
  await first.close();
  for (const f of readdirSync(data)) chmodSync(join(data, f), 0o644);
  const settings = readNodeEnv({ DATABASE_URL: dbPath });
  const again = await startNodeServer({
    dbPath,
    keyMaterial: settings.keyMaterial,
    config: settings.config,
    port: 0,
    hostname: '127.0.0.1',
  });
  try {
    for (const f of readdirSync(data)) expect([f, mode(join(data, f))]).toEqual([f, '600']);
  } finally {
    await again.close();
  }
});

test('npm run backup writes its copy 0600 in a 0700 directory', async () => {
  const dbPath = join(dir, 'backup-src', 'linkki.db');
  const server = await startNodeServer({
    dbPath,
    keyMaterial: generateKeyMaterial(),
    config: readNodeEnv({ DATABASE_URL: dbPath }).config,
    port: 0,
    hostname: '127.0.0.1',
  });
  await server.close();
  const backups = join(dir, 'backups');
  await run(process.execPath, ['scripts/backup.ts', '--dir', backups, '--now', '2026-12-01T00:00:00Z'], {
    env: { ...process.env, DATABASE_URL: dbPath },
  });
  expect(mode(backups)).toBe('700');
  expect(readdirSync(backups)).toEqual(['linkki-2026-12-01T00-00-00-000Z.db']);
  expect(mode(join(backups, 'linkki-2026-12-01T00-00-00-000Z.db'))).toBe('600');
});
