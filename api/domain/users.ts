// Company users and staff (S7, S10, S15, S16, S26). Names and emails are encrypted; the email's
// keyed hash finds the user at login and makes it unique.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type * as v from 'valibot';
import { loginThrottle, sessions as sessionConfig } from '../config.ts';
import type { MePatch, Me, NewUser } from '../contract/auth.ts';
import { random, sha256Hex, toBase64Url } from '../adapters/keys.ts';
import { hashPassword, verifyPassword } from '../adapters/passwords.ts';
import { companies } from '../db/schema/companies.ts';
import { invites, sessions, users, type Role } from '../db/schema/users.ts';
import { AppError, invalid, issue } from './errors.ts';
import { audit } from './audit.ts';
import { isPerson, type SystemActor, type Verb } from './context.ts';
import { normaliseEmail } from './contact.ts';
import { assertStrongPassword } from './password-policy.ts';
import { hitRateLimit } from './rate-limit.ts';
import { insertMail, mailRow } from './notifications/enqueue.ts';
import type { SessionUser } from './session-user.ts';
import type { Ctx } from './context.ts';

export const userContext = (id: string, field: 'name' | 'email') => `users:${id}:${field}`;

export async function emailHash(ctx: Pick<Ctx, 'keys'>, email: string) {
  return ctx.keys.hash('user-email', normaliseEmail(email));
}

/**
 * Staff create users for any company (and staff); an owner only for their own company, and
 * never staff. The user gets an invite link and sets their own password (S10).
 *
 * An owner adding an address that already has an account gets the same 201 as for a new one
 * (a fresh id and a token that was never stored, so its link never works), and the holder of
 * that address is mailed instead: an owner cannot learn who has a Linkki account (issue 10).
 * Staff still get 409 email_taken: they can search every address anyway (data-subject
 * requests), and they need the truth to sort out a person moving between companies.
 */
export async function createUser({
  ctx,
  actor,
  companyId,
  input,
}: {
  ctx: Pick<Ctx, 'db' | 'client' | 'clock' | 'keys' | 'config'>;
  actor: SessionUser | SystemActor;
  companyId: string | null;
  input: v.InferOutput<typeof NewUser> | { name: string; email: string; role: 'admin'; locale: 'fi' | 'sv' | 'en' };
}): Promise<{ id: string; inviteToken: string; inviteUrl: string }> {
  if (isPerson(actor)) {
    const allowed = actor.role === 'admin' || (actor.role === 'owner' && companyId === actor.companyId && input.role !== 'admin');
    if (!allowed) throw new AppError('forbidden');
  }
  if (input.role === 'admin' ? companyId !== null : companyId === null) throw new AppError('forbidden');
  if (companyId) {
    const company = await ctx.db.query.companies.findFirst({ where: eq(companies.id, companyId) });
    if (!company) throw new AppError('not_found');
  }
  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  const inviteToken = toBase64Url(random(32));
  const hash = await emailHash(ctx, input.email);
  const taken = () =>
    isPerson(actor) && actor.role === 'owner'
      ? toldToHolder(ctx, { actor, companyId, hash, id, inviteToken })
      : Promise.reject(new AppError('email_taken', { field: 'email' }));
  if (await ctx.db.query.users.findFirst({ where: eq(users.emailHash, hash), columns: { id: true } })) return taken();
  const inviteMail = await mailRow(ctx, {
    template: 'user.invite',
    locale: input.locale,
    to: { userId: id },
    now,
    companyId,
    params: { token: inviteToken },
  });
  try {
    await ctx.db.batch([
      ctx.db.insert(users).values({
        id,
        companyId,
        role: input.role,
        locale: input.locale,
        nameEnc: await ctx.keys.encrypt(input.name, userContext(id, 'name')),
        emailEnc: await ctx.keys.encrypt(input.email, userContext(id, 'email')),
        emailHash: hash,
        createdAt: now,
      }),
      ctx.db.insert(invites).values({
        tokenHash: await sha256Hex(inviteToken),
        userId: id,
        expiresAt: new Date(now.getTime() + sessionConfig.inviteDays * 24 * 3600_000),
      }),
      audit(ctx.db, now, actor, 'user.created', { companyId, subjectUserId: id }),
      insertMail(ctx.db, inviteMail),
    ]);
  } catch (err) {
    // Two staff adding the same email at once: the unique index decides.
    if (/UNIQUE/i.test(String((err as Error).message))) return taken();
    throw err;
  }
  return { id, inviteToken, inviteUrl: inviteUrlOf(ctx, inviteToken) };
}

/** The link's secret rides in the fragment, which no server or log ever sees (dashboard/pages/invite.ts). */
const inviteUrlOf = (ctx: Pick<Ctx, 'config'>, token: string) => `${ctx.config.publicUrl}/invite#${token}`;

