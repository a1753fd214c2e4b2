// One SQLite connection (the `libsql` package, synchronous) and how Hrana statements, batches,
// sequences and describes run on it, with sqld's semantics: its argument binding rules, its
// error codes and messages, and its affected_row_count / last_insert_rowid rules.
import Database from 'libsql';
import {
  HranaError,
  type Batch,
  type BatchCond,
  type BatchResult,
  type DescribeResult,
  type Stmt,
  type StmtResult,
  type Value,
} from './protocol.ts';
import { analyzeStatement, splitStatements, type StatementInfo } from './sql.ts';
import { connectionPragmas } from '../../api/db/pragmas.ts';

type Db = Database.Database;
type Prepared = Database.Statement<unknown[]>;

// sqld reports the primary result code (rusqlite's ErrorCode), not the extended one.
const PRIMARY_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  2: 'SQLITE_INTERNAL',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  17: 'SQLITE_SCHEMA',
  18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH',
  25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB',
};

const SYNTAX_ERROR = /syntax error|unrecognized token|incomplete input/;

/** Turns whatever `libsql` threw into the error sqld would report. */
export function sqliteError(e: unknown): HranaError {
  if (e instanceof HranaError) return e;
  const err = e as { message?: unknown; code?: unknown; rawCode?: unknown };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  let code = 'SQLITE_UNKNOWN';
  if (typeof err?.rawCode === 'number') {
    code = PRIMARY_CODES[err.rawCode & 0xff] ?? 'SQLITE_UNKNOWN';
  } else if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_')) {
    const base = `SQLITE_${err.code.split('_')[1]}`;
    code = Object.values(PRIMARY_CODES).includes(base) ? base : 'SQLITE_UNKNOWN';
  }
  return new HranaError(`SQLite error: ${message}`, code);
}

/** A statement ready to run: its single SQL statement, analysis, and arguments. */
type Compiled = { sql: string; info: StatementInfo; stmt: Stmt };

export class Connection {
  readonly db: Db;
  #helper: Prepared | undefined;

  constructor(path: string) {
    this.db = new Database(path);
    // Handlers run on Node's one thread and libsql is synchronous: never wait for a lock (a
    // contended writer gets SQLITE_BUSY back instead of freezing the whole server).
    this.db.exec('PRAGMA busy_timeout = 0');
    this.resetPragmas();
  }

  /**
   * The per-connection pragmas every stream starts with: the same list the Node client applies
   * (api/db/pragmas.ts), except busy_timeout (above).
   */
  resetPragmas(): void {
    this.db.exec(connectionPragmas.join('; '));
  }

  get isAutocommit(): boolean {
    return !this.db.inTransaction;
  }

