// /v1/credits (billing issue): a company claims a credit for a purchase, staff decide it.
// Signed-in routes: a session, and no mutation from another origin.
import { Hono } from 'hono';
import { Credit, CreditClaimInput, CreditDecisionInput, CreditList, CreditQuery } from '../contract/billing.ts';
import { body, error, invalidBody, json, pathParam, queryParameters } from '../contract/openapi.ts';
import type { AppEnv } from '../deps.ts';
import { claimCredit, decideCredit, getCredit, listCredits } from '../domain/billing/credits.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations } from '../http/auth.ts';
import { describe } from '../http/openapi.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

const member = requireRole('member');

export const creditRoutes = new Hono<AppEnv>()
  .use(loadSession(), sameOriginMutations())
  .get(
    '/',
    describe(() => ({
      summary: "The company's credit claims with their state; staff: every company's (?status=pending is the queue)",
      parameters: queryParameters(CreditQuery),
      responses: { 200: json(CreditList, 'Claims') },
    })),
    member,
    async (c) => {
      const { status } = parseOr422(CreditQuery, c.req.query());
      return c.json({ items: await listCredits({ ctx: c.var.deps, actor: currentUser(c), status }) });
    },
  )
  .post(
    '/',
    describe(() => ({
      summary: 'Claim a credit for a bought request within 14 days; checkable reasons are decided at once by rule, the rest go to staff',
      requestBody: body(CreditClaimInput),
      responses: {
        201: json(Credit, 'The claim, approved by rule or pending'),
        404: error('No such purchase of this company'),
        409: error('already_claimed (with creditId)'),
        422: invalidBody,
      },
    })),
    member,
    async (c) => {
      const input = parseOr422(CreditClaimInput, await readJsonBody(c));
      return c.json(await claimCredit({ ctx: c.var.deps, actor: currentUser(c), input }), 201);
    },
  )
  .get(
    '/:id',
    describe(() => ({
      summary: 'One claim',
      parameters: [pathParam('id')],
      responses: { 200: json(Credit, 'The claim'), 404: error("Unknown, or another company's") },
    })),
    member,
    async (c) => c.json(await getCredit({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') })),
  )
  .post(
    '/:id/decision',
    describe(() => ({
      summary: 'Staff: approve or reject a pending claim, with a note the contractor sees',
      parameters: [pathParam('id')],
      requestBody: body(CreditDecisionInput),
      responses: {
        200: json(Credit, 'Decided'),
        403: error('Not staff'),
        404: error('Unknown'),
        409: error('already_decided'),
        422: invalidBody,
      },
    })),
    requireRole('admin'),
    async (c) => {
      const input = parseOr422(CreditDecisionInput, await readJsonBody(c));
      return c.json(await decideCredit({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id'), input }));
    },
  );
