// Invoices and credits outlive the personal data of the requests they bill (SPEC "Purchase",
// S17, S19, S20): the purge job, run the way each engine runs its jobs, leaves every invoice
// byte for byte as it was, and takes the claim's free text with the request's data.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addMonths } from '../../api/contract/dates.ts';
import { buy, contractor, customerRequest, lastMonth, staff } from '../support/billing.ts';
import { signUp } from '../support/accounts.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { now } from '../support/clock.ts';

let server: TestServer;
let partnerKey: string;

beforeAll(async () => {
  server = await startServer();
  partnerKey = (await server.createPartner()).publicKey;
});
afterAll(() => server.close());

test('after the purge job the invoice, its lines, its CSV and the credit read exactly as before', async () => {
  const me = await contractor(server);
  const lead = await customerRequest(server, partnerKey, {
    category: 'roof',
    region: '02',
    description: 'Kanarialintu: peltikatto uusiksi',
  });
  const purchaseId = await buy(me, lead.id);
  const claim = await me.json('POST', '/v1/credits', {
    body: { purchaseId, reason: 'wrong_contact', note: 'Matti ei vastaa numerosta 040 123' },
  });
  expect(claim.status).toBe(201);
  const admin = await staff(server);
  await admin.json('POST', `/v1/credits/${claim.body.id}/decision`, { body: { decision: 'approve', note: 'Hyväksytty' } });
  const last = lastMonth();
  await server.db.batch(
    [
      { sql: 'UPDATE purchases SET created_at = ? WHERE id = ?', args: [last.inside, purchaseId] },
      { sql: 'UPDATE credit_claims SET decided_at = ? WHERE id = ?', args: [last.inside + 1000, claim.body.id] },
    ],
    'write',
  );
  expect((await admin.json('POST', '/v1/invoices/generate', { body: { period: last.period } })).status).toBe(200);
  const id = (await me.json('GET', '/v1/invoices')).body.items[0].id;
  const before = await me.json('GET', `/v1/invoices/${id}`);
  const csvBefore = await (await me.call('GET', `/v1/invoices/${id}/csv`)).text();
  expect(before.body.lines.map((l: { kind: string }) => l.kind)).toEqual(['purchase', 'credit']);

  // Eight months on: the request expired, ended, and six months later was purged.
  await server.runScheduled(addMonths(new Date(now()), 8));
  const request = (await server.db.execute({ sql: 'SELECT status, description FROM requests WHERE id = ?', args: [lead.id] })).rows[0]!;
  expect(request).toMatchObject({ status: 'purged', description: null });
  expect(
    Number(
      (await server.db.execute({ sql: 'SELECT count(*) AS n FROM request_contacts WHERE request_id = ?', args: [lead.id] })).rows[0]!.n,
    ),
  ).toBe(0);

  // The jobs ended the old sessions (idle since "then"): sign in again as the same company.
  const again = await signUp(server, { companyId: me.companyId });
  const after = await again.json('GET', `/v1/invoices/${id}`);
  expect(after.status).toBe(200);
  expect(after.body).toEqual(before.body);
  expect(await (await again.call('GET', `/v1/invoices/${id}/csv`)).text()).toBe(csvBefore);
  expect(JSON.stringify(after.body)).not.toContain('Kanarialintu');

  const credit = (await again.json('GET', `/v1/credits/${claim.body.id}`)).body;
  expect(credit).toMatchObject({
    status: 'approved',
    invoiceId: id,
    amountCents: before.body.lines[0].amountCents,
    note: null,
    decisionNote: null,
  });
});
