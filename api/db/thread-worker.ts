// The database thread of api/db/thread-client.ts: it owns the file's connections (opened by
// openFileDatabase, so the pragmas and the file's modes stay in one place) and runs each message's
// statements with the library's own client. What it sends back is plain data a structured clone
// carries: rows as arrays, errors as their fields.
import type { Client, ResultSet } from '@libsql/client';
import { LibsqlBatchError, LibsqlError } from '@libsql/client';
import { parentPort, workerData } from 'node:worker_threads';
import { openFileDatabase } from './open-file.ts';
import type { Answer, Call, PlainError, PlainResult } from './thread-client.ts';

const port = parentPort!;

function plain(rs: ResultSet): PlainResult {
  return {
    columns: rs.columns,
    columnTypes: rs.columnTypes,
    rows: rs.rows.map((row) => Array.prototype.slice.call(row)),
    rowsAffected: rs.rowsAffected,
    lastInsertRowid: rs.lastInsertRowid,
  };
}

function plainError(err: unknown): PlainError {
  if (err instanceof LibsqlError) {
    return {
      kind: err instanceof LibsqlBatchError ? 'batch' : 'libsql',
      name: err.name,
      message: err.message,
      code: err.code,
      extendedCode: err.extendedCode,
      rawCode: err.rawCode,
      statementIndex: err instanceof LibsqlBatchError ? err.statementIndex : undefined,
    };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return { kind: 'other', name: e.name, message: e.message };
}

async function run(client: Client, call: Call): Promise<PlainResult[]> {
  switch (call.op) {
    case 'execute':
      return [plain(await client.execute(call.stmt))];
    case 'batch':
      return (await client.batch(call.stmts, call.mode)).map(plain);
    case 'migrate':
      return (await client.migrate(call.stmts)).map(plain);
    case 'executeMultiple':
      await client.executeMultiple(call.sql);
      return [];
  }
}

try {
  const client = await openFileDatabase((workerData as { path: string }).path);
  // One call at a time, in the order sent: a close waits for every call before it.
  let queue = Promise.resolve();
  const onMessage = (call: Call | { op: 'close' }) => {
    if (call.op === 'close') {
      queue = queue.then(() => {
        client.close();
        // Nothing else keeps this thread alive: it ends once the last answer is out.
        port.off('message', onMessage);
      });
      return;
    }
    queue = queue.then(async () => {
      let answer: Answer;
      try {
        answer = { id: call.id, results: await run(client, call) };
      } catch (err) {
        answer = { id: call.id, error: plainError(err) };
      }
      try {
        port.postMessage(answer);
      } catch (err) {
        // A value a structured clone cannot carry must fail its call, not the thread.
        port.postMessage({ id: call.id, error: plainError(err) } satisfies Answer);
      }
    });
  };
  port.on('message', onMessage);
  port.postMessage({ id: 0, results: [] } satisfies Answer);
} catch (err) {
  port.postMessage({ id: 0, error: plainError(err) } satisfies Answer);
}
