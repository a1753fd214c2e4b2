// Small helpers for intake tests: a valid body, a POST, and row counts.
import type { Client } from '@libsql/client';
import { proofFor } from './proof.ts';

/**
 * Each request a contact of its own: the same contact in the same category within 14 days is a
 * duplicate, linked to the first (issue 13), and a company that bought one has them all. A
 * phone counter from a random start is unique within a test file's server.
 */
let contactNo = Math.floor(Math.random() * 8_000_000);
export function uniqueContact() {
  const n = String(1_000_000 + ++contactNo).padStart(7, '0');
  return { email: `matti.${n}@example.fi`, phone: `040 ${n.slice(0, 3)} ${n.slice(3)}` };
}

export function validRequest(partner: string, overrides: Record<string, unknown> = {}) {
  return {
    partner,
    customerType: 'person',
    category: 'bathroom',
    description: 'Kylpyhuoneen täysremontti, noin 5 m², laatat ja vedeneristys uusiksi.',
    postalCode: '00100',
    town: 'Helsinki',
    ...uniqueContact(),
    consent: true,
    locale: 'fi',
    website: '',
    ...overrides,
  };
}

/**
 * POST /v1/requests. A body object without an `altcha` key gets a fresh proof of work for its
 * partner first, as the widget's would; a test of the proof itself sets `altcha` (even to
 * undefined, which sends none).
 */
export async function postRequest(url: string, body: unknown, headers: Record<string, string> = {}) {
  const withProof =
    body && typeof body === 'object' && !('altcha' in body) && typeof (body as { partner?: unknown }).partner === 'string'
      ? { ...body, altcha: await proofFor(url, (body as { partner: string }).partner).catch(() => undefined) }
      : body;
  return fetch(`${url}/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof withProof === 'string' ? withProof : JSON.stringify(withProof),
  });
}

/** Rows a refused request must not have left behind. */
export async function storedRows(db: Client) {
  const count = async (table: string) => Number((await db.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  return {
    requests: await count('requests'),
    contacts: await count('request_contacts'),
    idempotency: await count('idempotency_keys'),
  };
}

export const nothingStored = { requests: 0, contacts: 0, idempotency: 0 };
