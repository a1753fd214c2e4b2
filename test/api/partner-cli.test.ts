// `npm run partner -- add …`: the way to add a partner until the admin API exists.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import { afterAll, expect, test } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'linkki-cli-'));
const dbPath = join(dir, 'cli.db');
const cli = (...args: string[]) =>
  run(process.execPath, ['scripts/partner.ts', ...args], { env: { ...process.env, DATABASE_URL: dbPath } });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('add prints a public key and stores the partner with its origins and presets', async () => {
  const { stdout } = await cli(
    'add',
    '--name',
    'Rautakauppa Oy',
    '--kind',
    'hardware_store',
    '--origin',
    'https://shop.example',
    '--origin',
    'https://www.shop.example',
    '--category',
    'kitchen',
  );
  const key = /public key: (\S+)/.exec(stdout)?.[1];
  expect(key).toMatch(/^pk_/);
  const db = createClient({ url: `file:${dbPath}` });
  const partner = (await db.execute({ sql: 'SELECT * FROM partners WHERE public_key = ?', args: [key!] })).rows[0]!;
  expect(partner.name).toBe('Rautakauppa Oy');
  expect(JSON.parse(String(partner.presets))).toEqual({ category: 'kitchen' });
  const origins = await db.execute({ sql: 'SELECT origin FROM partner_origins WHERE partner_id = ? ORDER BY origin', args: [partner.id] });
  expect(origins.rows.map((r) => r.origin)).toEqual(['https://shop.example', 'https://www.shop.example']);
  db.close();

  const list = await cli('list');
  expect(list.stdout).toContain(key);
  const off = await cli('deactivate', key!);
  expect(off.stdout).toContain('Deactivated');
});

test('an origin with a path is refused with the field named, and nothing is stored', async () => {
  const err = await cli('add', '--name', 'Bad', '--origin', 'https://shop.example/page').catch((e) => e);
  expect(err.code).toBe(2);
  expect(err.stderr).toContain('allowedOrigins');
  const db = createClient({ url: `file:${dbPath}` });
  expect((await db.execute("SELECT count(*) AS n FROM partners WHERE name = 'Bad'")).rows[0]!.n).toBe(0);
  db.close();
});
