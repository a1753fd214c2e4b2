// GET /healthz is 200 only once migrations ran and the first admin exists (SPEC, "Contract
// additions"); 503 {"error":"not_ready"} before. Both engines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ensureAdmin } from '../../api/domain/bootstrap.ts';
import { isReady } from '../../api/domain/readiness.ts';
import { migrate } from '../../api/db/migrate.ts';
import { readMigrations } from '../../api/db/migrations-node.ts';
import { openFileDatabase } from '../../api/db/open-file.ts';
import { defaultConfig } from '../../api/deps.ts';
import { createDatabase } from '../../api/db/client.ts';
import { createKeys, generateKeyMaterial } from '../../api/adapters/keys.ts';
import { suiteClock } from '../support/clock.ts';
import { engine, startServer } from '../support/server.ts';
import { client } from '../support/session.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkki-ready-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const admin = { email: 'ensimmainen@linkki.test', password: 'ylläpitäjän-salasana-42' };

test('readiness: not before the migrations, not before the admin, then ready', async () => {
  const db = await openFileDatabase(join(dir, `ready-${engine}.db`));
  const migrations = readMigrations();
  const expected = { migrations: migrations.map((m) => m.name), admin: true };
  try {
    expect(await isReady({ client: db }, expected)).toBe(false);
    await migrate(db, migrations.slice(0, 1));
    expect(await isReady({ client: db }, { ...expected, admin: false })).toBe(false);
    await migrate(db, migrations);
    expect(await isReady({ client: db }, { ...expected, admin: false })).toBe(true);
    expect(await isReady({ client: db }, expected)).toBe(false);
    const ctx = {
      client: db,
      db: createDatabase(db),
      clock: suiteClock,
      keys: await createKeys(generateKeyMaterial()),
      config: defaultConfig(),
    };
    await ensureAdmin(ctx, admin.email, admin.password);
    expect(await isReady({ client: db }, expected)).toBe(true);
  } finally {
    db.close();
  }
});

test(`${engine}: once /healthz says 200, the first admin can sign in at once`, async () => {
  const server = await startServer({ admin });
  try {
    const health = await fetch(`${server.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
    const res = await client(server).call('POST', '/v1/auth/login', admin);
    expect(res.status).toBe(200);
  } finally {
    await server.close();
  }
});

// The Worker creates the admin lazily, on a request: only it can be caught before migrations ran.
if (engine === 'worker')
  test('worker: 503 not_ready while the database is unmigrated, then the admin is created and 200', async () => {
    const server = await startServer({ admin, migrate: false });
    try {
      const before = await fetch(`${server.url}/healthz`);
      expect([before.status, await before.json()]).toEqual([503, { error: 'not_ready' }]);
      await migrate(server.db, readMigrations());
      const after = await fetch(`${server.url}/healthz`);
      expect([after.status, await after.json()]).toEqual([200, { ok: true }]);
      expect((await client(server).call('POST', '/v1/auth/login', admin)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
