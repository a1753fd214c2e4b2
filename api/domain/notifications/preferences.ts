// Contractors' alert settings: each user chooses instant, daily or off; the company's owner
// chooses the regions and categories it serves (empty = all). Unsubscribe links carry the user
// id and a keyed hash of it, so they need no stored token and cannot be forged.
import { eq } from 'drizzle-orm';
import type { RegionCode } from '../../contract/regions.ts';
import { companies } from '../../db/schema/companies.ts';
import { notificationSettings, type AlertMode } from '../../db/schema/outbox.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../session-user.ts';
import type { Ctx, Verb } from '../context.ts';

export type AlertSettings = {
  alerts: AlertMode;
  company: { regions: RegionCode[]; categories: string[] } | null;
  /** Owners choose the company's regions and categories. */
  canEditCompany: boolean;
};

export async function getAlertSettings({ ctx, actor }: { ctx: Pick<Ctx, 'db'>; actor: SessionUser }): Promise<AlertSettings> {
  const row = await ctx.db.query.notificationSettings.findFirst({ where: eq(notificationSettings.userId, actor.id) });
  const company = actor.companyId
    ? await ctx.db.query.companies.findFirst({ where: eq(companies.id, actor.companyId), columns: { regions: true, categories: true } })
    : undefined;
  return {
    alerts: row?.alerts ?? (actor.companyId ? 'instant' : 'off'),
    company: company ? { regions: JSON.parse(company.regions), categories: JSON.parse(company.categories) } : null,
    canEditCompany: actor.role === 'owner' && Boolean(actor.companyId),
  };
}

/** A person chooses their own alerts. */
export async function setAlertMode({
  ctx,
  actor,
  input: { alerts },
}: Verb<{ alerts: AlertMode }, SessionUser, Pick<Ctx, 'db' | 'clock'>>): Promise<void> {
  await writeAlertMode(ctx, actor.id, alerts);
}

async function writeAlertMode(ctx: Pick<Ctx, 'db' | 'clock'>, userId: string, alerts: AlertMode): Promise<void> {
  const updatedAt = ctx.clock.now();
  await ctx.db
    .insert(notificationSettings)
    .values({ userId, alerts, updatedAt })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { alerts, updatedAt } });
}

export async function setCompanyInterests({
  ctx,
  actor,
  input,
}: Verb<{ regions: string[]; categories: string[] }, SessionUser, Pick<Ctx, 'db'>>): Promise<void> {
  if (actor.role !== 'owner' || !actor.companyId) throw new AppError('forbidden');
  await ctx.db
    .update(companies)
    .set({
      regions: JSON.stringify([...new Set(input.regions)].sort()),
      categories: JSON.stringify([...new Set(input.categories)].sort()),
    })
    .where(eq(companies.id, actor.companyId));
}

const signature = (ctx: Pick<Ctx, 'keys'>, userId: string) => ctx.keys.hash('unsubscribe', userId);

export async function unsubscribeUrl(ctx: Pick<Ctx, 'keys' | 'config'>, userId: string): Promise<string> {
  return `${ctx.config.publicUrl}/mail/unsubscribe/${userId}.${await signature(ctx, userId)}`;
}

/** The user id an unsubscribe token names, or null for a forged or mangled one. Anyone holding the link may ask. */
export async function unsubscribeUser({
  ctx,
  input: { token },
}: {
  ctx: Pick<Ctx, 'keys'>;
  input: { token: string };
}): Promise<string | null> {
  const m = /^([A-Za-z0-9-]{1,64})\.([0-9a-f]{64})$/.exec(token);
  if (!m) return null;
  const expected = await signature(ctx, m[1]!);
  // Length is fixed; compare every character so timing says nothing about how much matched.
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ m[2]!.charCodeAt(i);
  return diff === 0 ? m[1]! : null;
}

/** The link's one click: that user's alerts go off (no session; the token is the key). */
export async function unsubscribe({ ctx, input: { token } }: { ctx: Ctx; input: { token: string } }): Promise<boolean> {
  const userId = await unsubscribeUser({ ctx, input: { token } });
  if (!userId) return false;
  const exists = await ctx.db.query.users.findFirst({ where: (u, { eq: is }) => is(u.id, userId), columns: { id: true } });
  if (!exists) return false;
  await writeAlertMode(ctx, userId, 'off');
  return true;
}
