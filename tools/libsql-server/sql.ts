// A small SQLite tokenizer: just enough to do what the `libsql` package does not expose and a
// Hrana server needs: split a script into statements (the way sqlite3_complete() sees them,
// so semicolons inside CREATE TRIGGER bodies don't split), list a statement's parameters the
// way SQLite numbers them, and tell INSERT/UPDATE/DELETE from the rest.

type TokenKind = 'space' | 'semi' | 'word' | 'param' | 'lparen' | 'rparen' | 'other';

export type Token = {
  kind: TokenKind;
  start: number;
  end: number;
  /** Upper-cased text of a bare word (keyword or unquoted identifier). */
  word?: string;
  /** Text of a parameter token, e.g. `?`, `?3`, `:name`, `@name`, `$name`. */
  param?: string;
};

function isIdChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    c === 95 || // _
    c === 36 || // $
    c >= 0x80
  );
}

function isIdStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0x80;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: TokenKind, start: number, extra?: Partial<Token>) => {
    tokens.push({ kind, start, end: i, ...extra });
  };
  const skipQuoted = (close: number, doubled: boolean) => {
    // i points at the opening quote
    i++;
    while (i < n) {
      if (sql.charCodeAt(i) === close) {
        if (doubled && sql.charCodeAt(i + 1) === close) {
          i += 2;
          continue;
        }
        i++;
        return;
      }
      i++;
    }
  };
  while (i < n) {
    const start = i;
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      while (i < n && isSpace(sql.charCodeAt(i))) i++;
      push('space', start);
    } else if (c === 45 /* - */ && sql.charCodeAt(i + 1) === 45) {
      while (i < n && sql.charCodeAt(i) !== 10) i++;
      push('space', start);
    } else if (c === 47 /* / */ && sql.charCodeAt(i + 1) === 42 /* * */) {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      push('space', start);
    } else if (c === 59 /* ; */) {
      i++;
      push('semi', start);
    } else if (c === 40 /* ( */) {
      i++;
      push('lparen', start);
    } else if (c === 41 /* ) */) {
      i++;
      push('rparen', start);
    } else if (c === 39 /* ' */) {
      skipQuoted(39, true);
      push('other', start);
    } else if (c === 34 /* " */ || c === 96 /* ` */) {
      skipQuoted(c, true);
      push('other', start);
    } else if (c === 91 /* [ */) {
      skipQuoted(93, false);
      push('other', start);
    } else if (c === 63 /* ? */) {
      i++;
      while (i < n && sql.charCodeAt(i) >= 48 && sql.charCodeAt(i) <= 57) i++;
      push('param', start, { param: sql.slice(start, i) });
    } else if ((c === 58 /* : */ || c === 64) /* @ */ && i + 1 < n && isIdChar(sql.charCodeAt(i + 1))) {
      i++;
      while (i < n && isIdChar(sql.charCodeAt(i))) i++;
      push('param', start, { param: sql.slice(start, i) });
    } else if (c === 36 /* $ */ && i + 1 < n && isIdChar(sql.charCodeAt(i + 1))) {
      // Tcl-style: $name, $a::b, $name(anything)
      i++;
      for (;;) {
        while (i < n && isIdChar(sql.charCodeAt(i))) i++;
        if (sql.charCodeAt(i) === 58 && sql.charCodeAt(i + 1) === 58) {
          i += 2;
          continue;
        }
        if (sql.charCodeAt(i) === 40) {
          const close = sql.indexOf(')', i);
          if (close >= 0) i = close + 1;
        }
        break;
      }
      push('param', start, { param: sql.slice(start, i) });
    } else if (isIdStart(c)) {
      while (i < n && isIdChar(sql.charCodeAt(i))) i++;
      if (sql.charCodeAt(i) === 39 && i - start === 1 && (c === 120 || c === 88)) {
        // x'0A0B' blob literal
        skipQuoted(39, true);
        push('other', start);
      } else {
        push('word', start, { word: sql.slice(start, i).toUpperCase() });
      }
    } else if (c >= 48 && c <= 57) {
      // numbers, including 1.5e-3 and 0x1F (the sign of an exponent is split off; harmless)
      while (i < n && (isIdChar(sql.charCodeAt(i)) || sql.charCodeAt(i) === 46)) i++;
      push('other', start);
    } else {
      i++;
      push('other', start);
    }
  }
  return tokens;
}

// sqlite3_complete()'s state machine (public domain SQLite, complete.c), over our tokens.
const SEMI = 0,
  WS = 1,
  OTHER = 2,
  EXPLAIN = 3,
  CREATE = 4,
  TEMP = 5,
  TRIGGER = 6,
  END = 7;
