// Node: the libSQL file's statements on a thread of their own (issue 12). The `libsql` driver is
// synchronous, so on the event loop every statement (a list's ~1 ms, a purge chunk's tens of ms,
// a write waiting up to busy_timeout for another process's lock) held up every request meanwhile,
// even those that touch no database. This client posts each execute or batch as one message to
// api/db/thread-worker.ts, which runs it with the library's own client over openFileDatabase's
// connections, and rebuilds the answer as the library's: rows readable by column name and by
// index, LibsqlError and LibsqlBatchError with their codes. A batch stays one transaction on the
// thread, in one message. Interactive transactions would hold a connection across messages; the
// app uses none (a batch or one statement, STYLE.md), so they are refused.
import {
  type Client,
  type InArgs,
  type InStatement,
  LibsqlBatchError,
  LibsqlError,
  type ResultSet,
  type Row,
  type TransactionMode,
  type Value,
} from '@libsql/client';
import { Worker } from 'node:worker_threads';

/** A result set as the thread sends it: rows as arrays of values. */
export type PlainResult = {
  columns: string[];
  columnTypes: string[];
  rows: Value[][];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
};
/** An error as the thread sends it: a structured clone keeps neither the class nor `code`. */
export type PlainError = {
  kind: 'libsql' | 'batch' | 'other';
  name: string;
  message: string;
  code?: string;
  extendedCode?: string;
  rawCode?: number;
  statementIndex?: number;
};
export type Call = { id: number } & (
  | { op: 'execute'; stmt: InStatement }
  | { op: 'batch'; stmts: Array<InStatement | [string, InArgs?]>; mode?: TransactionMode }
  | { op: 'migrate'; stmts: InStatement[] }
  | { op: 'executeMultiple'; sql: string }
);
type Op = Call extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;
/** Id 0 is the thread's first message: the file opened and configured, or why not. */
export type Answer = { id: number; results: PlainResult[] } | { id: number; error: PlainError };

/** The Client the app uses, whose close() resolves once the thread has finished and exited. */
export interface ThreadClient extends Client {
  close(): Promise<void>;
}

class ThreadResultSet implements ResultSet {
  columns: string[];
  columnTypes: string[];
  rows: Row[];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
  constructor(r: PlainResult) {
    this.columns = r.columns;
    this.columnTypes = r.columnTypes;
    this.rows = r.rows.map((values) => toRow(values, r.columns));
    this.rowsAffected = r.rowsAffected;
    this.lastInsertRowid = r.lastInsertRowid;
  }
  /** As @libsql/client's: bigints as text, blobs in base64. */
  toJSON() {
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((row) =>
        Array.prototype.map.call(row, (v: Value) =>
          typeof v === 'bigint' ? `${v}` : v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v,
        ),
      ),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid === undefined ? null : `${this.lastInsertRowid}`,
    };
  }
}

/**
 * The row as @libsql/client's sqlite3 client builds it: indexes and `length` not enumerable,
 * column names enumerable, the first of two same-named columns wins. drizzle reads both ways
 * (`Array.prototype.slice.call(row)` and `Object.keys(row)`).
 */
