// /v1/leads: contractors browse and buy requests (S5, S7), and set aside the ones that are
// "not for us" (billing issue). Signed-in routes: a session, and no mutation from another origin.
import { Hono } from 'hono';
import * as v from 'valibot';
import { LeadQuery } from '../contract/leads.ts';
import { IdempotencyKey } from '../contract/request.ts';
import type { AppEnv } from '../deps.ts';
import { dismissLead, undismissLead } from '../domain/billing/dismissals.ts';
import { buyLead } from '../domain/buy-lead.ts';
import { getLead, listLeads } from '../domain/leads.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { invalid, issue } from '../domain/errors.ts';
import { parseOr422 } from '../http/read-json.ts';

// The role check sits on each route, not in .use(): an unknown path under /v1/leads stays a 404.
const member = requireRole('member');

export const leadRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations())
  .get('/', member, async (c) => {
    const query = parseOr422(LeadQuery, c.req.query());
    return c.json(await listLeads({ ctx: c.var.deps, actor: currentUser(c), query }));
  })
  .get('/:id', member, async (c) => c.json(await getLead({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') })))
  .post('/:id/purchase', member, async (c) => {
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !v.is(IdempotencyKey, key)) throw invalid([issue('Idempotency-Key', 'invalid_format')]);
    const result = await buyLead({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id'), idempotencyKey: key });
    return c.json(result.body, result.status, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
  })
  .post('/:id/not-for-us', member, async (c) => {
    await dismissLead({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') });
    return c.body(null, 204);
  })
  .delete('/:id/not-for-us', member, async (c) => {
    await undismissLead({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') });
    return c.body(null, 204);
  });
