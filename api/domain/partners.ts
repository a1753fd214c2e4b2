// Partners: the sites that embed the widget, and the origins they may send from.
import { and, asc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { NewPartnerInput, type PartnerPatch } from '../contract/admin.ts';
import { PartnerPresets } from '../contract/widget.ts';
import { partnerKinds, partnerOrigins, partners } from '../db/schema/partners.ts';
import { type AuditActor, audit } from './audit.ts';
import { random, sha256Hex, toBase64Url } from '../adapters/keys.ts';
import { widgetCache } from '../config.ts';
import { rowReader, text } from '../db/rows.ts';
import type { Ctx, SystemActor } from './context.ts';
import { AppError } from './errors.ts';
import type { SessionUser } from './session-user.ts';

export type Partner = {
  id: string;
  publicKey: string;
  name: string;
  kind: (typeof partnerKinds)[number];
  presets: PartnerPresets;
  origins: string[];
};

export const NewPartner = v.object({
  ...NewPartnerInput.entries,
  presets: v.optional(PartnerPresets, {}),
  publicKey: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{4,64}$/, 'invalid_key'))),
});

/** A new partner with its origins; `actor` (staff) is audited in the same batch. Seeds and the CLI pass none. */
export async function createPartner(
  ctx: Pick<Ctx, 'db' | 'clock' | 'cache'>,
  input: v.InferInput<typeof NewPartner>,
  actor?: AuditActor,
): Promise<{ id: string; publicKey: string }> {
  const p = v.parse(NewPartner, input);
  const id = crypto.randomUUID();
  const publicKey = p.publicKey ?? `pk_${toBase64Url(random(12))}`;
  const origins = [...new Set(p.allowedOrigins)];
  await ctx.db.batch([
    ctx.db.insert(partners).values({
      id,
      publicKey,
      name: p.name,
      kind: p.kind,
      presets: JSON.stringify(p.presets),
      createdAt: ctx.clock.now(),
    }),
    ...origins.map((origin) => ctx.db.insert(partnerOrigins).values({ partnerId: id, origin })),
    ...(actor ? [audit(ctx.db, ctx.clock.now(), actor, 'partner.created')] : []),
  ]);
  await forgetPartner(ctx, publicKey);
  return { id, publicKey };
}

export type PartnerListing = Pick<Partner, 'id' | 'name' | 'kind' | 'publicKey' | 'origins'> & { active: boolean };

/** Every partner with its origins, for staff. */
export async function listPartners({ ctx, actor }: { ctx: Pick<Ctx, 'db'>; actor: SessionUser }): Promise<PartnerListing[]> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  const rows = await ctx.db.select().from(partners).orderBy(asc(partners.name));
  const origins = await ctx.db.select().from(partnerOrigins);
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    publicKey: p.publicKey,
    active: p.active,
    origins: origins.filter((o) => o.partnerId === p.id).map((o) => o.origin),
  }));
}

/**
 * Staff change a partner: settings, origins (replaced as a whole), or `active` (false takes the
 * form off every site: the widget, the hosted form and intake refuse the key). One write batch
 * with its audit row; the cached copy is forgotten at once (other locations: `widgetCache`).
 */
export async function updatePartner({
  ctx,
  actor,
  input: { id, patch },
}: {
  ctx: Pick<Ctx, 'db' | 'clock' | 'cache'>;
  actor: SessionUser;
  input: { id: string; patch: v.InferOutput<typeof PartnerPatch> };
}): Promise<PartnerListing> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  const [row] = await ctx.db.select().from(partners).where(eq(partners.id, id));
  if (!row) throw new AppError('not_found');
  const now = ctx.clock.now();
  const set = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
    ...(patch.presets !== undefined ? { presets: JSON.stringify(patch.presets) } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
  };
  const origins = patch.allowedOrigins && [...new Set(patch.allowedOrigins)];
  const deactivated = patch.active === false && row.active;
  await ctx.db.batch([
    audit(ctx.db, now, actor, deactivated ? 'partner.deactivated' : 'partner.updated'),
    ...(Object.keys(set).length ? [ctx.db.update(partners).set(set).where(eq(partners.id, id))] : []),
    ...(origins
      ? [
          ctx.db.delete(partnerOrigins).where(eq(partnerOrigins.partnerId, id)),
          ...origins.map((origin) => ctx.db.insert(partnerOrigins).values({ partnerId: id, origin })),
        ]
      : []),
  ]);
  await forgetPartner(ctx, row.publicKey);
  const kept = origins ?? (await ctx.db.select().from(partnerOrigins).where(eq(partnerOrigins.partnerId, id))).map((o) => o.origin);
  return {
    id,
    publicKey: row.publicKey,
    name: patch.name ?? row.name,
    kind: patch.kind ?? row.kind,
    active: patch.active ?? row.active,
    origins: kept,
  };
}

/**
 * A partner's secret key, for sending requests from its own backend (a housing company's portal):
 * `lks_` and 32 random bytes. Shown once; only its SHA-256 is stored (a random 256-bit key needs
 * no slow hash). A new one replaces the old at once: the old stops working.
 */
