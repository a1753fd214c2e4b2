// Start-up data: the first admin from ADMIN_EMAIL + ADMIN_PASSWORD (any engine, when no admin
// exists), and on a local database the demo partner and demo contractor.
import { and, eq, sql } from 'drizzle-orm';
import { hashPassword } from '../adapters/passwords.ts';
import { passwordHashing } from '../config.ts';
import { partners } from '../db/schema/partners.ts';
import { sessions, users } from '../db/schema/users.ts';
import { audit } from './audit.ts';
import { createCompany } from './companies.ts';
import { demoPartnerKey } from './demo.ts';
import { passwordWeakness } from './password-policy.ts';
import { createUser, emailHash } from './users.ts';
import { systemActor, type Ctx } from './context.ts';

/**
 * ADMIN_PASSWORD follows the rules every password does (api/domain/password-policy.ts): a weak
 * one stops the start with this message, whether or not an admin exists already.
 */
export async function checkAdminPassword(email: string | undefined, password: string): Promise<void> {
  const weakness = await passwordWeakness(password, email);
  if (weakness) {
    throw new Error(
      `BAD_ENVIRONMENT\n  ADMIN_PASSWORD: refused as a weak password (${weakness.replace('_', ' ')}): use at least ${passwordHashing.minLength} characters, not a common password, not one or two characters repeated, not the email address`,
    );
  }
}

/** Creates the first admin with the given password, unless an admin exists. */
export async function ensureAdmin(
  ctx: Pick<Ctx, 'db' | 'client' | 'clock' | 'keys' | 'config'>,
  email: string,
  password: string,
): Promise<boolean> {
  await checkAdminPassword(email, password);
  const admin = await ctx.db.query.users.findFirst({ where: eq(users.role, 'admin'), columns: { id: true } });
  if (admin) return false;
  const { id } = await createUser({
    ctx,
    actor: systemActor('bootstrap'),
    companyId: null,
    input: { name: 'Admin', email, role: 'admin', locale: 'fi' },
  });
  await ctx.db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, id));
  return true;
}

export const demoContractor = {
  company: { name: 'Demo Remontti Oy', businessId: '0737546-2' },
  email: 'urakoitsija@demo.linkki.fi',
  password: 'demo-salasana-2026',
} as const;

/** The demo contractor (an owner) whose login the README and the start-up log print. Local only. */
export async function seedDemoContractor(ctx: Pick<Ctx, 'db' | 'client' | 'clock' | 'keys' | 'config'>): Promise<boolean> {
  const exists = await ctx.db.query.users.findFirst({ where: eq(users.emailHash, await emailHash(ctx, demoContractor.email)) });
  if (exists) return false;
  const { id: companyId } = await createCompany({
    ctx,
    actor: systemActor('seed'),
    input: {
      ...demoContractor.company,
      regions: ['01', '02', '06'],
      categories: [],
      billingAddress: 'Demotie 1, 00100 Helsinki',
      billingEmail: undefined,
    },
  });
  const { id } = await createUser({
    ctx,
    actor: systemActor('seed'),
    companyId,
    input: { name: 'Demo Urakoitsija', email: demoContractor.email, role: 'owner', locale: 'fi' },
  });
  await ctx.db.batch([
    ctx.db
      .update(users)
      .set({ passwordHash: await hashPassword(demoContractor.password) })
      .where(eq(users.id, id)),
    // The demo address is not anyone's mailbox, and the account is active already: its invite
    // is never sent (written before the mail sender starts, so it never sees it pending).
    ctx.db.run(sql`UPDATE outbox SET status = 'cancelled', params_enc = NULL, last_error = 'demo_seed'
                   WHERE to_user_id = ${id} AND status = 'pending'`),
  ]);
  return true;
}

/**
 * A database first started locally and then run with NODE_ENV=production still holds the demo
 * contractor, whose password the README and the start log publish, and the demo partner, which
 * takes requests from localhost pages. A production start deactivates both, ends the demo
 * user's sessions in the same batch, and says so; staff may re-enable the partner by hand.
 * Returns what it disabled (empty when nothing was active).
 */
export async function disableDemo(ctx: Pick<Ctx, 'db' | 'client' | 'clock' | 'keys' | 'config'>): Promise<string[]> {
  const now = ctx.clock.now();
  const demoHash = await emailHash(ctx, demoContractor.email);
  const user = await ctx.db.query.users.findFirst({
    where: and(eq(users.emailHash, demoHash), eq(users.active, true)),
    columns: { id: true, companyId: true },
  });
  const partner = await ctx.db.query.partners.findFirst({
    where: and(eq(partners.publicKey, demoPartnerKey), eq(partners.active, true)),
    columns: { id: true },
  });
  const actor = systemActor('production-start');
  const disabled: string[] = [];
  if (user) {
    await ctx.db.batch([
      ctx.db.update(users).set({ active: false }).where(eq(users.id, user.id)),
      ctx.db.delete(sessions).where(eq(sessions.userId, user.id)),
      audit(ctx.db, now, actor, 'user.updated', { companyId: user.companyId, subjectUserId: user.id }),
    ]);
    disabled.push(`the demo contractor ${demoContractor.email}`);
  }
  if (partner) {
    await ctx.db.update(partners).set({ active: false }).where(eq(partners.id, partner.id));
    disabled.push(`the demo partner "${demoPartnerKey}"`);
  }
  return disabled;
}
