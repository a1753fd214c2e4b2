// Node only: opens (creating if needed) the embedded libSQL file with the pragmas we rely on.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';

export async function openFileDatabase(path: string): Promise<Client> {
  mkdirSync(dirname(path), { recursive: true });
  const client = createClient({ url: `file:${path}` });
  // WAL lets readers run beside the one writer; busy_timeout makes writers queue instead of
  // failing at once; secure_delete overwrites deleted personal data instead of leaving it
  // in free pages (S17, S20).
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA busy_timeout = 5000');
  await client.execute('PRAGMA secure_delete = ON');
  await client.execute('PRAGMA foreign_keys = ON');
  return client;
}

/** `DATABASE_URL` may be a path, a `file:` URL, or (Worker, operators) a libsql/http URL. */
export function filePathFromUrl(url: string): string | null {
  if (url.startsWith('file:')) return url.slice('file:'.length);
  if (/^(libsql|https?|wss?):/.test(url)) return null;
  return url;
}
