// Finnish reference number (viitenumero, Finanssiala's domestic standard): the base's digits
// are weighted 7, 3, 1, 7, 3, 1 … from the right; the check digit is (10 − sum mod 10) mod 10.
// A reference is 4–20 digits including the check digit.

export function checkDigit(base: string): number {
  if (!/^\d{3,19}$/.test(base)) throw new Error('a reference base is 3 to 19 digits');
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < base.length; i++) sum += Number(base[base.length - 1 - i]) * weights[i % 3]!;
  return (10 - (sum % 10)) % 10;
}

/** 1234567 → "12345672". */
export function referenceNumber(base: string): string {
  return `${base}${checkDigit(base)}`;
}

export function isReferenceNumber(value: string): boolean {
  const digits = value.replace(/\s/g, '');
  return /^\d{4,20}$/.test(digits) && checkDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** As printed on a Finnish invoice: groups of five digits from the right, "20260 00017". */
export function groupedReference(reference: string): string {
  const out: string[] = [];
  for (let end = reference.length; end > 0; end -= 5) out.unshift(reference.slice(Math.max(0, end - 5), end));
  return out.join(' ');
}
