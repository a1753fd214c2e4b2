// Development stand-in for a libSQL server (sqld / Turso): speaks Hrana over HTTP (JSON, the
// protocol `@libsql/client/web` uses) over a local SQLite/libSQL file. Not for production:
// one Node thread, synchronous SQLite calls, no replication, no protobuf, no WebSockets.
// See README.md next to this file.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Connection, sqliteError } from './engine.ts';
import {
  HranaError,
  ProtocolError,
  decodeCursorRequest,
  decodePipelineRequest,
  encodeBatchResult,
  encodeDescribeResult,
  encodeError,
  encodeStmtResult,
  encodeValue,
  type Stmt,
  type StreamRequest,
} from './protocol.ts';

export type LibsqlServerOptions = {
  /** SQLite/libSQL database file; created (with its directory) if missing. `:memory:` uses a temp file removed on close. */
  dbPath: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  hostname?: string;
  /** When set, pipeline and cursor requests need `Authorization: Bearer <authToken>`. */
  authToken?: string;
  /** An unused stream (and its open transaction) is rolled back and dropped after this long; default 10 000 ms. */
  streamIdleTimeoutMs?: number;
  /** Request bodies larger than this get 413; default 32 MiB. */
  maxBodyBytes?: number;
};

export type LibsqlServer = {
  /** Base URL for `createClient({ url })`, e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  /** Absolute path of the database file being served. */
  dbPath: string;
  /**
   * Open streams (batons) and idle pooled connections, for tests and diagnostics; and since the
   * start, the Hrana requests answered (each one HTTP round trip for the client) and the SQL
   * statements they carried: a test can count what one API request costs on the edge.
   */
  stats(): { streams: number; idleConnections: number; roundTrips: number; statements: number };
  /** Expires streams idle since before `now - streamIdleTimeoutMs` (runs every second by itself). Returns how many. */
  expireIdleStreams(now?: number): number;
  close(): Promise<void>;
};

type Stream = {
  conn: Connection | null;
  sqls: Map<number, string>;
  closed: boolean;
  lastUsed: number;
};

/** sqld answers an expired baton with HTTP 500 and a JSON error carrying this code. */
class StreamExpiredError extends Error {}

const MAX_STORED_SQLS = 50;
const MAX_STORED_SQL_BYTES = 5000;
const MAX_IDLE_CONNECTIONS = 8;
const EXPIRED_BATON_MEMORY_MS = 5 * 60_000;
const SWEEP_INTERVAL_MS = 1000;

