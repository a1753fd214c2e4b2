// `npm run migrate`: applies migrations/ and reference data to the database in DATABASE_URL:
// a local file (default data/linkki.db) or a remote libSQL server (libsql://…, https://…,
// with DATABASE_AUTH_TOKEN), e.g. Turso before `wrangler deploy`.
import { resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { migrate } from '../api/db/migrate.ts';
import { readMigrations } from '../api/db/migrations-node.ts';
import { openFileDatabase } from '../api/db/open-file.ts';

const url = process.env.DATABASE_URL ?? 'data/linkki.db';
const remote = /^(libsql|https?|wss?):/.test(url);
const client = remote
  ? createClient({ url, authToken: process.env.DATABASE_AUTH_TOKEN })
  : await openFileDatabase(resolve(url.replace(/^file:/, '')));
try {
  const applied = await migrate(client, readMigrations());
  console.log(applied.length ? `Applied ${applied.join(', ')}` : 'Up to date');
} catch (err) {
  console.error(`Migration failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  client.close();
}