/** The answer to an owner adding an existing account's address: shaped like a new invite; the holder is told. */
async function toldToHolder(
  ctx: Pick<Ctx, 'db' | 'client' | 'clock' | 'keys' | 'config'>,
  {
    actor,
    companyId,
    hash,
    id,
    inviteToken,
  }: { actor: SessionUser; companyId: string | null; hash: string; id: string; inviteToken: string },
): Promise<{ id: string; inviteToken: string; inviteUrl: string }> {
  const holder = await ctx.db.query.users.findFirst({
    where: eq(users.emailHash, hash),
    columns: { id: true, locale: true, companyId: true },
  });
  if (holder) {
    const now = ctx.clock.now();
    await ctx.db.batch([
      // At most one such mail per company and holder a day: adding again cannot flood anyone's inbox.
      insertMail(
        ctx.db,
        await mailRow(ctx, {
          template: 'user.add_attempt',
          locale: holder.locale,
          to: { userId: holder.id },
          now,
          companyId: holder.companyId,
          params: { companyId },
          dedupeKey: `add-attempt:${holder.id}:${companyId}:${now.toISOString().slice(0, 10)}`,
        }),
      ).onConflictDoNothing(),
      audit(ctx.db, now, actor, 'user.add_existing', { companyId, subjectUserId: holder.id }),
    ]);
  }
  return { id, inviteToken, inviteUrl: inviteUrlOf(ctx, inviteToken) };
}

/** Does this invite or reset link still work (unused, unexpired)? The page asks before it shows an error. */
export async function isInviteOpen({ ctx, input }: { ctx: Pick<Ctx, 'db' | 'clock'>; input: { token: string } }): Promise<boolean> {
  const tokenHash = await sha256Hex(input.token);
  const found = await ctx.db.query.invites.findFirst({
    where: and(eq(invites.tokenHash, tokenHash), isNull(invites.usedAt), gt(invites.expiresAt, ctx.clock.now())),
    columns: { userId: true },
  });
  return Boolean(found);
}

/**
 * Sets the password of an invited user (or one who asked for a reset); the link works once,
 * until it expires. The cheap checks come first, so that a guessed or spent link and a weak
 * password never reach the slow hash; then the attempt is counted per source in one statement
 * (concurrent submits are not all hashed), then the hash.
 */
export async function acceptInvite({
  ctx,
  input: { token, password, source },
}: {
  ctx: Ctx;
  input: { token: string; password: string; source: string };
}): Promise<{ userId: string }> {
  const now = ctx.clock.now();
  const tokenHash = await sha256Hex(token);
  const open = and(eq(invites.tokenHash, tokenHash), isNull(invites.usedAt), gt(invites.expiresAt, now));
  const invite = await ctx.db.query.invites.findFirst({ where: open });
  const user =
    invite &&
    (await ctx.db.query.users.findFirst({ where: and(eq(users.id, invite.userId), eq(users.active, true)), columns: { emailEnc: true } }));
  if (!invite || !user) throw new AppError('invite_invalid');
  await assertStrongPassword(password, await ctx.keys.decrypt(user.emailEnc, userContext(invite.userId, 'email')));
  const counted = await hitRateLimit(ctx, 'password-set', source, {
    limit: loginThrottle.passwordSets,
    windowSeconds: loginThrottle.windowSeconds,
  });
  if (!counted.ok) {
    throw new AppError('rate_limited', { retryAfter: counted.retryAfterSeconds }, { 'Retry-After': String(counted.retryAfterSeconds) });
  }
  const passwordHash = await hashPassword(password);
  // The conditional update settles a double submit: only one marks the invite used.
  const [used] = await ctx.db.batch([
    ctx.db.update(invites).set({ usedAt: now }).where(open).returning({ userId: invites.userId }),
    // Only the submit that marked the invite sets its password (changes() is the statement
    // before, on the batch's one connection): a losing double submit changes nothing.
    ctx.db
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, invite.userId), eq(users.active, true), sql`changes() = 1`)),
    audit(ctx.db, now, { id: invite.userId }, 'invite.accepted', { subjectUserId: invite.userId }),
    // The link also serves password resets: a new password ends the user's other sessions.
    ctx.db.delete(sessions).where(eq(sessions.userId, invite.userId)),
  ]);
  if (!used.length) throw new AppError('invite_invalid');
  return { userId: invite.userId };
}

export async function getMe({ ctx, actor }: { ctx: Ctx; actor: SessionUser }): Promise<Me> {
  const row = await ctx.db.query.users.findFirst({ where: eq(users.id, actor.id) });
  if (!row) throw new AppError('unauthorized');
  const company = row.companyId
    ? await ctx.db.query.companies.findFirst({ where: eq(companies.id, row.companyId), columns: { id: true, name: true } })
    : null;
  return {
    id: row.id,
    name: await ctx.keys.decrypt(row.nameEnc, userContext(row.id, 'name')),
    email: await ctx.keys.decrypt(row.emailEnc, userContext(row.id, 'email')),
    role: row.role,
    locale: row.locale,
    company: company ?? null,
  };
}

