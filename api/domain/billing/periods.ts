// Billing months are calendar months in Finnish time (api/contract/dates.ts): a purchase at
// 00:30 on 1 March in Helsinki belongs to March although it is still February in UTC.
import { fromHelsinkiWall, helsinkiDay, helsinkiMonth } from '../../contract/dates.ts';

export type Month = { period: string; year: number; month: number; start: number; end: number };

/** The instant a month starts in Finnish time. `month` may run past 12 or below 1. */
const monthStart = (year: number, month: number): number => fromHelsinkiWall(year, month, 1);

export function month(period: string): Month {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  const year = Number(m[1]);
  const mo = Number(m[2]);
  return { period, year, month: mo, start: monthStart(year, mo), end: monthStart(year, mo + 1) };
}

export const periodOf = (at: Date | number): string => helsinkiMonth(at);

/** The month before the one `at` falls in: what the monthly job invoices. */
export function previousPeriod(at: Date | number): string {
  const { year, month: mo } = month(periodOf(at));
  return mo === 1 ? `${year - 1}-12` : `${year}-${String(mo - 1).padStart(2, '0')}`;
}

/** Start of the month `at` falls in (the spend cap counts purchases from here). */
export function monthStartOf(at: Date | number): number {
  return month(periodOf(at)).start;
}

/** The year an instant falls in, in Finnish time: invoice numbers run per year of issue. */
export function yearOf(at: Date | number): number {
  return Number(periodOf(at).slice(0, 4));
}

/** YYYY-MM-DD in Finnish time (Finvoice dates, CSV). */
export const localDate = (at: Date | number): string => helsinkiDay(at);