export async function startLibsqlServer(options: LibsqlServerOptions): Promise<LibsqlServer> {
  const idleTimeout = options.streamIdleTimeoutMs ?? 10_000;
  const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;
  const hostname = options.hostname ?? '127.0.0.1';

  let tempDir: string | undefined;
  let dbPath: string;
  if (options.dbPath === ':memory:' || options.dbPath === '') {
    // Every stream has its own connection, so a true :memory: database would not be shared.
    tempDir = mkdtempSync(join(tmpdir(), 'libsql-server-'));
    dbPath = join(tempDir, 'memory.db');
  } else {
    dbPath = resolve(options.dbPath);
    mkdirSync(dirname(dbPath), { recursive: true });
  }

  // ---- connections -----------------------------------------------------------------------------
  const idle: Connection[] = [];
  const first = new Connection(dbPath);
  try {
    first.db.exec('PRAGMA journal_mode = WAL');
  } catch (e) {
    // Another process holding the file can make the switch fail; readers then block on writers.
    console.warn(`libsql-server: could not switch ${dbPath} to WAL: ${(e as Error).message}`);
  }
  idle.push(first);

  const acquireConnection = (): Connection => idle.pop() ?? new Connection(dbPath);
  const releaseConnection = (conn: Connection) => {
    conn.rollback();
    try {
      conn.resetPragmas();
    } catch {
      conn.close();
      return;
    }
    if (idle.length < MAX_IDLE_CONNECTIONS) idle.push(conn);
    else conn.close();
  };

  // ---- streams and batons ----------------------------------------------------------------------
  const streams = new Map<string, Stream>(); // by current baton
  const expiredBatons = new Map<string, number>(); // baton → when it expired

  const forgetExpired = (now: number) => {
    for (const [baton, at] of expiredBatons) {
      if (now - at < EXPIRED_BATON_MEMORY_MS) break; // insertion order = expiry order
      expiredBatons.delete(baton);
    }
  };

  const acquireStream = (baton: string | null): Stream => {
    if (baton === null) return { conn: null, sqls: new Map(), closed: false, lastUsed: Date.now() };
    const stream = streams.get(baton);
    if (stream !== undefined) {
      streams.delete(baton); // a baton is good for one request
      return stream;
    }
    if (expiredBatons.has(baton)) throw new StreamExpiredError('The stream has expired due to inactivity');
    throw new ProtocolError('Received an invalid baton');
  };

  const closeStream = (stream: Stream) => {
    stream.closed = true;
    if (stream.conn !== null) {
      releaseConnection(stream.conn);
      stream.conn = null;
    }
  };

  /** Returns the baton for the next request, or null when the stream was closed. */
  const releaseStream = (stream: Stream): string | null => {
    if (stream.closed) return null;
    const baton = randomBytes(24).toString('base64url');
    stream.lastUsed = Date.now();
    streams.set(baton, stream);
    return baton;
  };

  const expireIdleStreams = (now = Date.now()): number => {
    let expired = 0;
    for (const [baton, stream] of streams) {
      if (now - stream.lastUsed < idleTimeout) continue;
      streams.delete(baton);
      closeStream(stream); // rolls back an open transaction
      expiredBatons.set(baton, now);
      expired++;
    }
    forgetExpired(now);
    return expired;
  };
  const sweeper = setInterval(() => expireIdleStreams(), SWEEP_INTERVAL_MS);
  sweeper.unref();

  const streamConnection = (stream: Stream): Connection => {
    if (stream.closed) throw new ProtocolError('Stream for this baton was closed');
    stream.conn ??= acquireConnection();
    return stream.conn;
  };

  const sqlOf = (stream: Stream, sql: string | undefined, sqlId: number | undefined): string => {
    if (sql !== undefined && sqlId !== undefined) throw new ProtocolError('Either `sql` or `sql_id` are required, but not both');
    if (sql !== undefined) return sql;
    if (sqlId === undefined) throw new ProtocolError('Either `sql` or `sql_id` are required');
    const stored = stream.sqls.get(sqlId);
    if (stored === undefined) throw new ProtocolError(`SQL text ${sqlId} not found`);
    return stored;
  };
  const stmtSql = (stream: Stream) => (stmt: Stmt) => sqlOf(stream, stmt.sql, stmt.sqlId);

  const counts = { roundTrips: 0, statements: 0 };

  const handleRequest = (stream: Stream, request: StreamRequest): unknown => {
    if (request.type === 'execute') counts.statements += 1;
    if (request.type === 'batch') counts.statements += request.batch.steps.length;
    switch (request.type) {
      case 'close':
        closeStream(stream);
        return { type: 'close' };
      case 'execute': {
        const conn = streamConnection(stream);
        const result = conn.execute(sqlOf(stream, request.stmt.sql, request.stmt.sqlId), request.stmt);
        return { type: 'execute', result: encodeStmtResult(result) };
      }
      case 'batch': {
        const conn = streamConnection(stream);
        return { type: 'batch', result: encodeBatchResult(conn.batch(request.batch, stmtSql(stream))) };
      }
      case 'sequence': {
        const conn = streamConnection(stream);
        conn.sequence(sqlOf(stream, request.sql, request.sqlId));
        return { type: 'sequence' };
      }
      case 'describe': {
        const conn = streamConnection(stream);
        return { type: 'describe', result: encodeDescribeResult(conn.describe(sqlOf(stream, request.sql, request.sqlId))) };
      }
      case 'store_sql': {
        if (stream.sqls.has(request.sqlId)) throw new ProtocolError(`SQL text ${request.sqlId} already exists`);
        if (stream.sqls.size >= MAX_STORED_SQLS) {
          throw new HranaError(`The server already stores ${stream.sqls.size} SQL texts, it cannot store more`, 'SQL_STORE_TOO_MANY');
        }
        const bytes = Buffer.byteLength(request.sql);
        if (bytes > MAX_STORED_SQL_BYTES) {
          throw new HranaError(`The statement is too large to be stored: ${bytes} B/${MAX_STORED_SQL_BYTES} B`, 'SQL_STORE_TOO_LARGE');
        }
        stream.sqls.set(request.sqlId, request.sql);
        return { type: 'store_sql' };
      }
      case 'close_sql':
        stream.sqls.delete(request.sqlId);
        return { type: 'close_sql' };
      case 'get_autocommit':
        return { type: 'get_autocommit', is_autocommit: streamConnection(stream).isAutocommit };
    }
  };

  /** Runs `work` on the stream; a ProtocolError or a crash drops the stream (as sqld does). */
  const withStream = <T>(baton: string | null, work: (stream: Stream) => T): { baton: string | null; value: T } => {
    const stream = acquireStream(baton);
    let value: T;
    try {
      value = work(stream);
    } catch (e) {
      closeStream(stream);
      throw e;
    }
    return { baton: releaseStream(stream), value };
  };

  const pipeline = (body: unknown): unknown => {
    const request = decodePipelineRequest(body);
    const { baton, value: results } = withStream(request.baton, (stream) =>
      request.requests.map((r) => {
        try {
          return { type: 'ok', response: handleRequest(stream, r) };
        } catch (e) {
          if (e instanceof HranaError) return { type: 'error', error: encodeError(e) };
          throw e;
        }
      }),
    );
    return { baton, base_url: null, results };
  };

  /** Hrana 3 cursor: the batch's results as newline-delimited JSON entries. */
  const cursor = (body: unknown): string => {
    const request = decodeCursorRequest(body);
    counts.statements += request.batch.steps.length;
    const { baton, value: entries } = withStream(request.baton, (stream) => {
      const out: unknown[] = [];
      let result;
      try {
        result = streamConnection(stream).batch(request.batch, stmtSql(stream));
      } catch (e) {
        if (!(e instanceof HranaError)) throw e;
        return [{ type: 'error', error: encodeError(e) }];
      }
      result.stepResults.forEach((r, step) => {
        const error = result.stepErrors[step];
        if (error !== null) out.push({ type: 'step_error', step, error: encodeError(error) });
        if (r === null) return;
        out.push({ type: 'step_begin', step, cols: r.cols });
        for (const row of r.rows) out.push({ type: 'row', row: row.map(encodeValue) });
        out.push({ type: 'step_end', affected_row_count: r.affectedRowCount, last_insert_rowid: r.lastInsertRowid?.toString() ?? null });
      });
      return out;
    });
    return [{ baton, base_url: null }, ...entries].map((e) => JSON.stringify(e) + '\n').join('');
  };

  // ---- HTTP --------------------------------------------------------------------------------------
  const expectedAuth = options.authToken === undefined ? undefined : createHash('sha256').update(`Bearer ${options.authToken}`).digest();
  const authorized = (req: IncomingMessage): boolean => {
    if (expectedAuth === undefined) return true;
    const header = req.headers.authorization ?? '';
    const normalized = header.replace(/^bearer\s+/i, 'Bearer ').trim();
    return timingSafeEqual(createHash('sha256').update(normalized).digest(), expectedAuth);
  };

  const send = (res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(body)),
      'access-control-allow-origin': '*',
      ...headers,
    });
    res.end(body);
  };
  const text = (res: ServerResponse, status: number, body: string, headers?: Record<string, string>) =>
    send(res, status, 'text/plain; charset=utf-8', body, headers);

  const readBody = (req: IncomingMessage): Promise<Buffer | null> =>
    new Promise((resolveBody, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) tooLarge = true;
        else chunks.push(chunk);
      });
      req.on('end', () => resolveBody(tooLarge ? null : Buffer.concat(chunks)));
      req.on('error', reject);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';

    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type',
        'access-control-max-age': '86400',
      });
      res.end();
      return;
    }
    if (path === '/v3-protobuf' || path.startsWith('/v3-protobuf/')) {
      // No protobuf: the client then falls back to JSON.
      text(res, 404, 'Hrana over protobuf is not supported by this development server');
      return;
    }
    const endpoint = ({ '/v2/pipeline': 'pipeline', '/v3/pipeline': 'pipeline', '/v3/cursor': 'cursor' } as const)[path as '/v2/pipeline'];
    if (endpoint === undefined) {
      const page = (
        {
          '/': 'Hello, this is HTTP API v2 (Hrana over HTTP): a development stand-in for a libSQL server, not sqld.\n',
          '/v2': 'Hrana over HTTP, version 2 (JSON)\n',
          '/v3': 'Hrana over HTTP, version 3 (JSON)\n',
          '/health': 'OK\n',
          '/version': 'linkki-libsql-dev-server\n',
        } as Record<string, string>
      )[path];
      if (page === undefined) text(res, 404, 'Not found');
      else if (method !== 'GET' && method !== 'HEAD') text(res, 405, 'Method not allowed', { allow: 'GET' });
      else text(res, 200, page);
      return;
    }
    if (method !== 'POST') {
      text(res, 405, 'Method not allowed', { allow: 'POST' });
      return;
    }
    if (!authorized(req)) {
      req.resume();
      text(res, 401, 'Unauthorized: expected Authorization: Bearer <token>', { 'www-authenticate': 'Bearer' });
      return;
    }
    const raw = await readBody(req);
    if (raw === null) {
      text(res, 413, `Request body larger than ${maxBodyBytes} bytes`);
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (e) {
      text(res, 400, `Cannot deserialize client message from JSON: ${(e as Error).message}`);
      return;
    }
    counts.roundTrips += 1;
    try {
      if (endpoint === 'pipeline') send(res, 200, 'application/json', JSON.stringify(pipeline(body)));
      else send(res, 200, 'text/plain', cursor(body));
    } catch (e) {
      if (e instanceof ProtocolError) {
        text(res, 400, e.message);
      } else if (e instanceof StreamExpiredError) {
        send(res, 500, 'application/json', JSON.stringify({ message: e.message, code: 'STREAM_EXPIRED' }));
      } else {
        console.error('libsql-server: internal error', e);
        send(res, 500, 'application/json', JSON.stringify(encodeError(e instanceof HranaError ? e : sqliteError(e))));
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error('libsql-server: request failed', e);
      if (!res.headersSent) text(res, 500, 'Internal server error');
      else res.destroy();
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = hostname === '0.0.0.0' ? '127.0.0.1' : hostname === '::' ? '[::1]' : hostname.includes(':') ? `[${hostname}]` : hostname;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    dbPath,
    stats: () => ({ streams: streams.size, idleConnections: idle.length, ...counts }),
    expireIdleStreams,
    close() {
      closing ??= new Promise<void>((resolveClose) => {
        clearInterval(sweeper);
        server.close(() => resolveClose());
        server.closeAllConnections();
      }).then(() => {
        for (const stream of streams.values()) {
          stream.conn?.close();
          stream.conn = null;
        }
        streams.clear();
        for (const conn of idle.splice(0)) conn.close();
        if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
      });
      return closing;
    },
  };
}
