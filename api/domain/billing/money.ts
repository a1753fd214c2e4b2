// VAT and amounts. Money is integer cents everywhere; VAT is figured once per invoice on its net
// total (not per line), at the rate in config.ts, and rounded half away from zero to the cent:
// 0.5 cent goes up on a charge, and a credit invoice (negative net) mirrors it exactly.
import { billing } from '../../config.ts';

/** VAT in cents on a net amount in cents, at `basisPoints` (2550 = 25.5 %). Integer arithmetic only. */
export function vatCents(netCents: number, basisPoints: number = billing.vatBasisPoints): number {
  if (!Number.isSafeInteger(netCents)) throw new Error('net must be whole cents');
  const magnitude = Math.floor((Math.abs(netCents) * basisPoints + 5_000) / 10_000);
  return netCents < 0 && magnitude > 0 ? -magnitude : magnitude;
}

/**
 * The same rounding as an SQL expression, for the invoice's own write batch (the totals are
 * settled in the transaction that writes the lines). SQLite's integer division truncates
 * toward zero, so the magnitude is rounded and the sign put back, as above; tests keep the
 * two equal on awkward amounts.
 */
export function vatSql(net: string, basisPoints: string): string {
  // CASTs keep it integer arithmetic even when a value arrives bound as a float (JS numbers may).
  const n = `CAST(${net} AS INTEGER)`;
  const bp = `CAST(${basisPoints} AS INTEGER)`;
  return `(CASE WHEN ${n} < 0 THEN -((-${n} * ${bp} + 5000) / 10000) ELSE (${n} * ${bp} + 5000) / 10000 END)`;
}

/** 2550 → "25,5" (fi/sv) or "25.5" (en, Finvoice). */
export function vatPercent(basisPoints: number, decimal: ',' | '.' = ','): string {
  const text = (basisPoints / 100).toFixed(2).replace(/\.?0+$/, '');
  return decimal === ',' ? text.replace('.', ',') : text;
}

/** Cents as a plain decimal for files: 12345 → "123,45" (CSV for Finnish spreadsheets) or "123.45" (XML). */
export function decimal(cents: number, separator: ',' | '.' = ','): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}${separator}${String(abs % 100).padStart(2, '0')}`;
}
