// Idempotency-Key, as the IETF draft (draft-ietf-httpapi-idempotency-key-header) has it: the key
// is stored with a fingerprint of the request it was first sent with. The same key with the same
// request gets the first answer; with another request, 422 idempotency_key_reused and nothing
// changes. Before this, a key sent again with any body got the first answer, manage token
// included, so whoever knew (or guessed) a key got the first customer's secret (issue 10).
import { sha256Hex } from '../adapters/keys.ts';
import { AppError, issue } from './errors.ts';

/** JSON with object keys sorted at every level: one request, one text, however it was written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 of the canonical form: stored beside the key, compared when the key comes again. */
export const fingerprintOf = (value: unknown) => sha256Hex(canonicalJson(value));

/** The same key, another request. Names the header like a validation issue, so clients can show it. */
export const keyReused = () =>
  new AppError('idempotency_key_reused', { issues: [issue('Idempotency-Key', 'idempotency_key_reused')] });