/**
 * S26: users change their own name, email and password; email and password need the current
 * one. A new password ends every other session of the user; so does a new email, and the old
 * address is told of the change (in the user's language), so that a hijacked session cannot
 * quietly take the account over.
 */
export async function updateMe({ ctx, actor: user, input: patch }: Verb<v.InferOutput<typeof MePatch>, SessionUser>): Promise<Me> {
  const row = await ctx.db.query.users.findFirst({ where: eq(users.id, user.id) });
  if (!row) throw new AppError('unauthorized');
  const oldEmail = await ctx.keys.decrypt(row.emailEnc, userContext(user.id, 'email'));
  // Before the current password's hash: a weak one is refused at no cost.
  if (patch.password) await assertStrongPassword(patch.password, patch.email ?? oldEmail);
  if (patch.email || patch.password) {
    const ok = row.passwordHash ? await verifyPassword(patch.currentPassword ?? '', row.passwordHash) : false;
    if (!ok) throw invalid([issue('currentPassword', 'wrong_password')]);
  }
  const set: Partial<typeof users.$inferInsert> = {};
  if (patch.name) set.nameEnc = await ctx.keys.encrypt(patch.name, userContext(user.id, 'name'));
  if (patch.locale) set.locale = patch.locale;
  let emailChanged = false;
  if (patch.email) {
    const hash = await emailHash(ctx, patch.email);
    const other = await ctx.db.query.users.findFirst({ where: eq(users.emailHash, hash), columns: { id: true } });
    if (other && other.id !== user.id) throw new AppError('email_taken', { field: 'email' });
    emailChanged = hash !== row.emailHash;
    set.emailEnc = await ctx.keys.encrypt(patch.email, userContext(user.id, 'email'));
    set.emailHash = hash;
  }
  if (patch.password) set.passwordHash = await hashPassword(patch.password);
  const now = ctx.clock.now();
  const statements = [
    ctx.db.update(users).set(set).where(eq(users.id, user.id)),
    audit(ctx.db, now, user, 'user.updated', { subjectUserId: user.id }),
  ] as const;
  const revoke =
    patch.password || emailChanged ? [ctx.db.delete(sessions).where(and(eq(sessions.userId, user.id), notThis(user.sessionHash)))] : [];
  // The old address only: sent after the change, so the outbox row carries it (encrypted, dropped once sent).
  const notice = emailChanged
    ? [
        insertMail(
          ctx.db,
          await mailRow(ctx, {
            template: 'user.email_changed',
            locale: set.locale ?? row.locale,
            to: { userId: user.id },
            now,
            companyId: row.companyId,
            params: { oldEmail },
          }),
        ),
      ]
    : [];
  if (Object.keys(set).length) await ctx.db.batch([...statements, ...revoke, ...notice]);
  return getMe({ ctx, actor: user });
}

function notThis(sessionHash: string) {
  return sql`${sessions.idHash} <> ${sessionHash}`;
}

export type CompanyUser = { id: string; name: string; email: string; role: Role; active: boolean; invited: boolean };

export async function listCompanyUsers({
  ctx,
  actor,
  input: { companyId },
}: Verb<{ companyId: string }, SessionUser>): Promise<CompanyUser[]> {
  if (!(actor.role === 'admin' || (actor.role === 'owner' && actor.companyId === companyId))) throw new AppError('forbidden');
  const rows = await ctx.db.select().from(users).where(eq(users.companyId, companyId));
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      name: await ctx.keys.decrypt(r.nameEnc, userContext(r.id, 'name')),
      email: await ctx.keys.decrypt(r.emailEnc, userContext(r.id, 'email')),
      role: r.role,
      active: r.active,
      invited: r.passwordHash === null,
    })),
  );
}

/** An owner removes a user of their company (staff: of any company). Purchases keep their user id. */
export async function removeUser({ ctx, actor, input: { userId } }: Verb<{ userId: string }, SessionUser>): Promise<void> {
  const target = await ctx.db.query.users.findFirst({ where: eq(users.id, userId) });
  const allowed =
    target && (actor.role === 'admin' || (actor.role === 'owner' && target.companyId === actor.companyId && target.role !== 'admin'));
  // Another company's user answers like a missing one: ids never confirm what exists elsewhere.
  if (!target || !allowed) throw new AppError('not_found');
  if (target.id === actor.id) throw new AppError('forbidden');
  const now = ctx.clock.now();
  await ctx.db.batch([
    ctx.db.update(users).set({ active: false, passwordHash: null }).where(eq(users.id, userId)),
    ctx.db.delete(sessions).where(eq(sessions.userId, userId)),
    ctx.db.delete(invites).where(eq(invites.userId, userId)),
    audit(ctx.db, now, actor, 'user.removed', { companyId: target.companyId, subjectUserId: userId }),
  ]);
}
