// A request's contact details: the associated data they are encrypted with, and how they are
// normalised before they are hashed for look-up, so that "Matti@Example.fi " and
// "matti@example.fi" (or 040 123 4567 and +358401234567) match.
import { compactPhone } from '../contract/request.ts';

/**
 * The AES-GCM associated data of a contact field: a ciphertext opens only as the field of the
 * request it was written for, so a value copied to another row or column fails to decrypt.
 */
export const contactContext = (requestId: string, field: 'email' | 'phone' | 'firstName') => `request_contacts:${requestId}:${field}`;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** E.164 with Finland (+358) assumed for numbers written with a leading 0. */
export function normalisePhone(phone: string): string {
  const p = compactPhone(phone);
  if (p.startsWith('+')) return p;
  if (p.startsWith('00')) return `+${p.slice(2)}`;
  if (p.startsWith('0')) return `+358${p.slice(1)}`;
  return `+${p}`;
}
