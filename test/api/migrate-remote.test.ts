// `npm run migrate` against a libSQL server over HTTP (the stand-in speaks the real protocol):
// the way an operator prepares Turso before `wrangler deploy`.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import { afterAll, expect, test } from 'vitest';
import { startLibsqlServer } from '../../tools/libsql-server/server.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'linkki-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('applies every migration over HTTP with the auth token, once', async () => {
  const dbPath = join(dir, 'remote.db');
  const server = await startLibsqlServer({ dbPath, port: 0, hostname: '127.0.0.1', authToken: 'secret-token' });
  try {
    const env = { ...process.env, DATABASE_URL: server.url, DATABASE_AUTH_TOKEN: 'secret-token' };
    const first = await run(process.execPath, ['scripts/migrate.ts'], { env });
    expect(first.stdout).toMatch(/Applied 0000_/);
    const again = await run(process.execPath, ['scripts/migrate.ts'], { env });
    expect(again.stdout).toContain('Up to date');

    const db = createClient({ url: `file:${dbPath}` });
    expect((await db.execute('SELECT count(*) AS n FROM regions')).rows[0]!.n).toBe(19);
    expect(Number((await db.execute('SELECT count(*) AS n FROM categories')).rows[0]!.n)).toBeGreaterThan(10);
    db.close();

    const refused = await run(process.execPath, ['scripts/migrate.ts'], { env: { ...env, DATABASE_AUTH_TOKEN: 'wrong' } }).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Migration failed/);
  } finally {
    await server.close();
  }
});
