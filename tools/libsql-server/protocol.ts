// Hrana-over-HTTP JSON messages (protocol versions 2 and 3): the request shapes we accept,
// strict decoding into them (a malformed request is a ProtocolError → HTTP 400, like sqld),
// and the encoding of values and results.

/** A request the client should never send: the whole HTTP request fails with 400. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** An error reported inside `results` (or a batch step): the HTTP status stays 200. */
export class HranaError extends Error {
  code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = 'HranaError';
    this.code = code;
  }
}

export type Value = null | bigint | number | string | Uint8Array;

export type Stmt = {
  sql: string | undefined;
  sqlId: number | undefined;
  args: Value[];
  namedArgs: { name: string; value: Value }[];
  wantRows: boolean;
};

export type BatchCond =
  | { type: 'ok'; step: number }
  | { type: 'error'; step: number }
  | { type: 'not'; cond: BatchCond }
  | { type: 'and'; conds: BatchCond[] }
  | { type: 'or'; conds: BatchCond[] }
  | { type: 'is_autocommit' };

export type Batch = { steps: { condition: BatchCond | undefined; stmt: Stmt }[] };

export type StreamRequest =
  | { type: 'close' }
  | { type: 'execute'; stmt: Stmt }
  | { type: 'batch'; batch: Batch }
  | { type: 'sequence'; sql: string | undefined; sqlId: number | undefined }
  | { type: 'describe'; sql: string | undefined; sqlId: number | undefined }
  | { type: 'store_sql'; sqlId: number; sql: string }
  | { type: 'close_sql'; sqlId: number }
  | { type: 'get_autocommit' };

export type PipelineRequest = { baton: string | null; requests: StreamRequest[] };
export type CursorRequest = { baton: string | null; batch: Batch };

export type Col = { name: string | null; decltype: string | null };

export type StmtResult = {
  cols: Col[];
  rows: Value[][];
  affectedRowCount: number;
  lastInsertRowid: bigint | null;
  rowsRead: number;
  rowsWritten: number;
  queryDurationMs: number;
};

export type DescribeResult = {
  params: { name: string | null }[];
  cols: { name: string; decltype: string | null }[];
  isExplain: boolean;
  isReadonly: boolean;
};

export type BatchResult = { stepResults: (StmtResult | null)[]; stepErrors: (HranaError | null)[] };

// ---------------------------------------------------------------------------------------------
// Decoding

type Obj = Record<string, unknown>;

function object(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ProtocolError(`${what}: expected an object`);
  return v as Obj;
}

function array(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new ProtocolError(`${what}: expected an array`);
  return v;
}

function optArray(v: unknown, what: string): unknown[] {
  return v === undefined || v === null ? [] : array(v, what);
}

function string(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new ProtocolError(`${what}: expected a string`);
  return v;
}

function optString(v: unknown, what: string): string | undefined {
  return v === undefined || v === null ? undefined : string(v, what);
}

function int32(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
    throw new ProtocolError(`${what}: expected a 32-bit integer`);
  }
  return v;
}

function optInt32(v: unknown, what: string): number | undefined {
  return v === undefined || v === null ? undefined : int32(v, what);
}

function uint32(v: unknown, what: string): number {
  const n = int32(v, what);
  if (n < 0) throw new ProtocolError(`${what}: expected a non-negative integer`);
  return n;
}

const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeValue(v: unknown, what: string): Value {
  const o = object(v, what);
  const type = string(o.type, `${what}.type`);
  switch (type) {
    case 'null':
      return null;
    case 'integer': {
      const raw = o.value;
      let n: bigint;
      if (typeof raw === 'string' && /^-?\d+$/.test(raw)) n = BigInt(raw);
      else if (typeof raw === 'number' && Number.isSafeInteger(raw)) n = BigInt(raw);
      else throw new ProtocolError(`${what}.value: expected an integer as a decimal string`);
      if (n < MIN_I64 || n > MAX_I64) throw new ProtocolError(`${what}.value: integer out of the 64-bit range`);
      return n;
    }
    case 'float':
      if (typeof o.value !== 'number') throw new ProtocolError(`${what}.value: expected a number`);
      return o.value;
    case 'text':
      return string(o.value, `${what}.value`);
    case 'blob': {
      const b64 = string(o.base64, `${what}.base64`);
      if (!BASE64.test(b64)) throw new ProtocolError(`${what}.base64: invalid base64`);
      return new Uint8Array(Buffer.from(b64, 'base64'));
    }
    default:
      throw new ProtocolError(`${what}.type: unknown value type ${JSON.stringify(type)}`);
  }
}

function decodeStmt(v: unknown, what: string): Stmt {
  const o = object(v, what);
  const wantRows = o.want_rows;
  if (wantRows !== undefined && wantRows !== null && typeof wantRows !== 'boolean') {
    throw new ProtocolError(`${what}.want_rows: expected a boolean`);
  }
  return {
    sql: optString(o.sql, `${what}.sql`),
    sqlId: optInt32(o.sql_id, `${what}.sql_id`),
    args: optArray(o.args, `${what}.args`).map((a, i) => decodeValue(a, `${what}.args[${i}]`)),
    namedArgs: optArray(o.named_args, `${what}.named_args`).map((a, i) => {
      const na = object(a, `${what}.named_args[${i}]`);
      return { name: string(na.name, `${what}.named_args[${i}].name`), value: decodeValue(na.value, `${what}.named_args[${i}].value`) };
    }),
    wantRows: wantRows ?? true,
  };
}

