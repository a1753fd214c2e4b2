// A statement's query plan, read on a connection of its own. libsql leaves an EXPLAIN mid-step
// after all(), and the connection's read snapshot open with it until the statement is collected:
// the pooled connection that ran it then missed the server's later writes and could not write
// (SQLITE_BUSY_SNAPSHOT). Found by test/api/duplicates.test.ts on the Worker engine.
import type { InArgs } from '@libsql/client';
import { openFileDatabase } from '../../api/db/open-file.ts';

/** The plan's `detail` lines of `sql` with `args`, as SQLite would run it on the file at `dbPath`. */
export async function queryPlan(dbPath: string, sql: string, args: InArgs = []): Promise<string[]> {
  const own = await openFileDatabase(dbPath);
  try {
    const { rows } = await own.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args });
    return rows.map((r) => String(r.detail));
  } finally {
    own.close();
  }
}
