// Raw SQL results (@libsql/client `Row`) read into typed objects, one reader declared beside each
// query (api/domain/README.md, "Typed rows"). A column of the wrong type throws, naming the column,
// where a cast would have turned NULL into the text "null" or a number into NaN further on. The
// message names the type found, never the value: a row may hold contact details.
import type { Row, Value } from '@libsql/client';

/** Reads one column's value; `column` is only for the error message. */
export type Decoder<T> = (value: Value | undefined, column: string) => T;

function wrongType(column: string, expected: string, value: Value | undefined): never {
  const found = value === undefined ? 'no such column' : value === null ? 'NULL' : typeof value;
  throw new TypeError(`column ${column}: expected ${expected}, got ${found}`);
}

export const text: Decoder<string> = (value, column) => (typeof value === 'string' ? value : wrongType(column, 'text', value));

/** Integers come back as JavaScript numbers: the clients are opened with intMode 'number'. */
export const integer: Decoder<number> = (value, column) =>
  typeof value === 'number' && Number.isInteger(value) ? value : wrongType(column, 'integer', value);

/** SQLite's booleans: a 0/1 column, EXISTS (…), a comparison. */
export const boolean: Decoder<boolean> = (value, column) =>
  value === 0 || value === 1 ? value === 1 : wrongType(column, 'boolean (0 or 1)', value);

/** Text that must be one of a few values (a column with an enum in api/db/schema/). */
export function oneOf<const T extends string>(values: readonly T[]): Decoder<T> {
  return (value, column) =>
    typeof value === 'string' && (values as readonly string[]).includes(value)
      ? (value as T)
      : wrongType(column, values.join(' | '), value);
}

/** The same column, where NULL is an answer (a nullable column, a LEFT JOIN, a subquery that found nothing). */
export function orNull<T>(decode: Decoder<T>): Decoder<T | null> {
  return (value, column) => (value === null ? null : decode(value, column));
}

export const textOrNull = orNull(text);
export const integerOrNull = orNull(integer);
export const booleanOrNull = orNull(boolean);

export type Shape = Record<string, Decoder<unknown>>;
export type Read<S extends Shape> = { [K in keyof S]: S[K] extends Decoder<infer T> ? T : never };

/**
 * `rowReader({ id: text, price_cents: integer })` is a `(row) => { id: string; price_cents: number }`.
 * Keys are the result's column names (aliases included); columns not named are left out.
 */
export function rowReader<S extends Shape>(shape: S): (row: Row) => Read<S> {
  const columns = Object.entries(shape);
  return (row) => {
    const read: Record<string, unknown> = {};
    for (const [column, decode] of columns) read[column] = decode(row[column], column);
    return read as Read<S>;
  };
}
