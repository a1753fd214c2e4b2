// The database handle every verb gets: drizzle over a libSQL client. Works the same over a
// local file (Node) and over HTTP (Worker, @libsql/client/web; the bundler's "workerd"
// export condition keeps the Node client out of the Worker bundle).
import type { Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from './schema/index.ts';

export function createDatabase(client: Client) {
  return drizzle(client, { schema });
}

export type Database = ReturnType<typeof createDatabase>;