// states: 0 INVALID, 1 START, 2 NORMAL, 3 EXPLAIN, 4 CREATE, 5 TRIGGER, 6 SEMI, 7 END
const transitions: number[][] = [
  /* 0 INVALID */ [1, 0, 2, 3, 4, 2, 2, 2],
  /* 1 START   */ [1, 1, 2, 3, 4, 2, 2, 2],
  /* 2 NORMAL  */ [1, 2, 2, 2, 2, 2, 2, 2],
  /* 3 EXPLAIN */ [1, 3, 3, 2, 4, 2, 2, 2],
  /* 4 CREATE  */ [1, 4, 2, 2, 2, 4, 5, 2],
  /* 5 TRIGGER */ [6, 5, 5, 5, 5, 5, 5, 5],
  /* 6 SEMI    */ [6, 6, 5, 5, 5, 5, 5, 7],
  /* 7 END     */ [1, 7, 5, 5, 5, 5, 5, 5],
];

function completeClass(t: Token): number {
  switch (t.kind) {
    case 'semi':
      return SEMI;
    case 'space':
      return WS;
    case 'word':
      switch (t.word) {
        case 'EXPLAIN':
          return EXPLAIN;
        case 'CREATE':
          return CREATE;
        case 'TEMP':
        case 'TEMPORARY':
          return TEMP;
        case 'TRIGGER':
          return TRIGGER;
        case 'END':
          return END;
        default:
          return OTHER;
      }
    default:
      return OTHER;
  }
}

export type SplitStatement = { sql: string; tokens: Token[] };

/**
 * Splits SQL text into statements. Whitespace, comments and empty statements (`;;`) are dropped;
 * each statement keeps its own text (without the terminating semicolon) and its tokens.
 */
export function splitStatements(sql: string): SplitStatement[] {
  const tokens = tokenize(sql);
  const out: SplitStatement[] = [];
  let state = 0;
  let current: Token[] = [];
  const flush = () => {
    const meaningful = current.filter((t) => t.kind !== 'space');
    if (meaningful.length > 0) {
      const start = meaningful[0].start;
      const end = meaningful[meaningful.length - 1].end;
      out.push({ sql: sql.slice(start, end), tokens: meaningful.map((t) => ({ ...t, start: t.start - start, end: t.end - start })) });
    }
    current = [];
  };
  for (const t of tokens) {
    const next = transitions[state][completeClass(t)];
    if (t.kind === 'semi' && next === 1) {
      flush();
    } else {
      current.push(t);
    }
    state = next;
  }
  flush();
  return out;
}

export type StatementInfo = {
  /** Parameters by SQLite index (1-based; element 0 is index 1): the name, or null for `?`. */
  params: (string | null)[];
  isExplain: boolean;
  isInsert: boolean;
  /** INSERT, REPLACE, UPDATE or DELETE: the statements whose sqlite3_changes() is meaningful. */
  isIud: boolean;
  /** BEGIN, COMMIT/END, ROLLBACK, SAVEPOINT, RELEASE. */
  isTransactionControl: boolean;
};

/** Analyses one statement's tokens (from splitStatements). */
export function analyzeStatement(tokens: Token[]): StatementInfo {
  const params: (string | null)[] = [];
  const byName = new Map<string, number>();
  for (const t of tokens) {
    if (t.kind !== 'param' || t.param === undefined) continue;
    const p = t.param;
    if (p === '?') {
      params.push(null);
    } else if (p.startsWith('?')) {
      const index = Number(p.slice(1));
      if (!Number.isSafeInteger(index) || index < 1) continue; // SQLite rejects it when preparing
      while (params.length < index) params.push(null);
      if (params[index - 1] === null) params[index - 1] = p;
      if (!byName.has(p)) byName.set(p, index);
    } else if (!byName.has(p)) {
      params.push(p);
      byName.set(p, params.length);
    }
  }
  const words = tokens.filter((t) => t.kind === 'word').map((t) => t.word as string);
  const first = words[0] ?? '';
  let verb = first;
  if (first === 'WITH') {
    // The main verb is the first of these at parenthesis depth 0 (CTE bodies are in parentheses).
    let depth = 0;
    verb = '';
    for (const t of tokens) {
      if (t.kind === 'lparen') depth++;
      else if (t.kind === 'rparen') depth--;
      else if (
        depth === 0 &&
        t.kind === 'word' &&
        ['SELECT', 'VALUES', 'INSERT', 'REPLACE', 'UPDATE', 'DELETE'].includes(t.word as string)
      ) {
        verb = t.word as string;
        break;
      }
    }
  }
  const isInsert = verb === 'INSERT' || verb === 'REPLACE';
  return {
    params,
    isExplain: first === 'EXPLAIN',
    isInsert,
    isIud: isInsert || verb === 'UPDATE' || verb === 'DELETE',
    isTransactionControl: ['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE'].includes(first),
  };
}
