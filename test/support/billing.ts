// Billing tests: buying over HTTP, then moving a purchase (or a decision) into last month in the
// database, since an invoice is only issued for a month that has ended. Staff sign in like
// anyone else.
import { month, previousPeriod } from '../../api/domain/billing/periods.ts';
import { contractor, sendRequest, signUp, type Account } from './accounts.ts';
import { proofFor } from './proof.ts';
import type { TestServer } from './server.ts';
import { now } from './clock.ts';

/** Last month (Finnish time) and an instant ten days into it. */
export function lastMonth() {
  const m = month(previousPeriod(now()));
  return { ...m, inside: m.start + 10 * 86_400_000 };
}

export const staff = (server: TestServer) => signUp(server, { companyId: null, role: 'admin' });

/** A request with its own contact values; returns its id and manage token. */
export async function customerRequest(server: TestServer, partnerKey: string, overrides: Record<string, unknown> = {}) {
  const tag = crypto.randomUUID().slice(0, 8);
  const res = await fetch(`${server.url}/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      partner: partnerKey,
      customerType: 'person',
      category: 'bathroom',
      description: 'Kylpyhuoneen remontti, laatat ja vedeneristys.',
      postalCode: '00100',
      email: `asiakas-${tag}@example.fi`,
      phone: `040${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
      consent: true,
      locale: 'fi',
      website: '',
      altcha: await proofFor(server.url, partnerKey),
      ...overrides,
    }),
  });
  if (res.status !== 201) throw new Error(`request not stored: ${res.status}`);
  const body = (await res.json()) as { id: string; manageToken: string };
  return body;
}

export async function buy(account: Account, requestId: string): Promise<string> {
  const res = await account.json('POST', `/v1/leads/${requestId}/purchase`);
  if (res.status !== 201) throw new Error(`purchase failed: ${res.status} ${res.text}`);
  return res.body.purchaseId;
}

/** Purchases at an instant of our choosing: bought over HTTP now, then dated `at`. */
export async function boughtAt(
  server: TestServer,
  account: Account,
  partnerKey: string,
  at: number,
  overrides: Record<string, unknown> = {},
) {
  const { id } = await customerRequest(server, partnerKey, overrides);
  const purchaseId = await buy(account, id);
  await server.db.execute({ sql: 'UPDATE purchases SET created_at = ? WHERE id = ?', args: [at, purchaseId] });
  return { requestId: id, purchaseId };
}

export async function setPrice(server: TestServer, category: string, priceCents: number) {
  await server.db.execute({ sql: 'UPDATE categories SET price_cents = ?, max_buyers = 10 WHERE id = ?', args: [priceCents, category] });
}

export { contractor, sendRequest };
