// Billing months are calendar months in Finnish time (config.ts billing.timeZone): a purchase at
// 00:30 on 1 March in Helsinki belongs to March although it is still February in UTC. Intl
// gives the offset on Node and in workerd alike. Finland changes clocks at 03:00/04:00 on the
// last Sundays of March and October, never at a month's first midnight, so the offset at
// 00:00 UTC on the 1st is the offset at local midnight.
import { billing } from '../../config.ts';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: billing.timeZone, hourCycle: 'h23',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

function local(instant: number) {
  const p = Object.fromEntries(parts.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), second: Number(p.second) };
}

function offsetMs(instant: number): number {
  const l = local(instant);
  const wall = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

export type Month = { period: string; year: number; month: number; start: number; end: number };

/** The instant a month starts in Finnish time. `month` may run past 12 or below 1. */
function monthStart(year: number, month: number): number {
  const utc = Date.UTC(year, month - 1, 1);
  return utc - offsetMs(utc);
}

export function month(period: string): Month {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  const year = Number(m[1]);
  const mo = Number(m[2]);
  return { period, year, month: mo, start: monthStart(year, mo), end: monthStart(year, mo + 1) };
}

export function periodOf(at: Date | number): string {
  const l = local(typeof at === 'number' ? at : at.getTime());
  return `${l.year}-${String(l.month).padStart(2, '0')}`;
}

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
export function localDate(at: Date | number): string {
  const l = local(typeof at === 'number' ? at : at.getTime());
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}
