// Entry configuration: keys generated locally, required in production, one clear message.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { generateKeyMaterial } from '../../api/adapters/keys.ts';
import { readNodeEnv } from '../../api/environment-node.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkki-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a local start generates key material beside the database once, then reuses it', () => {
  const DATABASE_URL = join(dir, 'local', 'linkki.db');
  const first = readNodeEnv({ DATABASE_URL });
  const file = join(dir, 'local', 'keys.json');
  expect(existsSync(file)).toBe(true);
  expect(first.keySource).toBe(file);
  expect(readNodeEnv({ DATABASE_URL }).keyMaterial).toEqual(first.keyMaterial);
  expect(JSON.parse(readFileSync(file, 'utf8')).encryptionKeys[0].key).toBe(first.keyMaterial.encryptionKeys[0]!.key);
});

test('production without LINKKI_KEYS refuses to start and writes no key file', () => {
  const DATABASE_URL = join(dir, 'prod', 'linkki.db');
  expect(() => readNodeEnv({ NODE_ENV: 'production', DATABASE_URL })).toThrow(/LINKKI_KEYS is required/);
  expect(existsSync(join(dir, 'prod', 'keys.json'))).toBe(false);
});

test('production with LINKKI_KEYS uses them', () => {
  const material = generateKeyMaterial('k1');
  const s = readNodeEnv({
    NODE_ENV: 'production',
    DATABASE_URL: join(dir, 'p2.db'),
    LINKKI_KEYS: JSON.stringify(material),
    PUBLIC_URL: 'https://linkki.example/',
  });
  expect(s.keyMaterial).toEqual(material);
  expect(s.config.publicUrl).toBe('https://linkki.example');
  expect(s.config.production).toBe(true);
});

test.each([
  [{ PORT: 'abc' }, /PORT/],
  [{ LINKKI_KEYS: 'not json' }, /LINKKI_KEYS: not JSON/],
  [{ LINKKI_KEYS: '{"hashKey":"x"}' }, /LINKKI_KEYS: expected/],
  [{ PUBLIC_URL: 'not a url' }, /PUBLIC_URL/],
  [{ DATABASE_URL: 'libsql://db.turso.io' }, /remote libSQL is for the Worker/],
])('bad environment %o → one clear message', (env, message) => {
  expect(() => readNodeEnv({ DATABASE_URL: join(dir, 'bad.db'), ...env })).toThrow(message);
});
