// The libSQL stand-in (tools/libsql-server) against the official client, @libsql/client/web,
// over real HTTP and a temp-file database.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createClient, LibsqlError, LibsqlBatchError, type Client } from '@libsql/client/web';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, test } from 'vitest';
import { startLibsqlServer, type LibsqlServer, type LibsqlServerOptions } from '../../tools/libsql-server/server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(
  opts: Partial<LibsqlServerOptions> = {},
): Promise<{ server: LibsqlServer; client: (o?: { authToken?: string; intMode?: 'number' | 'bigint' | 'string' }) => Client }> {
  const dir = mkdtempSync(join(tmpdir(), 'libsql-server-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const server = await startLibsqlServer({ dbPath: join(dir, 'test.db'), port: 0, ...opts });
  cleanups.push(() => server.close());
  const client = (o: { authToken?: string; intMode?: 'number' | 'bigint' | 'string' } = {}) => {
    const c = createClient({ url: server.url, ...o });
    cleanups.push(() => c.close());
    return c;
  };
  return { server, client };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected the promise to reject');
}

async function pipeline(server: LibsqlServer, body: unknown, path = '/v2/pipeline'): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const textBody = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(textBody);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text: textBody };
}

describe('values and execute', () => {
  test('every value type round-trips: null, integers up to 2^63-1, floats, unicode text, blobs', async () => {
    const { client } = await start();
    const db = client({ intMode: 'bigint' });
    await db.execute('CREATE TABLE vals (id INTEGER PRIMARY KEY, v)');
    const blob = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const values = [null, 2n ** 62n, 2n ** 63n - 1n, -(2n ** 63n), 42n, 3.25, -0.5, 1e300, 'héllo wörld — 🌍 中文 ☃', '', blob];
    for (const v of values) await db.execute({ sql: 'INSERT INTO vals (v) VALUES (?)', args: [v] });

    const rs = await db.execute('SELECT v, typeof(v) AS t FROM vals ORDER BY id');
    expect(rs.columns).toEqual(['v', 't']);
    expect(rs.rows.map((r) => r.t)).toEqual([
      'null',
      'integer',
      'integer',
      'integer',
      'integer',
      'real',
      'real',
      'real',
      'text',
      'text',
      'blob',
    ]);
    const got = rs.rows.map((r) => r.v);
    expect(got.slice(0, 10)).toEqual(values.slice(0, 10));
    expect(new Uint8Array(got[10] as ArrayBuffer)).toEqual(blob);

    // A float that happens to be whole stays a float (SQLite REAL); integers are exact strings on the wire.
    const f = await db.execute({ sql: 'SELECT ? AS f, typeof(?) AS t, ? + 1 AS big', args: [2, 2, 2n ** 62n] });
    expect(f.rows[0].t).toBe('real');
    expect(f.rows[0].f).toBe(2);
    expect(f.rows[0].big).toBe(2n ** 62n + 1n);

    // The default intMode ('number') gets plain numbers.
    const n = await client().execute('SELECT count(*) AS c, 7 AS seven FROM vals');
    expect(n.rows[0]).toMatchObject({ c: 11, seven: 7 });
  });

  test('column names and declared types, named and numbered parameters', async () => {
    const { client } = await start();
    const db = client();
    await db.execute('CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born DATE, score REAL)');
    await db.execute({
      sql: 'INSERT INTO people (name, born, score) VALUES (:name, @born, $score)',
      args: { name: 'Aino', born: '1990-01-02', score: 9.5 },
    });
    await db.execute({
      sql: 'INSERT INTO people (name, born, score) VALUES (:name, :born, :score)',
      args: { ':name': 'Eino', ':born': null, ':score': 1 },
    });
    await db.execute({ sql: 'INSERT INTO people (name, score) VALUES (?2, ?1)', args: [7, 'Veera'] });
    const rs = await db.execute("SELECT id, name, born, score, name || '!' AS shout FROM people ORDER BY id");
    expect(rs.columns).toEqual(['id', 'name', 'born', 'score', 'shout']);
    expect(rs.columnTypes).toEqual(['INTEGER', 'TEXT', 'DATE', 'REAL', '']);
    expect(rs.rows.map((r) => [r.name, r.born, r.score])).toEqual([
      ['Aino', '1990-01-02', 9.5],
      ['Eino', null, 1],
      ['Veera', null, 7],
    ]);
    expect(rs.rowsAffected).toBe(0);
    expect(rs.lastInsertRowid).toBeUndefined();

    const wrong = await caught(db.execute({ sql: 'SELECT ?, ?', args: [1, 2, 3] }));
    expect(wrong).toBeInstanceOf(LibsqlError);
    expect((wrong as LibsqlError).code).toBe('ARGS_INVALID');
    const missing = await caught(db.execute({ sql: 'SELECT :a, :b', args: { a: 1 } }));
    expect((missing as LibsqlError).code).toBe('ARGS_INVALID');
  });

  test('affected rows and last insert rowid, exact beyond 2^53', async () => {
    const { client } = await start();
    const db = client();
    await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const ins = await db.execute({ sql: 'INSERT INTO t (id, v) VALUES (?, ?)', args: [2n ** 62n + 1n, 'a'] });
    expect(ins.rowsAffected).toBe(1);
    expect(ins.lastInsertRowid).toBe(2n ** 62n + 1n);
    await db.execute("INSERT INTO t (v) VALUES ('b'), ('c')");
    const upd = await db.execute("UPDATE t SET v = v || '!' WHERE v <> 'a'");
    expect(upd.rowsAffected).toBe(2);
    expect(upd.lastInsertRowid).toBeUndefined();
    const sel = await db.execute('SELECT v FROM t');
    expect(sel.rowsAffected).toBe(0);
    const del = await db.execute('DELETE FROM t');
    expect(del.rowsAffected).toBe(3);
  });

  test('RETURNING, and INSERT … ON CONFLICT DO UPDATE … RETURNING', async () => {
    const { client } = await start();
    const db = client();
    await db.execute('CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    const first = await db.execute({ sql: 'INSERT INTO counters (name, n) VALUES (?, 1) RETURNING name, n', args: ['hits'] });
    expect(first.rows.map((r) => ({ ...r }))).toEqual([{ name: 'hits', n: 1 }]);
    expect(first.rowsAffected).toBe(1);

    const upsert = 'INSERT INTO counters (name, n) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET n = n + 1 RETURNING n';
    expect((await db.execute({ sql: upsert, args: ['hits'] })).rows[0].n).toBe(2);
    expect((await db.execute({ sql: upsert, args: ['hits'] })).rows[0].n).toBe(3);
    expect((await db.execute({ sql: upsert, args: ['misses'] })).rows[0].n).toBe(1);

    const deleted = await db.execute('DELETE FROM counters WHERE n > 1 RETURNING name');
    expect(deleted.rows.map((r) => r.name)).toEqual(['hits']);
    expect(deleted.rowsAffected).toBe(1);
    const withCte = await db.execute("WITH x(v) AS (SELECT 'cte') INSERT INTO counters (name, n) SELECT v, 5 FROM x RETURNING n");
    expect(withCte.rows[0].n).toBe(5);
    expect(withCte.rowsAffected).toBe(1);
  });

  test('an SQL syntax error comes back as an error; the server keeps serving', async () => {
    const { client } = await start();
    const db = client();
    const syntax = await caught(db.execute('SELEC 1'));
    expect(syntax).toBeInstanceOf(LibsqlError);
    expect((syntax as LibsqlError).code).toBe('SQL_PARSE_ERROR');
    expect((syntax as Error).message).toMatch(/syntax error/);

    const noTable = await caught(db.execute('SELECT * FROM nowhere'));
    expect((noTable as LibsqlError).code).toBe('SQLITE_ERROR');
    expect((noTable as Error).message).toMatch(/no such table: nowhere/);

    const two = await caught(db.execute('SELECT 1; SELECT 2'));
    expect((two as LibsqlError).code).toBe('SQL_MANY_STATEMENTS');
    const none = await caught(db.execute('  -- nothing here\n'));
    expect((none as LibsqlError).code).toBe('SQL_NO_STATEMENT');

    expect((await db.execute('SELECT 1 AS one; -- a trailing comment')).rows[0].one).toBe(1);
  });
});

describe('batches', () => {
  test("batch(…, 'write') lands whole and returns each statement's result", async () => {
    const { client } = await start();
    const db = client();
    const results = await db.batch(
      [
        'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)',
        { sql: 'INSERT INTO users (email) VALUES (?)', args: ['a@example.fi'] },
        { sql: 'INSERT INTO users (email) VALUES (?)', args: ['b@example.fi'] },
        'SELECT count(*) AS n FROM users',
      ],
      'write',
    );
    expect(results).toHaveLength(4);
    expect(results[1].lastInsertRowid).toBe(1n);
    expect(results[2].lastInsertRowid).toBe(2n);
    expect(results[3].rows[0].n).toBe(2);
    expect((await client().execute('SELECT email FROM users ORDER BY id')).rows.map((r) => r.email)).toEqual([
      'a@example.fi',
      'b@example.fi',
    ]);
  });

  test('a batch whose 3rd statement violates UNIQUE leaves nothing behind and throws a LibsqlError', async () => {
    const { client } = await start();
    const db = client();
    await db.execute('CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE)');
    await db.execute("INSERT INTO users (email) VALUES ('taken@example.fi')");
    const error = await caught(
      db.batch(
        [
          { sql: 'INSERT INTO users (email) VALUES (?)', args: ['new1@example.fi'] },
          { sql: 'INSERT INTO users (email) VALUES (?)', args: ['new2@example.fi'] },
          { sql: 'INSERT INTO users (email) VALUES (?)', args: ['taken@example.fi'] },
          { sql: 'INSERT INTO users (email) VALUES (?)', args: ['new3@example.fi'] },
        ],
        'write',
      ),
    );
    expect(error).toBeInstanceOf(LibsqlError);
    expect(error).toBeInstanceOf(LibsqlBatchError);
    expect((error as LibsqlBatchError).statementIndex).toBe(2);
    expect((error as LibsqlError).code).toBe('SQLITE_CONSTRAINT');
    expect((error as Error).message).toMatch(/UNIQUE constraint failed: users\.email/);
    const rows = await db.execute('SELECT email FROM users');
    expect(rows.rows.map((r) => r.email)).toEqual(['taken@example.fi']);

    // A primary-key clash outside a batch: same code, the message names the column.
    const pk = await caught(db.execute('INSERT INTO users (id, email) VALUES (1, ?)', ['other@example.fi']));
    expect((pk as LibsqlError).code).toBe('SQLITE_CONSTRAINT');
    expect((pk as Error).message).toMatch(/UNIQUE constraint failed: users\.id/);
  });

  test('executeMultiple runs a script, triggers with semicolons in their bodies included', async () => {
    const { client } = await start();
    const db = client();
    await db.executeMultiple(`
      -- a migration-style script
      CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE audit (item_id INTEGER, what TEXT);
      /* a trigger: the semicolons inside BEGIN … END do not end the statement */
      CREATE TRIGGER items_audit AFTER INSERT ON items BEGIN
        INSERT INTO audit VALUES (new.id, 'insert; not a split');
        INSERT INTO audit VALUES (new.id, CASE WHEN new.name = 'x' THEN 'x' ELSE 'other' END);
      END;
      INSERT INTO items (name) VALUES ('x');
      INSERT INTO items (name) VALUES ('semi;colon');
    `);
    const audit = await db.execute('SELECT item_id, what FROM audit ORDER BY rowid');
    expect(audit.rows.map((r) => [r.item_id, r.what])).toEqual([
      [1, 'insert; not a split'],
      [1, 'x'],
      [2, 'insert; not a split'],
      [2, 'other'],
    ]);
    expect((await db.execute('SELECT name FROM items WHERE id = 2')).rows[0].name).toBe('semi;colon');

    const failing = await caught(
      db.executeMultiple(
        "INSERT INTO items (name) VALUES ('kept'); INSERT INTO nope VALUES (1); INSERT INTO items (name) VALUES ('never')",
      ),
    );
    expect((failing as LibsqlError).code).toBe('SQLITE_ERROR');
    expect((await db.execute('SELECT name FROM items ORDER BY id')).rows.map((r) => r.name)).toEqual(['x', 'semi;colon', 'kept']);
  });

  test('migrate(): multi-statement DDL in one go, foreign keys back on afterwards', async () => {
    const { client } = await start();
    const db = client();
    await db.migrate([
      'CREATE TABLE regions (id INTEGER PRIMARY KEY, name TEXT NOT NULL)',
      'CREATE TABLE partners (id INTEGER PRIMARY KEY, region_id INTEGER NOT NULL REFERENCES regions(id), name TEXT)',
      'CREATE INDEX partners_region ON partners (region_id)',
      "INSERT INTO regions (name) VALUES ('Uusimaa')",
    ]);
    const tables = await db.execute(
      "SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    expect(tables.rows.map((r) => r.name)).toEqual(['partners', 'partners_region', 'regions']);
    const fk = await caught(db.execute('INSERT INTO partners (region_id, name) VALUES (99, ?)', ['orphan']));
    expect((fk as LibsqlError).code).toBe('SQLITE_CONSTRAINT');
    expect((fk as Error).message).toMatch(/FOREIGN KEY constraint failed/);
  });
});

describe('interactive transactions (batons)', () => {
  test('commit across several pipelines; a second client sees nothing until the commit', async () => {
    const { client, server } = await start();
    const db = client();
    const other = client();
    await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');

    const tx = await db.transaction('write');
    await tx.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['one'] });
    const second = await tx.execute({ sql: 'INSERT INTO t (v) VALUES (?) RETURNING id', args: ['two'] });
    expect(second.rows[0].id).toBe(2);
    expect((await tx.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(2);
    expect(server.stats().streams).toBe(1);

    expect((await other.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(0);
    await tx.commit();
    expect(tx.closed).toBe(true);
    expect(server.stats().streams).toBe(0);
    expect((await other.execute('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v)).toEqual(['one', 'two']);
  });

  test('rollback undoes everything the transaction did', async () => {
    const { client, server } = await start();
    const db = client();
    await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    await db.execute("INSERT INTO t (v) VALUES ('before')");
    const tx = await db.transaction('write');
    await tx.batch(["INSERT INTO t (v) VALUES ('during')", "UPDATE t SET v = 'changed' WHERE v = 'before'"]);
    expect((await tx.execute('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v)).toEqual(['changed', 'during']);
    await tx.rollback();
    expect((await db.execute('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v)).toEqual(['before']);
    expect(server.stats().streams).toBe(0);
  });

  test('a statement failing inside a transaction does not end it', async () => {
    const { client } = await start();
    const db = client();
    await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)');
    const tx = await db.transaction('write');
    await tx.execute("INSERT INTO t (v) VALUES ('a')");
    const dup = await caught(tx.execute("INSERT INTO t (v) VALUES ('a')"));
    expect((dup as LibsqlError).code).toBe('SQLITE_CONSTRAINT');
    await tx.execute("INSERT INTO t (v) VALUES ('b')");
    await tx.commit();
    expect((await db.execute('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v)).toEqual(['a', 'b']);
  });

  test('a second writer gets SQLITE_BUSY while a write transaction is open, and succeeds after', async () => {
    const { client } = await start();
    const db = client();
    const other = client();
    await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const tx = await db.transaction('write');
    await tx.execute("INSERT INTO t (v) VALUES ('tx')");

    const busy = await caught(other.execute("INSERT INTO t (v) VALUES ('other')"));
    expect(busy).toBeInstanceOf(LibsqlError);
    expect((busy as LibsqlError).code).toBe('SQLITE_BUSY');
    const busyBatch = await caught(other.batch(["INSERT INTO t (v) VALUES ('other')"], 'write'));
    expect((busyBatch as LibsqlError).code).toBe('SQLITE_BUSY');
    // Readers are not blocked (WAL).
    expect((await other.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(0);

    await tx.commit();
    await other.execute("INSERT INTO t (v) VALUES ('other')");
    expect((await db.execute('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v)).toEqual(['tx', 'other']);
  });

  test('an idle stream expires: its transaction is rolled back and its baton answers STREAM_EXPIRED', async () => {
    const { client, server } = await start();
    const db = client();
    await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const tx = await db.transaction('write');
    await tx.execute("INSERT INTO t (v) VALUES ('abandoned')");
    expect(server.expireIdleStreams(Date.now())).toBe(0); // not idle long enough yet
    expect(server.expireIdleStreams(Date.now() + 10_001)).toBe(1);
    expect(server.stats().streams).toBe(0);

    const expired = await caught(tx.execute('SELECT 1'));
    expect(expired).toBeInstanceOf(LibsqlError);
    expect((expired as LibsqlError).code).toBe('STREAM_EXPIRED');
    // The lock is gone and nothing was committed.
    await client().execute("INSERT INTO t (v) VALUES ('next')");
    expect((await db.execute('SELECT v FROM t')).rows.map((r) => r.v)).toEqual(['next']);
  });

  test("transaction('read') reads a consistent snapshot", async () => {
    const { client } = await start();
    const db = client();
    await db.execute('CREATE TABLE t (v INTEGER)');
    await db.execute('INSERT INTO t VALUES (1)');
    const tx = await db.transaction('read');
    expect((await tx.execute('SELECT sum(v) AS s FROM t')).rows[0].s).toBe(1);
    await client().execute('INSERT INTO t VALUES (2)');
    expect((await tx.execute('SELECT sum(v) AS s FROM t')).rows[0].s).toBe(1);
    await tx.commit();
    expect((await db.execute('SELECT sum(v) AS s FROM t')).rows[0].s).toBe(3);
  });
});

describe('connections', () => {
  test('every connection has WAL, foreign keys, secure_delete, and no busy wait', async () => {
    const { client } = await start();
    const db = client();
    const pragma = async (name: string) => Object.values((await db.execute(`PRAGMA ${name}`)).rows[0])[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('secure_delete')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(0);
    // A stream that turned foreign keys off does not hand that to the next one.
    await db.executeMultiple('PRAGMA foreign_keys = OFF; PRAGMA secure_delete = OFF');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('secure_delete')).toBe(1);
  });

  test("overlapping streams each run with the Node client's pragmas (api/db/pragmas.ts), synchronous=FULL included", async () => {
    const { client } = await start();
    const db = client();
    // A stream that turned them off hands its connection back to the pool reset.
    await db.executeMultiple('PRAGMA synchronous = OFF; PRAGMA secure_delete = OFF');
    const answers = await Promise.all(
      Array.from({ length: 16 }, () =>
        db.execute('SELECT * FROM pragma_secure_delete, pragma_foreign_keys, pragma_synchronous, pragma_journal_mode'),
      ),
    );
    for (const a of answers) {
      const r = a.rows[0]!;
      expect([r.secure_delete, r.foreign_keys, r.synchronous, r.journal_mode]).toEqual([1, 1, 2, 'wal']);
    }
  });

  test(':memory: serves a temporary file shared by all streams, removed on close', async () => {
    const server = await startLibsqlServer({ dbPath: ':memory:' });
    const a = createClient({ url: server.url });
    const b = createClient({ url: server.url });
    await a.execute('CREATE TABLE t (v TEXT)');
    await a.execute("INSERT INTO t VALUES ('shared')");
    expect((await b.execute('SELECT v FROM t')).rows[0].v).toBe('shared');
    a.close();
    b.close();
    await server.close();
    const { existsSync } = await import('node:fs');
    expect(existsSync(server.dbPath)).toBe(false);
  });
});

describe('the CLI', () => {
  test('prints its URL, serves, and exits cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'libsql-server-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const child = spawn(process.execPath, ['tools/libsql-server/cli.ts', '--db', join(dir, 'nested', 'cli.db'), '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const lines = createInterface({ input: child.stdout });
    let url: string | undefined;
    for await (const line of lines) {
      if (line.startsWith('http://')) {
        url = line;
        break;
      }
    }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const db = createClient({ url: url as string });
    await db.execute('CREATE TABLE t (v TEXT)');
    await db.execute({ sql: 'INSERT INTO t VALUES (?)', args: ['from the CLI'] });
    expect((await db.execute('SELECT v FROM t')).rows[0].v).toBe('from the CLI');
    db.close();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });
});

describe('drizzle-orm over the stand-in', () => {
  const partners = sqliteTable('partners', {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull().unique(),
    region: text('region'),
    createdAt: integer('created_at', { mode: 'timestamp' }).notNull(),
  });

  test('insert, select, update, batch', async () => {
    const { client } = await start();
    const orm = drizzle(client(), { schema: { partners } });
    await orm.run(
      sql`CREATE TABLE partners (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, region TEXT, created_at INTEGER NOT NULL)`,
    );

    const at = new Date('2025-03-01T12:00:00Z');
    const [inserted] = await orm.insert(partners).values({ name: 'Remontti Oy', region: 'Uusimaa', createdAt: at }).returning();
    expect(inserted).toEqual({ id: 1, name: 'Remontti Oy', region: 'Uusimaa', createdAt: at });

    await orm.batch([
      orm.insert(partners).values({ name: 'Katto Ky', region: 'Pirkanmaa', createdAt: at }),
      orm.insert(partners).values({ name: 'Putki Tmi', region: null, createdAt: at }),
      orm.update(partners).set({ region: 'Häme' }).where(eq(partners.name, 'Putki Tmi')),
    ]);
    const rows = await orm.select({ name: partners.name, region: partners.region }).from(partners).orderBy(partners.id);
    expect(rows).toEqual([
      { name: 'Remontti Oy', region: 'Uusimaa' },
      { name: 'Katto Ky', region: 'Pirkanmaa' },
      { name: 'Putki Tmi', region: 'Häme' },
    ]);
    expect(await orm.query.partners.findFirst({ where: eq(partners.region, 'Häme') })).toMatchObject({ id: 3, name: 'Putki Tmi' });

    const dup = await caught(
      orm.batch([
        orm.insert(partners).values({ name: 'Uusi Oy', createdAt: at }),
        orm.insert(partners).values({ name: 'Katto Ky', createdAt: at }),
      ]),
    );
    expect(String((dup as Error).message) + String((dup as { cause?: Error }).cause?.message)).toMatch(/UNIQUE constraint failed/);
    expect(await orm.$count(partners)).toBe(3);

    const result = await orm.transaction(async (tx) => {
      await tx.insert(partners).values({ name: 'Tx Oy', createdAt: at });
      return tx.select().from(partners).where(eq(partners.name, 'Tx Oy'));
    });
    expect(result).toHaveLength(1);
    expect(await orm.$count(partners)).toBe(4);
  });
});

describe('auth', () => {
  test('with authToken set, requests need the bearer token', async () => {
    const { client, server } = await start({ authToken: 's3cret' });
    const anonymous = await caught(client().execute('SELECT 1'));
    expect(anonymous).toBeInstanceOf(LibsqlError);
    expect((anonymous as Error).message).toMatch(/401/);
    const wrong = await caught(client({ authToken: 'guess' }).execute('SELECT 1'));
    expect((wrong as Error).message).toMatch(/401/);
    expect((await client({ authToken: 's3cret' }).execute('SELECT 1 AS ok')).rows[0].ok).toBe(1);
    // Version probes stay open (the client sends them without credentials).
    expect((await fetch(`${server.url}/v2`)).status).toBe(200);
    expect((await pipeline(server, { baton: null, requests: [] })).status).toBe(401);
  });
});

describe('the wire protocol, directly', () => {
  test('version endpoints; protobuf answers 404 so clients fall back to JSON', async () => {
    const { server } = await start();
    expect((await fetch(`${server.url}/v2`)).status).toBe(200);
    expect((await fetch(`${server.url}/v3`)).status).toBe(200);
    expect((await fetch(`${server.url}/v3-protobuf`)).status).toBe(404);
    expect((await fetch(`${server.url}/v3-protobuf/pipeline`, { method: 'POST', body: '' })).status).toBe(404);
    expect((await fetch(`${server.url}/v2/pipeline`)).status).toBe(405);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  test('malformed requests get 400 with a message', async () => {
    const { server } = await start();
    const badJson = await pipeline(server, '{"requests": [');
    expect(badJson.status).toBe(400);
    expect(badJson.text).toMatch(/JSON/);
    const unknown = await pipeline(server, { baton: null, requests: [{ type: 'teleport' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(/unknown request type "teleport"/);
    const badValue = await pipeline(server, {
      requests: [{ type: 'execute', stmt: { sql: 'SELECT ?', args: [{ type: 'integer', value: '1.5' }] } }],
    });
    expect(badValue.status).toBe(400);
    const badBaton = await pipeline(server, { baton: 'not-a-baton', requests: [] });
    expect(badBaton.status).toBe(400);
    expect(badBaton.text).toMatch(/invalid baton/);
    const missingSql = await pipeline(server, { requests: [{ type: 'execute', stmt: { sql_id: 7 } }] });
    expect(missingSql.status).toBe(400);
    expect(missingSql.text).toMatch(/SQL text 7 not found/);
  });

  test('streams, batons, stored SQL, batch conditions, describe, get_autocommit', async () => {
    const { server } = await start();
    const first = await pipeline(server, {
      baton: null,
      requests: [
        { type: 'store_sql', sql_id: 1, sql: 'INSERT INTO t (v) VALUES (?) RETURNING id' },
        { type: 'sequence', sql: 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE); BEGIN' },
        { type: 'execute', stmt: { sql_id: 1, args: [{ type: 'text', value: 'a' }], want_rows: true } },
        { type: 'get_autocommit' },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body.base_url).toBeNull();
    expect(typeof first.body.baton).toBe('string');
    expect(first.body.results.map((r: any) => r.type)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(first.body.results[2].response.result).toMatchObject({
      cols: [{ name: 'id', decltype: 'INTEGER' }],
      rows: [[{ type: 'integer', value: '1' }]],
      affected_row_count: 1,
      last_insert_rowid: '1',
    });
    expect(first.body.results[3].response).toEqual({ type: 'get_autocommit', is_autocommit: false });

    const second = await pipeline(server, {
      baton: first.body.baton,
      requests: [
        {
          type: 'batch',
          batch: {
            steps: [
              { stmt: { sql_id: 1, args: [{ type: 'text', value: 'a' }] } },
              { condition: { type: 'error', step: 0 }, stmt: { sql: "SELECT 'recovered' AS r" } },
              { condition: { type: 'ok', step: 0 }, stmt: { sql: "SELECT 'skipped'" } },
              {
                condition: {
                  type: 'and',
                  conds: [
                    { type: 'not', cond: { type: 'is_autocommit' } },
                    { type: 'or', conds: [{ type: 'ok', step: 1 }] },
                  ],
                },
                stmt: { sql: 'COMMIT' },
              },
            ],
          },
        },
        { type: 'describe', sql: 'SELECT id, v FROM t WHERE id = :id AND v = ?5' },
        { type: 'describe', sql: 'INSERT INTO t (v) VALUES (?)' },
        { type: 'close_sql', sql_id: 1 },
        { type: 'get_autocommit' },
        { type: 'close' },
      ],
    });
    expect(second.status).toBe(200);
    expect(second.body.baton).toBeNull();
    const batch = second.body.results[0].response.result;
    expect(batch.step_errors[0]).toMatchObject({ code: 'SQLITE_CONSTRAINT' });
    expect(batch.step_errors[0].message).toMatch(/UNIQUE constraint failed: t\.v/);
    expect(batch.step_results[0]).toBeNull();
    expect(batch.step_results[1].rows).toEqual([[{ type: 'text', value: 'recovered' }]]);
    expect(batch.step_results[2]).toBeNull();
    expect(batch.step_errors[2]).toBeNull();
    expect(batch.step_results[3]).not.toBeNull();
    expect(second.body.results[1].response.result).toEqual({
      params: [{ name: ':id' }, { name: null }, { name: null }, { name: null }, { name: '?5' }],
      cols: [
        { name: 'id', decltype: 'INTEGER' },
        { name: 'v', decltype: 'TEXT' },
      ],
      is_explain: false,
      is_readonly: true,
    });
    expect(second.body.results[2].response.result).toMatchObject({ params: [{ name: null }], cols: [], is_readonly: false });
    expect(second.body.results[4].response).toEqual({ type: 'get_autocommit', is_autocommit: true });

    // The batons are single-use and the stream is closed now.
    expect((await pipeline(server, { baton: first.body.baton, requests: [] })).status).toBe(400);
    expect(server.stats().streams).toBe(0);

    // After `close` in a pipeline, statements in the same pipeline are a protocol error.
    const afterClose = await pipeline(server, { requests: [{ type: 'close' }, { type: 'execute', stmt: { sql: 'SELECT 1' } }] });
    expect(afterClose.status).toBe(400);
  });

  test('v3 cursor streams batch results as newline-delimited JSON', async () => {
    const { server } = await start();
    const res = await pipeline(
      server,
      {
        baton: null,
        batch: {
          steps: [
            { stmt: { sql: 'SELECT 1 AS a UNION ALL SELECT 2' } },
            { stmt: { sql: 'SELECT * FROM missing' } },
            { condition: { type: 'ok', step: 1 }, stmt: { sql: 'SELECT 3' } },
          ],
        },
      },
      '/v3/cursor',
    );
    expect(res.status).toBe(200);
    const lines = res.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(typeof lines[0].baton).toBe('string');
    expect(lines.slice(1).map((l) => l.type)).toEqual(['step_begin', 'row', 'row', 'step_end', 'step_error']);
    expect(lines[2].row).toEqual([{ type: 'integer', value: '1' }]);
    expect(lines[5].error.code).toBe('SQLITE_ERROR');
    // The stream lives on: close it.
    const closed = await pipeline(server, { baton: lines[0].baton, requests: [{ type: 'close' }] });
    expect(closed.body).toEqual({ baton: null, base_url: null, results: [{ type: 'ok', response: { type: 'close' } }] });
  });
});
