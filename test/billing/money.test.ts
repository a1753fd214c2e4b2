// The arithmetic of an invoice, without a server: VAT rounding (the TypeScript used for the
// running balance and the SQL used when an invoice is written must agree), Finnish reference
// numbers against published examples, and billing months in Finnish time (S2).
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, test } from 'vitest';
import { billing } from '../../api/config.ts';
import { decimal, vatCents, vatPercent, vatSql } from '../../api/domain/billing/money.ts';
import { month, monthStartOf, periodOf, previousPeriod, yearOf } from '../../api/domain/billing/periods.ts';
import { checkDigit, groupedReference, isReferenceNumber, referenceNumber } from '../../api/domain/billing/reference.ts';

describe('VAT 25.5 % on the net total, rounded half away from zero to the cent', () => {
  test.each([
    [0, 0],
    [1, 0],
    [2, 1],
    [100, 26],
    [196, 50],
    [300, 77],
    [2500, 638],
    [1999, 510],
    [3333, 850],
    [9999, 2550],
    [123_457, 31_482],
  ])('%i cents → %i cents of VAT', (net, vat) => {
    expect(vatCents(net)).toBe(vat);
    expect(vatCents(-net)).toBe(vat ? -vat : 0);
  });

  test('exact halves go up: 100 cents × 25.5 % = 25.5 → 26; 300 → 76.5 → 77; a credit mirrors it', () => {
    expect(vatCents(100)).toBe(26);
    expect(vatCents(-100)).toBe(-26);
    expect(vatCents(300)).toBe(77);
  });

  test('the rate is 2550 basis points, once, in config', () => {
    expect(billing.vatBasisPoints).toBe(2550);
    expect(vatPercent(billing.vatBasisPoints)).toBe('25,5');
    expect(vatPercent(2400, '.')).toBe('24');
  });

  const db = createClient({ url: ':memory:' });
  afterAll(() => db.close());
  test('the SQL the invoice batch uses gives the same cents as the TypeScript, on 2 000 awkward amounts', async () => {
    const nets = [...Array.from({ length: 1000 }, (_, i) => i - 500), ...Array.from({ length: 1000 }, (_, i) => 1_000_000 + i * 7919)];
    const { rows } = await db.execute({
      sql: `SELECT j.value AS net, ${vatSql('j.value', ':bp')} AS vat FROM json_each(:nets) j`,
      args: { nets: JSON.stringify(nets), bp: billing.vatBasisPoints },
    });
    expect(rows.map((r) => Number(r.vat))).toEqual(nets.map((n) => vatCents(n)));
  });

  test('decimal comma for files, minus for credits', () => {
    expect(decimal(12_345)).toBe('123,45');
    expect(decimal(-5)).toBe('-0,05');
    expect(decimal(100, '.')).toBe('1.00');
  });
});

describe('Finnish reference numbers (viitenumero): weights 7, 3, 1 from the right', () => {
  test.each([
    ['1234567', '12345672'],
    ['123', '1232'],
    ['1234', '12344'],
    ['100', '1009'],
    ['202600001', '2026000011'],
  ])('%s → %s', (base, reference) => {
    expect(referenceNumber(base)).toBe(reference);
    expect(isReferenceNumber(reference)).toBe(true);
  });

  test('a wrong check digit is caught; the printed form groups five digits from the right', () => {
    expect(isReferenceNumber('12345673')).toBe(false);
    expect(isReferenceNumber('1232 ')).toBe(true);
    expect(checkDigit('1234567')).toBe(2);
    expect(groupedReference('2026000011')).toBe('20260 00011');
    expect(groupedReference('12345672')).toBe('123 45672');
    expect(() => referenceNumber('12')).toThrow();
  });
});

describe('billing months are Finnish time', () => {
  test('a purchase at 00:30 on 1 March in Helsinki is March, though it is February in UTC', () => {
    expect(periodOf(new Date('2026-02-28T22:30:00Z'))).toBe('2026-03');
    expect(periodOf(new Date('2026-02-28T21:59:59Z'))).toBe('2026-02');
  });

  test('months start at local midnight, across the clock changes (UTC+2 in winter, +3 in summer)', () => {
    expect(new Date(month('2026-03').start).toISOString()).toBe('2026-02-28T22:00:00.000Z');
    expect(new Date(month('2026-04').start).toISOString()).toBe('2026-03-31T21:00:00.000Z');
    expect(new Date(month('2026-11').start).toISOString()).toBe('2026-10-31T22:00:00.000Z');
    expect(month('2026-12').end).toBe(month('2027-01').start);
  });

  test('the job on 1 January invoices December; the invoice numbers of January belong to the new year', () => {
    const newYear = new Date('2026-12-31T22:15:00Z'); // 00:15 on 1 January 2027 in Helsinki
    expect(previousPeriod(newYear)).toBe('2026-12');
    expect(yearOf(newYear)).toBe(2027);
    expect(monthStartOf(newYear)).toBe(month('2027-01').start);
  });
});
