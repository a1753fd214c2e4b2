// Start-up data: the first admin from ADMIN_EMAIL + ADMIN_PASSWORD (any engine, when no admin
// exists), and on a local database the demo partner and demo contractor.
import { eq } from 'drizzle-orm';
import { hashPassword } from '../adapters/passwords.ts';
import { passwordHashing } from '../config.ts';
import { users } from '../db/schema/users.ts';
import type { Deps } from '../deps.ts';
import { createCompany } from './companies.ts';
import { passwordWeakness } from './password-policy.ts';
import { createUser, emailHash } from './users.ts';

type Ctx = Pick<Deps, 'db' | 'client' | 'clock' | 'keys' | 'config'>;

/**
 * ADMIN_PASSWORD follows the rules every password does (api/domain/password-policy.ts): a weak
 * one stops the start with this message, whether or not an admin exists already.
 */
export async function checkAdminPassword(email: string | undefined, password: string): Promise<void> {
  const weakness = await passwordWeakness(password, email);
  if (weakness) {
    throw new Error(`BAD_ENVIRONMENT\n  ADMIN_PASSWORD: refused as a weak password (${weakness.replace('_', ' ')}): use at least ${passwordHashing.minLength} characters, not a common password, not one or two characters repeated, not the email address`);
  }
}

/** Creates the first admin with the given password, unless an admin exists. */
export async function ensureAdmin(ctx: Ctx, email: string, password: string): Promise<boolean> {
  await checkAdminPassword(email, password);
  const admin = await ctx.db.query.users.findFirst({ where: eq(users.role, 'admin'), columns: { id: true } });
  if (admin) return false;
  const { id } = await createUser({ ctx, actor: 'system', companyId: null, input: { name: 'Admin', email, role: 'admin', locale: 'fi' } });
  await ctx.db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, id));
  return true;
}

export const demoContractor = {
  company: { name: 'Demo Remontti Oy', businessId: '0737546-2' },
  email: 'urakoitsija@demo.linkki.fi',
  password: 'demo-salasana-2026',
} as const;

/** The demo contractor (an owner) whose login the README and the start-up log print. Local only. */
export async function seedDemoContractor(ctx: Ctx): Promise<boolean> {
  const exists = await ctx.db.query.users.findFirst({ where: eq(users.emailHash, await emailHash(ctx, demoContractor.email)) });
  if (exists) return false;
  const { id: companyId } = await createCompany(ctx, 'system', {
    ...demoContractor.company, regions: ['01', '02', '06'], categories: [], billingAddress: 'Demotie 1, 00100 Helsinki',
    billingEmail: undefined,
  });
  const { id } = await createUser({ ctx, actor: 'system', companyId, input: { name: 'Demo Urakoitsija', email: demoContractor.email, role: 'owner', locale: 'fi' } });
  await ctx.db.update(users).set({ passwordHash: await hashPassword(demoContractor.password) }).where(eq(users.id, id));
  return true;
}
