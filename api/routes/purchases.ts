// /v1/purchases: what a contractor's company has bought (S7). Signed-in: a session, and no
// mutation from another origin.
import { Hono } from 'hono';
import { PurchasePage, PurchaseQuery } from '../contract/leads.ts';
import { error, json, queryParameters } from '../contract/openapi.ts';
import type { AppEnv } from '../deps.ts';
import { listPurchases } from '../domain/purchases.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { describe } from '../http/openapi.ts';
import { parseOr422 } from '../http/read-json.ts';

export const purchaseRoutes = new Hono<AppEnv>().use(loadSession(), sameOriginMutations()).get(
  '/',
  describe(() => ({
    summary: "The company's bought leads with contact details, until purged (S19)",
    parameters: queryParameters(PurchaseQuery),
    responses: { 200: json(PurchasePage, 'A page of purchases'), 401: error('Not signed in') },
  })),
  requireRole('member'),
  async (c) => {
    const query = parseOr422(PurchaseQuery, c.req.query());
    return c.json(await listPurchases({ ctx: c.var.deps, actor: currentUser(c), query }));
  },
);
