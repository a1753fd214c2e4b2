// Finnish business ID (Y-tunnus): seven digits, a hyphen, a check digit. Weights 7,9,10,5,8,4,2;
// sum mod 11: remainder 0 → check 0, remainder 1 → no valid ID exists, else 11 − remainder.
// (Popular npm validators get remainder 1 wrong.)
const weights = [7, 9, 10, 5, 8, 4, 2];

export function isBusinessId(value: string): boolean {
  const m = /^(\d{7})-(\d)$/.exec(value);
  if (!m) return false;
  const sum = [...m[1]!].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  const remainder = sum % 11;
  if (remainder === 1) return false;
  return Number(m[2]) === (remainder === 0 ? 0 : 11 - remainder);
}

/** Accepts the old six-digit form (123456-7) by padding it, as the register does. */
export function normaliseBusinessId(value: string): string {
  const v = value.trim();
  return /^\d{6}-\d$/.test(v) ? `0${v}` : v;
}