function decodeCond(v: unknown, what: string, stepIndex: number): BatchCond {
  const o = object(v, what);
  const type = string(o.type, `${what}.type`);
  switch (type) {
    case 'ok':
    case 'error': {
      const step = uint32(o.step, `${what}.step`);
      // A condition may only look back at earlier steps (sqld: BatchCondBadStep).
      if (step >= stepIndex) throw new ProtocolError('Invalid reference to step in a batch condition');
      return { type, step };
    }
    case 'not':
      return { type, cond: decodeCond(o.cond, `${what}.cond`, stepIndex) };
    case 'and':
    case 'or':
      return { type, conds: array(o.conds, `${what}.conds`).map((c, i) => decodeCond(c, `${what}.conds[${i}]`, stepIndex)) };
    case 'is_autocommit':
      return { type };
    default:
      throw new ProtocolError(`${what}.type: unknown batch condition ${JSON.stringify(type)}`);
  }
}

export function decodeBatch(v: unknown, what: string): Batch {
  const o = object(v, what);
  return {
    steps: array(o.steps, `${what}.steps`).map((s, i) => {
      const step = object(s, `${what}.steps[${i}]`);
      return {
        condition:
          step.condition === undefined || step.condition === null
            ? undefined
            : decodeCond(step.condition, `${what}.steps[${i}].condition`, i),
        stmt: decodeStmt(step.stmt, `${what}.steps[${i}].stmt`),
      };
    }),
  };
}

function decodeStreamRequest(v: unknown, what: string): StreamRequest {
  const o = object(v, what);
  const type = string(o.type, `${what}.type`);
  switch (type) {
    case 'close':
    case 'get_autocommit':
      return { type };
    case 'execute':
      return { type, stmt: decodeStmt(o.stmt, `${what}.stmt`) };
    case 'batch':
      return { type, batch: decodeBatch(o.batch, `${what}.batch`) };
    case 'sequence':
    case 'describe':
      return { type, sql: optString(o.sql, `${what}.sql`), sqlId: optInt32(o.sql_id, `${what}.sql_id`) };
    case 'store_sql':
      return { type, sqlId: int32(o.sql_id, `${what}.sql_id`), sql: string(o.sql, `${what}.sql`) };
    case 'close_sql':
      return { type, sqlId: int32(o.sql_id, `${what}.sql_id`) };
    default:
      throw new ProtocolError(`${what}.type: unknown request type ${JSON.stringify(type)}`);
  }
}

function decodeBaton(v: unknown): string | null {
  return v === undefined || v === null ? null : string(v, 'baton');
}

export function decodePipelineRequest(body: unknown): PipelineRequest {
  const o = object(body, 'request body');
  return {
    baton: decodeBaton(o.baton),
    requests: array(o.requests, 'requests').map((r, i) => decodeStreamRequest(r, `requests[${i}]`)),
  };
}

export function decodeCursorRequest(body: unknown): CursorRequest {
  const o = object(body, 'request body');
  return { baton: decodeBaton(o.baton), batch: decodeBatch(o.batch, 'batch') };
}

// ---------------------------------------------------------------------------------------------
// Encoding (to plain JSON-able objects)

// Node 21+ (not yet in TypeScript's lib): emits its argument verbatim from JSON.stringify.
const rawJSON = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

export function encodeValue(v: unknown): unknown {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() };
  if (typeof v === 'number') {
    // SQLite can hold ±Infinity as REAL; JSON has no literal for it, but 1e999 parses back to it.
    if (!Number.isFinite(v)) return { type: 'float', value: rawJSON(v > 0 ? '1e999' : '-1e999') };
    return { type: 'float', value: v };
  }
  if (typeof v === 'string') return { type: 'text', value: v };
  if (v instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  throw new Error(`cannot encode a value of type ${typeof v}`);
}

export function encodeError(e: HranaError): { message: string; code: string } {
  return { message: e.message, code: e.code };
}

export function encodeStmtResult(r: StmtResult): unknown {
  return {
    cols: r.cols,
    rows: r.rows.map((row) => row.map(encodeValue)),
    affected_row_count: r.affectedRowCount,
    last_insert_rowid: r.lastInsertRowid === null ? null : r.lastInsertRowid.toString(),
    rows_read: r.rowsRead,
    rows_written: r.rowsWritten,
    query_duration_ms: r.queryDurationMs,
  };
}

export function encodeBatchResult(r: BatchResult): unknown {
  return {
    step_results: r.stepResults.map((s) => (s === null ? null : encodeStmtResult(s))),
    step_errors: r.stepErrors.map((e) => (e === null ? null : encodeError(e))),
  };
}

export function encodeDescribeResult(r: DescribeResult): unknown {
  return { params: r.params, cols: r.cols, is_explain: r.isExplain, is_readonly: r.isReadonly };
}
