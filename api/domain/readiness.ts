// GET /healthz: ready only once the migrations ran and, when ADMIN_EMAIL/ADMIN_PASSWORD are
// configured, the first admin exists (SPEC, "Contract additions"). A load balancer or a
// deploy script that waits for 200 can then sign in as that admin at once.
import { rowReader, text } from '../db/rows.ts';
import type { Ctx } from './context.ts';

export type Readiness = {
  /** Every migration the code knows (Node reads them from disk); the Worker, which bundles none, checks that some ran. */
  migrations?: readonly string[];
  /** ADMIN_EMAIL and ADMIN_PASSWORD are set: an active admin must exist. */
  admin: boolean;
};

const readApplied = rowReader({ name: text });

export async function isReady(ctx: Pick<Ctx, 'client'>, expected: Readiness): Promise<boolean> {
  try {
    const applied = new Set((await ctx.client.execute('SELECT name FROM schema_migrations')).rows.map((r) => readApplied(r).name));
    if (applied.size === 0 || expected.migrations?.some((m) => !applied.has(m))) return false;
    if (!expected.admin) return true;
    const admin = await ctx.client.execute(`SELECT 1 FROM users WHERE role = 'admin' AND active = 1 LIMIT 1`);
    return admin.rows.length > 0;
  } catch {
    // No schema_migrations or users table yet: not migrated.
    return false;
  }
}
