// /v1/purchases: what a contractor's company has bought (S7). Signed-in: a session, and no
// mutation from another origin.
import { Hono } from 'hono';
import { PurchaseQuery } from '../contract/leads.ts';
import type { AppEnv } from '../deps.ts';
import { listPurchases } from '../domain/purchases.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { parseOr422 } from '../http/read-json.ts';

export const purchaseRoutes = new Hono<AppEnv>().use(loadSession(), sameOriginMutations()).get('/', requireRole('member'), async (c) => {
  const query = parseOr422(PurchaseQuery, c.req.query());
  return c.json(await listPurchases({ ctx: c.var.deps, actor: currentUser(c), query }));
});
