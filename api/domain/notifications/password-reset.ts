// Password resets: a one-time link (the invite mechanism: a token whose SHA-256 is stored,
// carried in the fragment of /invite#<token>, accepted once, which also ends the user's sessions), mailed through the
// outbox. Asked by the user (answered alike whether or not the address has an account) or by
// staff for a user (S16).
import { and, eq } from 'drizzle-orm';
import { random, sha256Hex, toBase64Url } from '../../adapters/keys.ts';
import { mail } from '../../config.ts';
import { invites, users } from '../../db/schema/users.ts';
import { AppError } from '../errors.ts';
import { audit } from '../audit.ts';
import type { SessionUser } from '../session-user.ts';
import { emailHash } from '../users.ts';
import { insertMail, mailRow } from './enqueue.ts';
import type { Ctx } from '../context.ts';

async function issueReset(ctx: Ctx, user: { id: string; locale: 'fi' | 'sv' | 'en'; companyId: string | null }, by: SessionUser | null) {
  const now = ctx.clock.now();
  const token = toBase64Url(random(32));
  const row = await mailRow(ctx, {
    template: 'user.password_reset',
    locale: user.locale,
    to: { userId: user.id },
    now,
    companyId: user.companyId,
    params: { token },
  });
  await ctx.db.batch([
    ctx.db.insert(invites).values({
      tokenHash: await sha256Hex(token),
      userId: user.id,
      expiresAt: new Date(now.getTime() + mail.resetLinkHours * 3600_000),
    }),
    insertMail(ctx.db, row),
    audit(ctx.db, now, by ?? user, 'user.updated', { subjectUserId: user.id }),
  ]);
}

/** Anyone may ask; only an active user's own address gets a link. The answer never tells which. */
export async function requestPasswordReset(ctx: Ctx, email: string): Promise<void> {
  const user = await ctx.db.query.users.findFirst({
    where: and(eq(users.emailHash, await emailHash(ctx, email)), eq(users.active, true)),
    columns: { id: true, locale: true, companyId: true },
  });
  if (user) await issueReset(ctx, user, null);
}

/** Staff send a user a reset link; the link goes to the user's own address, never to staff. */
export async function staffPasswordReset(ctx: Ctx, actor: SessionUser, email: string): Promise<boolean> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  const user = await ctx.db.query.users.findFirst({
    where: and(eq(users.emailHash, await emailHash(ctx, email)), eq(users.active, true)),
    columns: { id: true, locale: true, companyId: true },
  });
  if (!user) return false;
  await issueReset(ctx, user, actor);
  return true;
}
