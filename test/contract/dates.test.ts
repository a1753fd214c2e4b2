// Month arithmetic on the Finnish calendar, clamped to the month's end (S19, S20: "6 months
// after" is what the privacy notice promises), and the Helsinki day across both clock changes.
import { describe, expect, test } from 'vitest';
import { addMonths, formatDate, fromHelsinkiWall, helsinkiDay, helsinkiWall } from '../../api/contract/dates.ts';

const hki = (iso: string) => helsinkiDay(new Date(iso));
const plus = (iso: string, months: number) => addMonths(new Date(iso), months);

describe('addMonths clamps to the end of the month (S19, S20)', () => {
  test.each([
    ['2026-08-31T09:00:00Z', 6, '2027-02-28'],
    ['2027-08-31T09:00:00Z', 6, '2028-02-29'],
    ['2026-12-31T09:00:00Z', 6, '2027-06-30'],
    ['2027-01-31T10:00:00Z', 1, '2027-02-28'],
    ['2027-03-31T10:00:00Z', 1, '2027-04-30'],
    ['2028-02-29T12:00:00Z', 12, '2029-02-28'],
    ['2027-05-31T10:00:00Z', -6, '2026-11-30'],
    ['2027-06-15T10:00:00Z', 6, '2027-12-15'],
  ])('%s + %i months is %s in Helsinki', (from, months, day) => {
    expect(hki(plus(from, months).toISOString())).toBe(day);
  });

  test('counts on the Helsinki calendar: 23:30 on 31 December in Helsinki (UTC still 21:30) + 6 months = 30 June, same wall time', () => {
    const ended = new Date('2026-12-31T21:30:00Z');
    expect(hki(ended.toISOString())).toBe('2026-12-31');
    const due = addMonths(ended, 6);
    expect(hki(due.toISOString())).toBe('2027-06-30');
    expect(helsinkiWall(due)).toMatchObject({ hour: 23, minute: 30 });
  });

  test('00:30 on 1 January in Helsinki is 31 December in UTC: the month counts from January', () => {
    const sent = new Date('2026-12-31T22:30:00Z');
    expect(hki(sent.toISOString())).toBe('2027-01-01');
    expect(hki(addMonths(sent, 6).toISOString())).toBe('2027-07-01');
  });

  test('keeps the wall time across a clock change (winter +2 → summer +3)', () => {
    const winter = new Date('2027-01-15T10:00:00Z'); // 12:00 in Helsinki
    const summer = addMonths(winter, 6);
    expect(summer.toISOString()).toBe('2027-07-15T09:00:00.000Z');
  });
});

describe('the Helsinki day and wall clock', () => {
  test('spring forward (28 March 2027, 03:00 → 04:00): days and instants stay in order', () => {
    expect(helsinkiWall(new Date('2027-03-28T00:59:59Z'))).toMatchObject({ day: 28, hour: 2 });
    expect(helsinkiWall(new Date('2027-03-28T01:00:00Z'))).toMatchObject({ day: 28, hour: 4 });
    expect(new Date(fromHelsinkiWall(2027, 3, 28, 0)).toISOString()).toBe('2027-03-27T22:00:00.000Z');
    expect(new Date(fromHelsinkiWall(2027, 3, 29, 0)).toISOString()).toBe('2027-03-28T21:00:00.000Z');
  });

  test('fall back (31 October 2027, 04:00 → 03:00)', () => {
    expect(helsinkiWall(new Date('2027-10-31T00:59:59Z'))).toMatchObject({ day: 31, hour: 3 });
    expect(helsinkiWall(new Date('2027-10-31T01:00:00Z'))).toMatchObject({ day: 31, hour: 3 });
    expect(new Date(fromHelsinkiWall(2027, 11, 1, 0)).toISOString()).toBe('2027-10-31T22:00:00.000Z');
  });

  test('a date reads the same in every language module: Finnish day whatever the zone', () => {
    const at = '2026-12-31T22:30:00Z';
    expect(formatDate(at, 'fi')).toBe('1. tammikuuta 2027');
    expect(formatDate(at, 'sv')).toBe('1 januari 2027');
    expect(formatDate(at, 'en')).toBe('1 January 2027');
  });
});