export async function rotatePartnerSecret({
  ctx,
  actor,
  input: { id },
}: {
  ctx: Pick<Ctx, 'db' | 'clock'>;
  /** Staff, or the operator's command line (`npm run partner -- secret`). */
  actor: SessionUser | SystemActor;
  input: { id: string };
}): Promise<{ id: string; secretKey: string }> {
  if ('role' in actor && actor.role !== 'admin') throw new AppError('forbidden');
  const [row] = await ctx.db.select({ id: partners.id }).from(partners).where(eq(partners.id, id));
  if (!row) throw new AppError('not_found');
  const secretKey = `lks_${toBase64Url(random(32))}`;
  await ctx.db.batch([
    audit(ctx.db, ctx.clock.now(), actor, 'partner.secret_rotated'),
    ctx.db
      .update(partners)
      .set({ secretHash: await sha256Hex(secretKey) })
      .where(eq(partners.id, id)),
  ]);
  return { id, secretKey };
}

/** The active partner whose secret key an `Authorization: Bearer lks_…` header carries; 401 otherwise. */
export async function partnerBySecret(ctx: Pick<Ctx, 'db' | 'cache'>, authorization: string): Promise<Partner> {
  const key = /^Bearer (lks_[A-Za-z0-9_-]{43})$/.exec(authorization)?.[1];
  if (!key) throw new AppError('unauthorized');
  const [row] = await ctx.db
    .select({ publicKey: partners.publicKey })
    .from(partners)
    .where(and(eq(partners.secretHash, await sha256Hex(key)), eq(partners.active, true)));
  const partner = row && (await findActivePartner(ctx, row.publicKey));
  if (!partner) throw new AppError('unauthorized');
  return partner;
}

/** The cache's keys for what every visitor of a partner's page reads (api/adapters/cache.ts). */
const cacheKeys = { partner: (publicKey: string) => `partner:${publicKey}`, origins: 'partner-origins' };

/**
 * An active partner by its public key, with its origins: from the shared cache, else in one
 * round trip (a read batch) and then cached.
 */
export async function findActivePartner(ctx: Pick<Ctx, 'db' | 'cache'>, publicKey: string): Promise<Partner | null> {
  const key = cacheKeys.partner(publicKey);
  const cached = await ctx.cache.get(key);
  if (cached) return cached as Partner;
  const [found, origins] = await ctx.db.batch([
    ctx.db
      .select()
      .from(partners)
      .where(and(eq(partners.publicKey, publicKey), eq(partners.active, true))),
    ctx.db
      .select({ origin: partnerOrigins.origin })
      .from(partnerOrigins)
      .innerJoin(partners, eq(partners.id, partnerOrigins.partnerId))
      .where(eq(partners.publicKey, publicKey)),
  ]);
  const row = found[0];
  const partner: Partner | null = row
    ? {
        id: row.id,
        publicKey: row.publicKey,
        name: row.name,
        kind: row.kind,
        presets: JSON.parse(row.presets) as PartnerPresets,
        origins: origins.map((o) => o.origin),
      }
    : null;
  // An unknown key is not cached: a partner staff just created works at once in every location.
  if (partner) await ctx.cache.put(key, partner, widgetCache.ttlSeconds);
  return partner;
}

/** A partner was created or changed: its cached settings and the set of all origins go. */
export async function forgetPartner(ctx: Pick<Ctx, 'cache'>, publicKey: string): Promise<void> {
  await Promise.all([ctx.cache.delete(cacheKeys.partner(publicKey)), ctx.cache.delete(cacheKeys.origins)]);
}

/**
 * Does any active partner list this origin? (CORS preflights carry no partner key.) Every active
 * partner's origins are one cached set; an origin not in it is looked up before the answer is
 * no, so an origin staff just added works at once in every location.
 */
const readOrigin = rowReader({ origin: text });

export async function isAnyPartnerOrigin(ctx: Pick<Ctx, 'client' | 'cache'>, origin: string): Promise<boolean> {
  const cached = (await ctx.cache.get(cacheKeys.origins)) as string[] | undefined;
  if (cached?.includes(origin)) return true;
  const [one, all] = await ctx.client.batch(
    [
      {
        sql: `SELECT 1 FROM partner_origins po JOIN partners p ON p.id = po.partner_id
              WHERE po.origin = ? AND p.active = 1 LIMIT 1`,
        args: [origin],
      },
      ...(cached ? [] : ['SELECT DISTINCT po.origin FROM partner_origins po JOIN partners p ON p.id = po.partner_id WHERE p.active = 1']),
    ],
    'read',
  );
  if (all)
    await ctx.cache.put(
      cacheKeys.origins,
      all.rows.map((r) => readOrigin(r).origin),
      widgetCache.ttlSeconds,
    );
  else if (one!.rows.length) await ctx.cache.delete(cacheKeys.origins);
  return one!.rows.length > 0;
}
