// /v1/credits (billing issue): a company claims a credit for a purchase, staff decide it.
// Signed-in routes: a session, and no mutation from another origin.
import { Hono } from 'hono';
import { CreditClaimInput, CreditDecisionInput, CreditQuery } from '../contract/billing.ts';
import type { AppEnv } from '../deps.ts';
import { claimCredit, decideCredit, getCredit, listCredits } from '../domain/billing/credits.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

const member = requireRole('member');

export const creditRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations())
  .get('/', member, async (c) => {
    const { status } = parseOr422(CreditQuery, c.req.query());
    return c.json({ items: await listCredits({ ctx: c.var.deps, actor: currentUser(c), status }) });
  })
  .post('/', member, async (c) => {
    const input = parseOr422(CreditClaimInput, await readJsonBody(c));
    return c.json(await claimCredit({ ctx: c.var.deps, actor: currentUser(c), input }), 201);
  })
  .get('/:id', member, async (c) => c.json(await getCredit({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') })))
  .post('/:id/decision', requireRole('admin'), async (c) => {
    const input = parseOr422(CreditDecisionInput, await readJsonBody(c));
    return c.json(await decideCredit({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id'), input }));
  });
