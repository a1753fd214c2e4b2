// Partners: the sites that embed the widget, and the origins they may send from.
import { and, asc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { NewPartnerInput } from '../contract/admin.ts';
import { PartnerPresets } from '../contract/widget.ts';
import { partnerKinds, partnerOrigins, partners } from '../db/schema/partners.ts';
import { type AuditActor, audit } from './audit.ts';
import { random, toBase64Url } from '../adapters/keys.ts';
import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';
import type { SessionUser } from './session-user.ts';

export type Partner = {
  id: string;
  publicKey: string;
  name: string;
  kind: (typeof partnerKinds)[number];
  presets: PartnerPresets;
  botCheckSiteKey: string | null;
  origins: string[];
};

export const NewPartner = v.object({
  ...NewPartnerInput.entries,
  presets: v.optional(PartnerPresets, {}),
  publicKey: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{4,64}$/, 'invalid_key'))),
});

/** A new partner with its origins; `actor` (staff) is audited in the same batch. Seeds and the CLI pass none. */
export async function createPartner(
  ctx: Pick<Ctx, 'db' | 'clock'>,
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

export async function findActivePartner(ctx: Pick<Ctx, 'db'>, publicKey: string): Promise<Partner | null> {
  const row = await ctx.db.query.partners.findFirst({
    where: and(eq(partners.publicKey, publicKey), eq(partners.active, true)),
  });
  if (!row) return null;
  const origins = await ctx.db.select({ origin: partnerOrigins.origin }).from(partnerOrigins).where(eq(partnerOrigins.partnerId, row.id));
  return {
    id: row.id,
    publicKey: row.publicKey,
    name: row.name,
    kind: row.kind,
    presets: JSON.parse(row.presets) as PartnerPresets,
    botCheckSiteKey: row.botCheckSiteKey,
    origins: origins.map((o) => o.origin),
  };
}

/** Does any active partner list this origin? (CORS preflights carry no partner key.) */
export async function isAnyPartnerOrigin(ctx: Pick<Ctx, 'client'>, origin: string): Promise<boolean> {
  const result = await ctx.client.execute({
    sql: `SELECT 1 FROM partner_origins po JOIN partners p ON p.id = po.partner_id
          WHERE po.origin = ? AND p.active = 1 LIMIT 1`,
    args: [origin],
  });
  return result.rows.length > 0;
}
