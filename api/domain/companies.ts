// Contractor companies, created by staff (S10: the service contract comes first).
import { and, eq, inArray, ne } from 'drizzle-orm';
import type * as v from 'valibot';
import type { Company, CompanyPatch, NewCompany } from '../contract/auth.ts';
import { companies } from '../db/schema/companies.ts';
import { sessions, users } from '../db/schema/users.ts';
import { AppError } from './errors.ts';
import { audit } from './audit.ts';
import { isPerson, type Ctx, type SystemActor, type Verb } from './context.ts';
import type { SessionUser } from './session-user.ts';

function staffOnly(actor: SessionUser) {
  if (actor.role !== 'admin') throw new AppError('forbidden');
}

export async function createCompany({
  ctx,
  actor,
  input,
}: Verb<v.InferOutput<typeof NewCompany>, SessionUser | SystemActor, Pick<Ctx, 'db' | 'clock'>>) {
  if (isPerson(actor)) staffOnly(actor);
  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  if (await ctx.db.query.companies.findFirst({ where: eq(companies.businessId, input.businessId), columns: { id: true } })) {
    throw new AppError('business_id_taken', { field: 'businessId' });
  }
  await ctx.db.batch([
    ctx.db.insert(companies).values({
      id,
      name: input.name,
      businessId: input.businessId,
      billingAddress: input.billingAddress ?? null,
      billingEmail: input.billingEmail ?? null,
      regions: JSON.stringify(input.regions),
      categories: JSON.stringify(input.categories),
      createdAt: now,
    }),
    audit(ctx.db, now, actor, 'company.created', { companyId: id }),
  ]);
  return { id };
}

/** Staff's list of every company. */
export async function listCompanies({ ctx, actor }: { ctx: Pick<Ctx, 'db'>; actor: SessionUser }) {
  staffOnly(actor);
  return ctx.db
    .select({ id: companies.id, name: companies.name, businessId: companies.businessId, active: companies.active })
    .from(companies)
    .orderBy(companies.name);
}

/** One company for staff; null when there is none. */
export async function findCompany({ ctx, actor, input: { id } }: Verb<{ id: string }, SessionUser, Pick<Ctx, 'db'>>) {
  staffOnly(actor);
  const row = await ctx.db.query.companies.findFirst({ where: eq(companies.id, id) });
  return row ? companyView(row) : null;
}

function companyView(row: typeof companies.$inferSelect): v.InferOutput<typeof Company> {
  return {
    id: row.id,
    name: row.name,
    businessId: row.businessId,
    active: row.active,
    billingAddress: row.billingAddress,
    billingEmail: row.billingEmail,
    regions: JSON.parse(row.regions) as string[],
    categories: JSON.parse(row.categories) as string[],
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Staff edit a company. Deactivating it ends its users' sessions in the same batch (and
 * resolveSession refuses any session of an inactive company's user, so none survives a race);
 * its purchases and invoices stay. The unique index settles two companies claiming one business ID.
 */
export async function updateCompany({
  ctx,
  actor,
  input: { id, patch },
}: Verb<{ id: string; patch: v.InferOutput<typeof CompanyPatch> }, SessionUser>) {
  staffOnly(actor);
  const before = await ctx.db.query.companies.findFirst({ where: eq(companies.id, id) });
  if (!before) throw new AppError('not_found');
  if (
    patch.businessId !== undefined &&
    (await ctx.db.query.companies.findFirst({
      where: and(eq(companies.businessId, patch.businessId), ne(companies.id, id)),
      columns: { id: true },
    }))
  ) {
    throw new AppError('business_id_taken', { field: 'businessId' });
  }
  const set = {
    name: patch.name,
    businessId: patch.businessId,
    active: patch.active,
    billingAddress: patch.billingAddress === undefined ? undefined : patch.billingAddress || null,
    billingEmail: patch.billingEmail,
    regions: patch.regions && JSON.stringify(patch.regions),
    categories: patch.categories && JSON.stringify(patch.categories),
  };
  const changes = Object.fromEntries(Object.entries(set).filter(([, x]) => x !== undefined));
  if (!Object.keys(changes).length) return companyView(before);
  const now = ctx.clock.now();
  const deactivating = patch.active === false && before.active;
  try {
    await ctx.db.batch([
      ctx.db.update(companies).set(changes).where(eq(companies.id, id)),
      audit(ctx.db, now, actor, deactivating ? 'company.deactivated' : 'company.updated', { companyId: id }),
      ...(patch.active === false
        ? [
            ctx.db
              .delete(sessions)
              .where(inArray(sessions.userId, ctx.db.select({ id: users.id }).from(users).where(eq(users.companyId, id)))),
          ]
        : []),
    ]);
  } catch (err) {
    if (/UNIQUE/i.test(String((err as Error).message))) throw new AppError('business_id_taken', { field: 'businessId' });
    throw err;
  }
  const after = await ctx.db.query.companies.findFirst({ where: eq(companies.id, id) });
  return companyView(after!);
}
