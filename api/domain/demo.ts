// The demo partner a local start seeds so that http://localhost:8787 works at once.
// Never on production (api/node.ts checks NODE_ENV before calling this).
import type { Deps } from '../deps.ts';
import { createPartner } from './partners.ts';

export const demoPartnerKey = 'demo';

export async function seedDemo(ctx: Pick<Deps, 'db' | 'client' | 'clock'>, origins: string[]): Promise<boolean> {
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
