// /v1/leads and /v1/purchases: contractors browse and buy requests (S5, S7). This sub-app is
// mounted at /v1, so the role check sits on each route: a .use() here would cover all of /v1.
import { Hono } from 'hono';
import * as v from 'valibot';
import { LeadQuery, PurchaseQuery } from '../contract/leads.ts';
import { IdempotencyKey } from '../contract/request.ts';
import type { AppEnv } from '../deps.ts';
import { buyLead } from '../domain/buy-lead.ts';
import { getLead, listLeads } from '../domain/leads.ts';
import { listPurchases } from '../domain/purchases.ts';
import { currentUser, requireRole } from '../http/auth.ts';
import { invalid, issue } from '../domain/errors.ts';
import { parseOr422 } from '../http/read-json.ts';

const member = requireRole('member');

export const leadRoutes = new Hono<AppEnv>()
  .get('/leads', member, async (c) => {
    const query = parseOr422(LeadQuery, c.req.query());
    return c.json(await listLeads({ ctx: c.var.deps, actor: currentUser(c), query }));
  })
  .get('/leads/:id', member, async (c) =>
    c.json(await getLead({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') })))
  .post('/leads/:id/purchase', member, async (c) => {
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !v.is(IdempotencyKey, key)) throw invalid([issue('Idempotency-Key', 'invalid_format')]);
    const result = await buyLead({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id'), idempotencyKey: key });
    return c.json(result.body, result.status, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
  })
  .get('/purchases', member, async (c) => {
    const query = parseOr422(PurchaseQuery, c.req.query());
    return c.json(await listPurchases({ ctx: c.var.deps, actor: currentUser(c), query }));
  });
