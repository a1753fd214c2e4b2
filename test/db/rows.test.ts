// The typed row readers (api/db/rows.ts): real libSQL rows read into typed objects, and every
// decoder refusing a value of the wrong type, with a message that names the column, not the value.
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, test } from 'vitest';
import { boolean, booleanOrNull, integer, integerOrNull, orNull, rowReader, text, textOrNull, type Decoder } from '../../api/db/rows.ts';

const db = createClient({ url: ':memory:' });
afterAll(() => db.close());

const readOne = rowReader({
  id: text,
  note: textOrNull,
  price_cents: integer,
  cap: integerOrNull,
  open: boolean,
  bought: booleanOrNull,
});

describe('a reader over a real row', () => {
  test('reads each named column as its type, NULL as null, and leaves other columns out', async () => {
    const { rows } = await db.execute(
      `SELECT 'r1' AS id, NULL AS note, 2500 AS price_cents, NULL AS cap, EXISTS (SELECT 1) AS open,
        (SELECT 1 WHERE 0) AS bought, 'not read' AS extra`,
    );
    expect(rows.map(readOne)).toEqual([{ id: 'r1', note: null, price_cents: 2500, cap: null, open: true, bought: null }]);
  });

  test('a NULL where text is required throws, naming the column', async () => {
    const { rows } = await db.execute('SELECT NULL AS id, NULL AS note, 1 AS price_cents, NULL AS cap, 0 AS open, 0 AS bought');
    expect(() => readOne(rows[0]!)).toThrow('column id: expected text, got NULL');
  });

  test('a column the query does not return throws instead of reading undefined', async () => {
    const { rows } = await db.execute("SELECT 'r1' AS id");
    expect(() => readOne(rows[0]!)).toThrow('column note: expected text, got no such column');
  });
});

describe('every decoder refuses the wrong type', () => {
  const refuses: [string, Decoder<unknown>, unknown[]][] = [
    ['text', text, [null, undefined, 1, 0, new ArrayBuffer(1)]],
    ['textOrNull', textOrNull, [undefined, 1, new ArrayBuffer(1)]],
    ['integer', integer, [null, undefined, '1', 1.5, Number.NaN, 1n]],
    ['integerOrNull', integerOrNull, [undefined, '1', 1.5]],
    ['boolean', boolean, [null, undefined, 2, -1, '1', 'true', true]],
    ['booleanOrNull', booleanOrNull, [undefined, 2, '0']],
    ['orNull(integer)', orNull(integer), ['', 0.25]],
  ];
  test.each(refuses)('%s', (_, decode, values) => {
    for (const value of values) expect(() => decode(value as never, 'x'), `accepted ${String(value)}`).toThrow(TypeError);
  });

  test('and accepts the right one', () => {
    expect([text('', 'x'), textOrNull(null, 'x'), integer(-3, 'x'), integerOrNull(null, 'x')]).toEqual(['', null, -3, null]);
    expect([boolean(0, 'x'), boolean(1, 'x'), booleanOrNull(null, 'x')]).toEqual([false, true, null]);
  });

  test('the message names the type found, never the value (a row may hold contact details)', () => {
    expect(() => text(42, 'email_enc')).toThrow('column email_enc: expected text, got number');
    expect(() => integer('matti@example.fi', 'price_cents')).toThrow(/^column price_cents: expected integer, got string$/);
  });
});