  /** Rolls back whatever transaction the connection is in (a no-op in autocommit). */
  rollback(): void {
    if (this.db.inTransaction) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // nothing more we can do; the connection is discarded or reused in autocommit anyway
      }
    }
  }

  close(): void {
    try {
      this.rollback();
      this.db.close();
    } catch {
      // already closed
    }
  }

  // -------------------------------------------------------------------------------------------

  #changes(): { changes: number; lastInsertRowid: bigint } {
    this.#helper ??= this.db.prepare('SELECT changes(), last_insert_rowid()').raw(true).safeIntegers(true);
    const [[changes, rowid]] = this.#helper.all() as [[bigint, bigint]];
    return { changes: Number(changes), lastInsertRowid: rowid };
  }

  /**
   * Checks a statement the way sqld does before running anything: exactly one statement,
   * no mixing of positional and named arguments, and no syntax error.
   */
  compile(sql: string, stmt: Stmt): Compiled {
    if (stmt.args.length > 0 && stmt.namedArgs.length > 0) {
      throw new HranaError('Specifying both positional and named arguments is not supported', 'ARGS_BOTH_POSITIONAL_AND_NAMED');
    }
    const statements = splitStatements(sql);
    if (statements.length === 0) throw new HranaError('SQL string does not contain any statement', 'SQL_NO_STATEMENT');
    if (statements.length > 1) throw new HranaError('SQL string contains more than one statement', 'SQL_MANY_STATEMENTS');
    this.#checkSyntax(statements[0].sql);
    return { sql: statements[0].sql, info: analyzeStatement(statements[0].tokens), stmt };
  }

  /** sqld parses every statement before running any; we let SQLite judge just the syntax. */
  #checkSyntax(sql: string): void {
    try {
      this.db.prepare(sql);
    } catch (e) {
      const message = (e as { message?: unknown })?.message;
      if (typeof message === 'string' && SYNTAX_ERROR.test(message)) {
        throw new HranaError(`SQL string could not be parsed: ${message}`, 'SQL_PARSE_ERROR');
      }
      // Anything else (e.g. "no such table") may be fixed by an earlier step: judged when run.
    }
  }

  /** sqld's Params::bind: an array of values by parameter index, or an ARGS_INVALID error. */
  #bind(c: Compiled): Value[] {
    const { params, isExplain } = c.info;
    const { args, namedArgs } = c.stmt;
    const given = namedArgs.length > 0 ? namedArgs.length : args.length;
    if (given > params.length) {
      throw new HranaError(
        `Arguments do not match SQL parameters: too many parameters, expected ${params.length} found ${given}`,
        'ARGS_INVALID',
      );
    }
    const named = new Map(namedArgs.map((a) => [a.name, a.value] as const));
    const values: Value[] = [];
    for (let index = 1; index <= params.length; index++) {
      const name = params[index - 1];
      let found: { value: Value } | undefined;
      if (name === null) {
        if (namedArgs.length === 0 && index <= args.length) found = { value: args[index - 1] };
      } else if (name.startsWith('?')) {
        const pos = Number(name.slice(1));
        if (namedArgs.length === 0 && pos <= args.length) found = { value: args[pos - 1] };
      } else if (named.has(name)) {
        found = { value: named.get(name) as Value };
      } else if (named.has(name.slice(1))) {
        found = { value: named.get(name.slice(1)) as Value };
      }
      if (found === undefined) {
        if (isExplain) break;
        throw new HranaError(`Arguments do not match SQL parameters: value for parameter ${name ?? index} not found`, 'ARGS_INVALID');
      }
      values.push(found.value);
    }
    // `libsql` binds Uint8Array only as a Buffer.
    return values.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v));
  }

  run(c: Compiled): StmtResult {
    const started = performance.now();
    const values = this.#bind(c);
    let prepared: Prepared;
    try {
      prepared = this.db.prepare(c.sql);
    } catch (e) {
      throw sqliteError(e);
    }
    const cols = prepared.columns().map((col) => ({ name: col.name, decltype: col.type ?? null }));
    let rows: Value[][] = [];
    try {
      if (prepared.reader) {
        const all = prepared.raw(true).safeIntegers(true).all(values) as unknown[][];
        if (c.stmt.wantRows) rows = all.map((row) => row.map(toValue));
      } else {
        prepared.safeIntegers(true).run(values);
      }
    } catch (e) {
      throw sqliteError(e);
    }
    let affectedRowCount = 0;
    let lastInsertRowid: bigint | null = null;
    if (c.info.isIud) {
      const { changes, lastInsertRowid: rowid } = this.#changes();
      affectedRowCount = changes;
      if (c.info.isInsert) lastInsertRowid = rowid;
    }
    return {
      cols,
      rows,
      affectedRowCount,
      lastInsertRowid,
      rowsRead: rows.length,
      rowsWritten: affectedRowCount,
      queryDurationMs: performance.now() - started,
    };
  }

  execute(sql: string, stmt: Stmt): StmtResult {
    return this.run(this.compile(sql, stmt));
  }

  /**
   * Runs a batch. `resolveSql` maps a statement to its SQL text (sql or a stored sql_id) and
   * throws ProtocolError for a bad reference. Every step is compiled first (as sqld does), so a
   * statement that cannot be parsed fails the whole batch request, not just its step.
   */
  batch(batch: Batch, resolveSql: (stmt: Stmt) => string): BatchResult {
    const compiled = batch.steps.map((step) => this.compile(resolveSql(step.stmt), step.stmt));
    const stepResults: (StmtResult | null)[] = [];
    const stepErrors: (HranaError | null)[] = [];
    batch.steps.forEach((step, i) => {
      if (step.condition !== undefined && !this.#evalCond(step.condition, stepResults, stepErrors)) {
        stepResults.push(null);
        stepErrors.push(null);
        return;
      }
      try {
        stepResults.push(this.run(compiled[i]));
        stepErrors.push(null);
      } catch (e) {
        if (!(e instanceof HranaError)) throw e;
        stepResults.push(null);
        stepErrors.push(e);
      }
    });
    return { stepResults, stepErrors };
  }

  #evalCond(cond: BatchCond, results: (StmtResult | null)[], errors: (HranaError | null)[]): boolean {
    switch (cond.type) {
      case 'ok':
        return results[cond.step] !== null;
      case 'error':
        return errors[cond.step] !== null;
      case 'not':
        return !this.#evalCond(cond.cond, results, errors);
      case 'and':
        return cond.conds.every((c) => this.#evalCond(c, results, errors));
      case 'or':
        return cond.conds.some((c) => this.#evalCond(c, results, errors));
      case 'is_autocommit':
        return this.isAutocommit;
    }
  }

  /** Runs every statement of a script in order, stopping at (and throwing) the first error. */
  sequence(sql: string): void {
    const statements = splitStatements(sql);
    for (const s of statements) this.#checkSyntax(s.sql);
    const noArgs: Stmt = { sql: undefined, sqlId: undefined, args: [], namedArgs: [], wantRows: false };
    for (const s of statements) {
      this.run({ sql: s.sql, info: analyzeStatement(s.tokens), stmt: noArgs });
    }
  }

  describe(sql: string): DescribeResult {
    const statements = splitStatements(sql);
    if (statements.length === 0) throw new HranaError('SQL string does not contain any statement', 'SQL_NO_STATEMENT');
    const first = statements[0];
    let prepared: Prepared;
    try {
      prepared = this.db.prepare(first.sql);
    } catch (e) {
      throw sqliteError(e);
    }
    const info = analyzeStatement(first.tokens);
    return {
      params: info.params.map((name) => ({ name })),
      cols: prepared.columns().map((col) => ({ name: col.name, decltype: col.type ?? null })),
      isExplain: info.isExplain,
      isReadonly: info.isExplain || info.isTransactionControl || this.#readonly(first.sql),
    };
  }

  /** Approximates sqlite3_stmt_readonly(): does the compiled program open anything for writing? */
  #readonly(sql: string): boolean {
    try {
      const program = this.db.prepare(`EXPLAIN ${sql}`).raw(true).all() as unknown[][];
      return !program.some(
        ([, opcode, , p2]) =>
          (opcode === 'Transaction' && Number(p2) !== 0) ||
          ['OpenWrite', 'CreateBtree', 'Destroy', 'Clear', 'VUpdate', 'ParseSchema', 'SetCookie', 'Vacuum', 'JournalMode'].includes(
            opcode as string,
          ),
      );
    } catch {
      return false;
    }
  }
}

function toValue(v: unknown): Value {
  if (v === null || typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string') return v;
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  throw new Error(`unexpected value from SQLite: ${typeof v}`);
}
