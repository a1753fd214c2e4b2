// The demo partner a local start seeds so that http://localhost:8787 works at once.
// Never on production (api/node.ts checks NODE_ENV before calling this).
import { eq, sql } from 'drizzle-orm';
import { requestContacts, requests } from '../db/schema/requests.ts';
import { createPartner, findActivePartner } from './partners.ts';
import { submitRequest } from './submit-request.ts';
import type { Ctx } from './context.ts';

export const demoPartnerKey = 'demo';

export async function seedDemo(ctx: Pick<Ctx, 'db' | 'client' | 'clock' | 'cache'>, origins: string[]): Promise<boolean> {
  const existing = await ctx.client.execute({ sql: 'SELECT 1 FROM partners WHERE public_key = ?', args: [demoPartnerKey] });
  if (existing.rows.length) return false;
  await createPartner(ctx, {
    name: 'Demo-rautakauppa',
    kind: 'hardware_store',
    allowedOrigins: origins,
    publicKey: demoPartnerKey,
  });
  return true;
}

/**
 * One of each confirmation, kind of customer and language, with answers to the category's
 * questions (api/contract/questions.ts) and first names, so the list, a lead and its filters show them.
 */
const demoRequests = [
  {
    customerType: 'person',
    category: 'bathroom',
    postalCode: '00100',
    town: 'Helsinki',
    description: 'Kylpyhuoneen täysremontti omakotitalossa, noin 4 m². Laatoitus ja vedeneristys uusiksi, kalusteet paikalleen.',
    email: 'asiakas1@example.fi',
    firstName: 'Aino',
    locale: 'fi',
    answers: { timing: 'asap', propertyType: 'detached', size: 140, budget: '5k_15k', floorArea: 4, waterproofingAge: 'over_20' },
    confirmedVia: 'email',
  },
  {
    customerType: 'housing_company',
    category: 'pipe_renovation',
    postalCode: '02100',
    town: 'Espoo',
    description: 'Taloyhtiön linjasaneeraus, 24 asuntoa, 1970-luvun kerrostalo. Pyydämme tarjousta suunnittelusta ja toteutuksesta.',
    phone: '040 123 4567',
    firstName: 'Pekka',
    locale: 'fi',
    answers: { timing: 'planning', propertyType: 'apartment', size: 1800, budget: 'over_50k' },
    confirmedVia: 'sms',
  },
  {
    customerType: 'company',
    category: 'roof',
    postalCode: '20100',
    town: 'Turku',
    description: 'Byte av plåttaket på en affärsfastighet, cirka 600 m². Arbetet på våren.',
    email: 'kiinteisto@example.fi',
    phone: '050 765 4321',
    locale: 'sv',
    answers: { timing: '3_months', propertyType: 'commercial', roofMaterial: 'sheet' },
    confirmedVia: null,
  },
] as const;

/** A few open requests, so the demo contractor's list is not empty on a fresh start. Local only. */
export async function seedDemoRequests(ctx: Parameters<typeof submitRequest>[0]['ctx']): Promise<number> {
  const partner = await findActivePartner(ctx, demoPartnerKey);
  if (!partner) return 0;
  for (const { confirmedVia, ...r } of demoRequests) {
    const { body } = await submitRequest({
      ctx,
      partner,
      sender: 'server',
      input: { partner: demoPartnerKey, consent: true, ...r },
    });
    // Each way a lead can look to contractors: confirmed by the mail's link, by an SMS code, not
    // at all. Set here, not through confirmContact: no customer clicks, and no alerts go out. A
    // request held by REQUIRE_CONFIRMED_CONTACT is listed once confirmed, as confirmContact does.
    if (confirmedVia) {
      await ctx.db.batch([
        ctx.db
          .update(requests)
          .set({ confirmedAt: ctx.clock.now(), confirmedVia, status: sql`CASE status WHEN 'unconfirmed' THEN 'open' ELSE status END` })
          .where(eq(requests.id, body.id)),
        ctx.db.update(requestContacts).set({ codeHash: null, codeExpiresAt: null }).where(eq(requestContacts.requestId, body.id)),
      ]);
    }
    // The demo customers' addresses are examples, and alerts about invented requests are noise:
    // none of the mail the request wrote is ever sent (the seed runs before the mail sender starts).
    await ctx.db.run(sql`UPDATE outbox SET status = 'cancelled', params_enc = NULL, last_error = 'demo_seed'
                         WHERE (request_id = ${body.id} OR to_request_id = ${body.id}) AND status = 'pending'`);
  }
  return demoRequests.length;
}
