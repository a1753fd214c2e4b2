// Contractor companies, created by staff (S10: the service contract comes first).
import { eq } from 'drizzle-orm';
import type * as v from 'valibot';
import type { NewCompany } from '../contract/auth.ts';
import { companies } from '../db/schema/companies.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { audit } from './audit.ts';
import type { SessionUser } from './session-user.ts';

type Ctx = Pick<Deps, 'db' | 'clock'>;

export async function createCompany(ctx: Ctx, actor: SessionUser | 'system', input: v.InferOutput<typeof NewCompany>) {
  if (actor !== 'system' && actor.role !== 'admin') throw new AppError('forbidden');
  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  if (await ctx.db.query.companies.findFirst({ where: eq(companies.businessId, input.businessId), columns: { id: true } })) {
    throw new AppError('business_id_taken', { field: 'businessId' });
  }
  await ctx.db.batch([
    ctx.db.insert(companies).values({
      id, name: input.name, businessId: input.businessId,
      billingAddress: input.billingAddress ?? null, billingEmail: input.billingEmail ?? null,
      regions: JSON.stringify(input.regions), categories: JSON.stringify(input.categories), createdAt: now,
    }),
    audit(ctx.db, now, actor === 'system' ? { kind: 'system', job: 'seed' } : { kind: 'user', userId: actor.id }, 'company.created', { companyId: id }),
  ]);
  return { id };
}

export async function listCompanies(ctx: Ctx) {
  return ctx.db.select({ id: companies.id, name: companies.name, businessId: companies.businessId, active: companies.active })
    .from(companies).orderBy(companies.name);
}