function toRow(values: Value[], columns: string[]): Row {
  const row = {} as Row;
  Object.defineProperty(row, 'length', { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    Object.defineProperty(row, i, { value });
    const column = columns[i]!;
    if (!Object.hasOwn(row, column)) Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
  }
  return row;
}

/** The error the library would have thrown, with the caller's stack (the thread's says nothing useful). */
function toError(e: PlainError, site: Error): Error {
  let err: Error;
  if (e.kind === 'batch') err = new LibsqlBatchError(e.message, e.statementIndex!, e.code!, e.extendedCode, e.rawCode);
  else if (e.kind === 'libsql') err = new LibsqlError(e.message, e.code!, e.extendedCode, e.rawCode);
  else {
    const Class = e.name === 'TypeError' ? TypeError : e.name === 'RangeError' ? RangeError : Error;
    err = new Class(e.message);
    err.name = e.name;
  }
  // The constructors prefix the code; the message came already prefixed.
  err.message = e.message;
  const frames = site.stack ?? '';
  err.stack = `${err.name}: ${err.message}${frames.slice(frames.indexOf('\n'))}`;
  return err;
}

const closedError = () => new LibsqlError('The client is closed', 'CLIENT_CLOSED');

/** Opens the file on a new thread; resolves once it is open and configured, rejects as openFileDatabase would. */
export async function openThreadDatabase(path: string): Promise<ThreadClient> {
  const worker = new Worker(new URL('./thread-worker.ts', import.meta.url), { workerData: { path } });
  const waiting = new Map<number, { resolve: (r: PlainResult[]) => void; reject: (e: Error) => void; site: Error }>();
  let nextId = 1;
  let stopped: Error | undefined;
  let closing = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  // The thread keeps the process alive only while a call waits for it, as a pending statement
  // does on the synchronous client; an idle server's socket or timers decide the rest.
  worker.unref();
  const settle = (id: number) => {
    const call = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0 && !closing) worker.unref();
    return call;
  };
  const stop = (err: Error) => {
    stopped ??= err;
    for (const id of [...waiting.keys()]) settle(id)!.reject(err);
  };
  worker.on('message', (answer: Answer) => {
    const call = settle(answer.id);
    if (!call) return;
    if ('error' in answer) call.reject(toError(answer.error, call.site));
    else call.resolve(answer.results);
  });
  worker.on('error', (err) => stop(new LibsqlError(`The database thread failed: ${err.message}`, 'CLIENT_CLOSED')));
  worker.on('exit', () => stop(closedError()));

  const send = (op: Op | { op: 'open' }, id = nextId++) => {
    // Captured here, so that a failed statement's stack names its caller.
    const site = new Error();
    return new Promise<PlainResult[]>((resolve, reject) => {
      if (stopped) return reject(stopped);
      if (waiting.size === 0) worker.ref();
      waiting.set(id, { resolve, reject, site });
      if (op.op === 'open') return;
      try {
        worker.postMessage({ ...op, id });
      } catch (err) {
        // An argument a structured clone cannot carry (a function, a class instance's methods).
        settle(id);
        reject(err);
      }
    });
  };

  try {
    await send({ op: 'open' }, 0);
  } catch (err) {
    await worker.terminate();
    throw err;
  }

  const client: ThreadClient = {
    closed: false,
    protocol: 'file',
    async execute(stmtOrSql: InStatement | string, args?: InArgs) {
      const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
      const [result] = await send({ op: 'execute', stmt });
      return new ThreadResultSet(result!);
    },
    async batch(stmts, mode) {
      return (await send({ op: 'batch', stmts, mode })).map((r) => new ThreadResultSet(r));
    },
    async migrate(stmts) {
      return (await send({ op: 'migrate', stmts })).map((r) => new ThreadResultSet(r));
    },
    async executeMultiple(sql) {
      await send({ op: 'executeMultiple', sql });
    },
    async transaction(): Promise<never> {
      throw new LibsqlError('Interactive transactions are not offered on the database thread: use batch()', 'TRANSACTION_UNSUPPORTED');
    },
    async sync(): Promise<never> {
      throw new LibsqlError('sync not supported in local mode', 'SYNC_NOT_SUPPORTED');
    },
    reconnect() {
      throw new LibsqlError('reconnect() is not offered on the database thread: close and open again', 'RECONNECT_UNSUPPORTED');
    },
    /** Calls sent before close are answered; later ones fail with CLIENT_CLOSED. */
    async close() {
      if (!closing) {
        closing = client.closed = true;
        stopped ??= closedError();
        // Held until the thread has closed the file, so that the process cannot end before it.
        worker.ref();
        worker.postMessage({ op: 'close' });
      }
      await exited;
    },
  };
  return client;
}
