// The database thread (api/db/thread-client.ts) answers as the library's own client does, on a
// real file: the same rows, result fields and errors as openFileDatabase's in-thread client over
// the same file, a batch still one transaction, the event loop free while a statement runs, and
// close() done only once the thread has closed its connections.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, LibsqlBatchError, LibsqlError } from '@libsql/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openFileDatabase } from '../../api/db/open-file.ts';
import { openThreadDatabase, type ThreadClient } from '../../api/db/thread-client.ts';
import { startServer } from '../support/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'linkki-thread-'));
const path = join(dir, 'linkki.db');
let thread: ThreadClient;
let inThread: Client;
beforeAll(async () => {
  thread = await openThreadDatabase(path);
  inThread = await openFileDatabase(path);
  await thread.batch(
    [
      'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB, amount REAL)',
      'CREATE TABLE child (id INTEGER PRIMARY KEY, t_id INTEGER NOT NULL REFERENCES t (id))',
    ],
    'write',
  );
});
afterAll(async () => {
  await thread.close();
  inThread.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a caller can see of a result: fields, and each row by index, by name and by key. */
const seen = (rs: Awaited<ReturnType<Client['execute']>>) => ({
  columns: rs.columns,
  columnTypes: rs.columnTypes,
  rowsAffected: rs.rowsAffected,
  lastInsertRowid: rs.lastInsertRowid,
  json: JSON.stringify(rs),
  rows: rs.rows.map((row) => ({
    length: row.length,
    byIndex: Array.prototype.slice.call(row),
    keys: Object.keys(row),
    byName: Object.fromEntries(rs.columns.map((c) => [c, row[c]])),
  })),
});

test('an insert answers rowsAffected and lastInsertRowid as the in-thread client does', async () => {
  const args = ['a', new Uint8Array([1, 2, 3]), 1.5];
  const a = await thread.execute({ sql: 'INSERT INTO t (name, data, amount) VALUES (?, ?, ?)', args });
  const b = await inThread.execute({ sql: 'INSERT INTO t (name, data, amount) VALUES (?, ?, ?)', args: ['b', ...args.slice(1)] });
  expect(a.rowsAffected).toBe(1);
  expect(typeof a.lastInsertRowid).toBe('bigint');
  expect(b.lastInsertRowid).toBe(a.lastInsertRowid! + 1n);
  expect({ ...seen(a), lastInsertRowid: 0n, json: '' }).toEqual({ ...seen(b), lastInsertRowid: 0n, json: '' });
});

test('rows read by index and by column name (the first of two same names), blobs as ArrayBuffer, named arguments', async () => {
  const stmt = {
    sql: 'SELECT id, name, data, amount, NULL AS missing, 7 AS name FROM t WHERE name IN (:x, :y) ORDER BY id',
    args: { x: 'a', y: 'b' },
  };
  const [a, b] = [await thread.execute(stmt), await inThread.execute(stmt)];
  expect(seen(a)).toEqual(seen(b));
  expect(a.rows).toHaveLength(2);
  const row = a.rows[0]!;
  expect(row.name).toBe('a');
  expect(row[5]).toBe(7);
  expect(Object.keys(row)).toEqual(['id', 'name', 'data', 'amount', 'missing']);
  expect(row.data).toBeInstanceOf(ArrayBuffer);
  expect([...new Uint8Array(row.data as ArrayBuffer)]).toEqual([1, 2, 3]);
  // execute(sql, args) as well as execute({ sql, args })
  expect(seen(await thread.execute('SELECT name FROM t WHERE id = ?', [row.id!]))).toEqual(
    seen(await inThread.execute('SELECT name FROM t WHERE id = ?', [row.id!])),
  );
});

test('drizzle reads the thread client as the library client', async () => {
  const { drizzle } = await import('drizzle-orm/libsql');
  const { sql } = await import('drizzle-orm');
  const rows = await drizzle(thread).all<{ name: string; n: number }>(sql`SELECT name, length(name) AS n FROM t ORDER BY id`);
  expect(rows).toEqual([
    { name: 'a', n: 1 },
    { name: 'b', n: 1 },
  ]);
});

/** The error's class and fields, as a domain mapping or a log would read them. */
const caught = async (work: Promise<unknown>) => {
  const err = await work.then(
    () => expect.unreachable('should have failed'),
    (e: unknown) => e as Error & Partial<LibsqlBatchError>,
  );
  return {
    class: err.constructor.name,
    message: err.message,
    code: err.code,
    extendedCode: err.extendedCode,
    rawCode: err.rawCode,
    statementIndex: err.statementIndex,
  };
};

test('a constraint violation is the same LibsqlError, code and message (what users.ts and companies.ts match)', async () => {
  const insert = { sql: 'INSERT INTO t (name) VALUES (?)', args: ['a'] };
  const err = await caught(thread.execute(insert));
  expect(err).toEqual(await caught(inThread.execute(insert)));
  expect(err).toMatchObject({ class: 'LibsqlError', code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_UNIQUE' });
  expect(err.message).toMatch(/UNIQUE/);
  await expect(thread.execute(insert)).rejects.toBeInstanceOf(LibsqlError);
  // Foreign keys are on, as on every connection openFileDatabase configures.
  const orphan = { sql: 'INSERT INTO child (t_id) VALUES (?)', args: [999] };
  expect(await caught(thread.execute(orphan))).toMatchObject({ code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
});

test('a failing batch is rolled back whole and says which statement failed', async () => {
  const batch = (client: Client) =>
    client.batch(
      [
        { sql: 'INSERT INTO t (name) VALUES (?)', args: ['kept?'] },
        { sql: 'INSERT INTO t (name) VALUES (?)', args: ['a'] },
      ],
      'write',
    );
  const err = await caught(batch(thread));
  expect(err).toEqual(await caught(batch(inThread)));
  expect(err).toMatchObject({ class: 'LibsqlBatchError', statementIndex: 1, code: 'SQLITE_CONSTRAINT' });
  await expect(batch(thread)).rejects.toBeInstanceOf(LibsqlBatchError);
  expect((await thread.execute("SELECT count(*) AS n FROM t WHERE name = 'kept?'")).rows[0]!.n).toBe(0);
});

test('a batch answers one result per statement, in every mode', async () => {
  for (const mode of ['write', 'read', 'deferred'] as const) {
    const stmts = ['SELECT count(*) AS n FROM t', { sql: 'SELECT name FROM t WHERE id = ?', args: [1] }];
    expect((await thread.batch(stmts, mode)).map(seen)).toEqual((await inThread.batch(stmts, mode)).map(seen));
  }
});

test('arguments the library refuses fail the call with its error class, not the thread', async () => {
  const undefinedArg = { sql: 'SELECT ?', args: [undefined as unknown as null] };
  expect(await caught(thread.execute(undefinedArg))).toEqual(await caught(inThread.execute(undefinedArg)));
  expect(await caught(thread.execute({ sql: 'SELECT ?', args: [(() => 1) as unknown as null] }))).toMatchObject({
    class: 'DOMException',
  });
  expect((await thread.execute('SELECT 1 AS one')).rows[0]!.one).toBe(1);
  await expect(thread.transaction('write')).rejects.toMatchObject({ code: 'TRANSACTION_UNSUPPORTED' });
});

test('the event loop runs while the thread works on a long statement', async () => {
  const long = 'WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000000) SELECT count(*) AS n FROM c';
  const ticksDuring = async (client: Client) => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await client.execute(long);
      return ticks;
    } finally {
      clearInterval(timer);
    }
  };
  expect(await ticksDuring(thread)).toBeGreaterThan(0);
  // The in-thread client holds the loop for the whole statement: not one timer runs.
  expect(await ticksDuring(inThread)).toBe(0);
});

test('close answers what was sent before it, refuses what comes after, and returns once the file is closed', async () => {
  const own = join(dir, 'own.db');
  const client = await openThreadDatabase(own);
  await client.execute('CREATE TABLE x (v)');
  const before = client.execute("INSERT INTO x VALUES ('sent before close')");
  const closing = client.close();
  await expect(client.execute('SELECT 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' });
  expect((await before).rowsAffected).toBe(1);
  await closing;
  expect(client.closed).toBe(true);
  // SQLite removes the -wal file when the last connection to the file closes.
  expect(existsSync(`${own}-wal`)).toBe(false);
  await client.close();
  const check = await openFileDatabase(own);
  expect((await check.execute('SELECT v FROM x')).rows.map((r) => r.v)).toEqual(['sent before close']);
  check.close();
});

test('a file that cannot be opened fails the open, as openFileDatabase does', async () => {
  await expect(openThreadDatabase(join(dir, 'no-such-dir', '\0', 'x.db'))).rejects.toThrow();
});

test('the Node server runs its statements on the thread by default, and on the event loop with dbThread main', async () => {
  const long = 'WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000000) SELECT count(*) AS n FROM c';
  for (const [dbThread, free] of [
    [undefined, true],
    ['main', false],
  ] as const) {
    const server = await startServer({ dbThread });
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 1);
      await server.db.execute(long);
      clearInterval(timer);
      expect(ticks > 0).toBe(free);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  }
});
