// The monthly invoice mail, on each engine's real path (SMTP on Node, Brevo's API for the Worker):
// issuing an invoice writes one mail per active owner of the company in the invoice's own batch,
// in the owner's language; a member gets none, and issuing again sends nothing more.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { month } from '../../api/domain/billing/periods.ts';
import { referenceNumber } from '../../api/domain/billing/reference.ts';
import { formatEuros, formatMonth } from '../../api/mail/templates.ts';
import { createCompany, signUp } from '../support/accounts.ts';
import { boughtAt, lastMonth, setPrice, staff } from '../support/billing.ts';
import { linksIn, type Inbox } from '../support/mail-inbox.ts';
import { startMailServer, stopMailServer } from '../support/mail-server.ts';
import type { TestServer } from '../support/server.ts';
import { now } from '../support/clock.ts';

let server: TestServer;
let inbox: Inbox;
let partnerKey: string;
const last = lastMonth();

beforeAll(async () => {
  ({ inbox, server, partner: partnerKey } = await startMailServer());
});
afterAll(() => stopMailServer(server, inbox));

/** The scheduled jobs a moment from now: the sender drains what is due. */
const deliver = () => server.runScheduled(new Date(now() + 1000));

test('an issued invoice mails each owner once, in their language, with number, total and the dashboard link; a member gets none', async () => {
  await setPrice(server, 'sauna', 2000);
  const companyId = await createCompany(server);
  const owner = await signUp(server, { companyId, role: 'owner', locale: 'sv' });
  const member = await signUp(server, { companyId, role: 'member', locale: 'fi' });
  await boughtAt(server, member, partnerKey, last.inside, { category: 'sauna' });

  const admin = await staff(server);
  const run = await admin.json('POST', '/v1/invoices/generate', { body: { period: last.period } });
  expect(run.status).toBe(200);
  const issued = run.body.issued.find((i: { companyId: string }) => i.companyId === companyId) as { id: string; number: string };
  expect(issued).toBeDefined();
  await deliver();
  // The request's alerts arrive too (the company serves every region): only invoice mail counts here.
  const invoiceMail = (who: { email: string }) => inbox.to(who.email).filter((m) => m.subject.includes(issued.number));

  const mails = invoiceMail(owner);
  expect(mails).toHaveLength(1);
  const mail = mails[0]!;
  expect(invoiceMail(member)).toHaveLength(0);
  expect(mail.subject).toBe(`Faktura ${issued.number}: Linkki, ${formatMonth(new Date(month(last.period).start), 'sv')}`);
  expect(mail.html).toMatch(/<html lang="sv">/);
  // 20.00 € + 25.5 % VAT = 25.10 €
  expect(mail.text).toContain(formatEuros(2510, 'sv'));
  expect(mail.text).toContain(referenceNumber(issued.number));
  expect(linksIn(mail)).toContain(`${server.deps.config.publicUrl}/dashboard/invoices/${issued.id}`);
  // Nothing the owner could not already see: no customer's contact details.
  expect(mail.text).not.toMatch(/asiakas-[0-9a-f]{8}@example\.fi/);

  // Issuing the month again (staff and the job both) sends nothing more.
  const again = await admin.json('POST', '/v1/invoices/generate', { body: { period: last.period } });
  expect(again.status).toBe(200);
  expect(again.body.issued.map((i: { companyId: string }) => i.companyId)).not.toContain(companyId);
  await deliver();
  await deliver();
  expect(invoiceMail(owner)).toHaveLength(1);
  expect(invoiceMail(member)).toHaveLength(0);
  const rows = await server.db.execute({
    sql: "SELECT count(*) AS n FROM outbox WHERE template = 'invoice.issued' AND company_id = ?",
    args: [companyId],
  });
  expect(Number(rows.rows[0]!.n)).toBe(1);
});
