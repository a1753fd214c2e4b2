// The one date and locale module: Finnish time, month arithmetic, and how a date or a sum of
// money reads in fi/sv/en. The server, the pages, the mails and the widget import it (no server
// imports here), so a date never reads one way in a mail and another on the page.
//
// Why months are counted on the Helsinki wall clock and clamped: "6 months after 31 August"
// is 28 (or 29) February to a reader, not 3 March (JavaScript's setUTCMonth rolls over), and
// a request that ended at 23:30 on 31 December in Helsinki is deleted on 30 June, not on
// 1 July because UTC was still in December (S19, S20).
import type { Locale } from './request.ts';

export const timeZone = 'Europe/Helsinki';

/** Finnish and Finland-Swedish; British English for day-month order. */
export const dateLocales: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

let partsFormat: Intl.DateTimeFormat | undefined;

/** The Helsinki wall clock at an instant (month 1–12). */
export function helsinkiWall(at: Date | number): Wall {
  partsFormat ??= new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p: Record<string, string> = {};
  for (const x of partsFormat.formatToParts(typeof at === 'number' ? at : at.getTime())) p[x.type] = x.value;
  return { year: +p.year!, month: +p.month!, day: +p.day!, hour: +p.hour!, minute: +p.minute!, second: +p.second! };
}

function offsetAt(instant: number): number {
  const w = helsinkiWall(instant);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a Helsinki wall-clock time names. Month and day may run past their ends (Date.UTC
 * carries them). A time skipped when the clocks go forward lands just after the gap.
 */
export function fromHelsinkiWall(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const guess = wall - offsetAt(wall);
  return wall - offsetAt(guess);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Calendar months on the Helsinki wall clock, the day clamped to the target month's end. */
export function addMonths(date: Date, months: number): Date {
  const w = helsinkiWall(date);
  const index = w.year * 12 + (w.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(w.day, daysInMonth(year, month));
  return new Date(fromHelsinkiWall(year, month, day, w.hour, w.minute, w.second, date.getTime() % 1000));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD of the Finnish calendar day an instant falls on. */
export function helsinkiDay(at: Date | number): string {
  const w = helsinkiWall(at);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** YYYY-MM of the Finnish calendar month an instant falls in. */
export function helsinkiMonth(at: Date | number): string {
  return helsinkiDay(at).slice(0, 7);
}

/** How dates read: "3. joulukuuta 2026" is `day` (the default). A separate object, so the widget, which needs only the default, does not carry it. */
export const dateStyles = {
  dayShort: { dateStyle: 'medium' },
  dateTime: { dateStyle: 'long', timeStyle: 'short' },
  dateTimeShort: { dateStyle: 'medium', timeStyle: 'short' },
  month: { month: 'long', year: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * Formatters by language and style, made once: building an Intl formatter costs ~170 µs, and a
 * page of 20 leads formats 60 dates and prices (the list's page took 8 ms, 95 % of it here).
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
const dayStyle: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/** A date as a Finn reads it, in Finnish time whatever the device's or server's zone. */
export function formatDate(value: Date | string | number, lang: Locale, style: Intl.DateTimeFormatOptions = dayStyle): string {
  const key = `d${lang}${JSON.stringify(style)}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(dateLocales[lang], { ...style, timeZone })));
  return format.format(new Date(value));
}

/** 2500 → "25,00 €" (fi, sv) or "€25.00" (en). */
export function euros(cents: number, lang: Locale): string {
  const key = `e${lang}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(dateLocales[lang], { style: 'currency', currency: 'EUR' })));
  return format.format(cents / 100);
}
