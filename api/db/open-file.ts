// Node only: opens (creating if needed) the embedded libSQL file, every connection configured,
// the file readable by its owner only.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Client } from '@libsql/client';
import { ConnectionPool, Sqlite3Client } from '@libsql/client/sqlite3';
import type Database from 'libsql';
import { busyTimeoutMs, connectionPragmas } from './pragmas.ts';

/**
 * Why a pool of our own: @libsql/client 0.18 keeps a pool of up to 20 `libsql` connections per
 * `file:` client and opens a new one whenever calls overlap (and again after dropping a broken
 * one, or on reconnect()). A pragma sent with `execute()` reaches only the connection that ran
 * it; with 8 overlapping calls, 7 ran without secure_delete, foreign_keys and busy_timeout.
 * The alternatives fall short: the URL takes no pragmas (unknown query parameters are refused),
 * only journal_mode persists in the file, and `concurrency: 1` still opens a fresh, unconfigured
 * connection after dropping one, and fails calls while a transaction holds it. So the client is
 * the library's own Sqlite3Client over its own ConnectionPool, with one override: every
 * connection is configured the first time the pool hands it out. Both classes are exported by
 * `@libsql/client/sqlite3` but marked @private; the version is pinned, and
 * test/jobs/db-connections.test.ts fails if an upgrade bypasses the hook.
 */
class ConfiguredPool extends ConnectionPool {
  readonly #configured = new WeakSet<Database.Database>();

  override acquireSync(forTransaction = false): Database.Database {
    const db = super.acquireSync(forTransaction);
    if (!this.#configured.has(db)) {
      try {
        configure(db);
      } catch (err) {
        // An unconfigured connection must never run a statement: drop it, report the failure.
        db.close();
        this.release(db);
        throw err;
      }
      this.#configured.add(db);
    }
    return db;
  }
}

function configure(db: Database.Database): void {
  // WAL lets readers run beside the one writer (it persists in the file; a no-op once set).
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
  for (const pragma of connectionPragmas) db.exec(pragma);
  keepPrepared(db);
}

/** SQL texts whose prepared statements each connection keeps: the app's fixed statements fit with room to spare. */
export const preparedPerConnection = 500;

/**
 * Sqlite3Client prepares every statement on every call (`db.prepare(sql)` in its executeStmt): an
 * intake's 15 statements spent about 1 ms in SQLite's parser per request, 9 % of the server's
 * CPU under load (`npm run bench:http -- --profile DIR`, issue 12). Each connection keeps its
 * prepared statements by SQL text, least recently used dropped past `preparedPerConnection`.
 * Reuse is safe the way the client uses them: libsql resets a statement before each run() and
 * each query, executeStmt reads every row before it returns (one call at a time per connection),
 * and its raw() and safeIntegers() only set flags it sets the same way on every call. SQLite
 * re-prepares a statement after a schema change by itself, but only when it runs: executeStmt
 * reads the column names before that, so a `SELECT *` kept from before an ALTER TABLE would name
 * the new columns wrong. A statement that returns rows is therefore kept with the schema version
 * it was prepared under and prepared again when that changed (any connection's DDL changes it).
 * test/jobs/db-connections.test.ts runs the cases that could go wrong.
 */
export function keepPrepared(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  const schemaVersion = prepare('PRAGMA schema_version').raw(true);
  const versionNow = () => Number((schemaVersion.get() as unknown[])[0]);
  const kept = new Map<string, { statement: Database.Statement; version: number | null }>();
  db.prepare = ((sql: string) => {
    let entry = kept.get(sql);
    if (entry) {
      kept.delete(sql);
      if (entry.version !== null && entry.version !== versionNow()) entry = undefined;
    }
    if (!entry) {
      const statement = prepare(sql);
      entry = { statement, version: statement.reader ? versionNow() : null };
    }
    // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
    kept.set(sql, entry);
    if (kept.size > preparedPerConnection) kept.delete(kept.keys().next().value!);
    return entry.statement;
  }) as typeof db.prepare;
  const close = db.close.bind(db);
  db.close = () => {
    kept.clear();
    return close();
  };
}

export async function openFileDatabase(path: string): Promise<Client> {
  ownerOnly(path);
  const pool = new ConfiguredPool(path, {}, 20);
  // Fail fast, as createClient does, if the file cannot be opened or configured.
  pool.release(pool.acquireSync());
  return new Sqlite3Client(pool, 'number');
}

/**
 * The database holds personal data (contact details encrypted, but also hashes and free text):
 * its directory is created 0700 and the file 0600 before SQLite opens it, and a file left with
 * looser modes is tightened. SQLite creates -wal and -shm with the database file's own mode.
 */
export function ownerOnly(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}
