// /v1/leads: contractors browse and buy requests (S5, S7), and set aside the ones that are
// "not for us" (billing issue). Signed-in routes: a session, and no mutation from another origin.
import { Hono } from 'hono';
import * as v from 'valibot';
import { LeadDetail, LeadPage, LeadQuery, PurchaseCreated } from '../contract/leads.ts';
import { error, invalidBody, invalidOrReused, json, pathParam, queryParameters } from '../contract/openapi.ts';
import { IdempotencyKey } from '../contract/request.ts';
import type { AppEnv } from '../deps.ts';
import { dismissLead, undismissLead } from '../domain/billing/dismissals.ts';
import { buyLead } from '../domain/buy-lead.ts';
import { getLead, listLeads } from '../domain/leads.ts';
import { currentUser, loadSession, requireRole, sameOriginMutations, signedInActor } from '../http/auth.ts';
import { describe } from '../http/openapi.ts';
import { invalid, issue } from '../domain/errors.ts';
import { parseOr422 } from '../http/read-json.ts';

// The role check sits on each route, not in .use(): an unknown path under /v1/leads stays a 404.
const member = requireRole('member');

export const leadRoutes = new Hono<AppEnv>()
  // Lazy: the list and a lead read the session in the same round trip as their own reads.
  .use(loadSession({ lazy: true }), sameOriginMutations())
  .get(
    '/',
    describe(() => ({
      summary: 'Open requests, newest first, never with contact details (S5, S18)',
      description:
        "Each lead says whether its customer confirmed the contact (confirmed, and confirmedVia: email = the confirmation mail's link, sms = a code texted to the phone). confirmed=true lists only confirmed leads, confirmed=false only unconfirmed ones; any other value → 422 invalid_choice.",
      parameters: queryParameters(LeadQuery),
      responses: { 200: json(LeadPage, 'A page of leads'), 401: error('Not signed in'), 422: invalidBody },
    })),
    async (c) => {
      const actor = signedInActor(c);
      const query = parseOr422(LeadQuery, c.req.query());
      return c.json(await listLeads({ ctx: c.var.deps, actor, query }));
    },
  )
  .get(
    '/:id',
    describe(() => ({
      summary: 'One lead; contact only for a company that bought it (every view audited)',
      description:
        'confirmed and confirmedVia say whether, and how, the customer confirmed the contact; status unconfirmed is never shown to a company (it cannot be bought).',
      parameters: [pathParam('id')],
      responses: { 200: json(LeadDetail, 'The lead'), 401: error('Not signed in'), 404: error('Unknown, or not visible to you') },
    })),
    async (c) => c.json(await getLead({ ctx: c.var.deps, actor: signedInActor(c), id: c.req.param('id') })),
  )
  .post(
    '/:id/purchase',
    describe(() => ({
      summary: 'Buy a lead: one conditional write; the cap holds under concurrency; never a second charge',
      parameters: [
        pathParam('id'),
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Scoped to the company; the same key for the same request returns the first purchase for 24 hours; for another request → 422 idempotency_key_reused.',
          schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,128}$' },
        },
      ],
      responses: {
        201: json(PurchaseCreated, 'Bought; contact details included'),
        200: json(PurchaseCreated, 'Already bought by your company: the same purchase'),
        403: error('Staff without a company, or an inactive company'),
        404: error('Unknown lead'),
        409: error('sold_out: the cap of buyers is reached'),
        410: error('gone: closed, expired, removed or purged'),
        422: invalidOrReused('A malformed Idempotency-Key'),
      },
    })),
    member,
    async (c) => {
      const key = c.req.header('idempotency-key');
      if (key !== undefined && !v.is(IdempotencyKey, key)) throw invalid([issue('Idempotency-Key', 'invalid_format')]);
      const result = await buyLead({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id'), idempotencyKey: key });
      return c.json(result.body, result.status, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
    },
  )
  .post(
    '/:id/not-for-us',
    describe(() => ({
      summary: "Hide an open request from this company's list, at no charge",
      parameters: [pathParam('id')],
      responses: {
        204: { description: 'Hidden' },
        404: error('Unknown'),
        409: error('already_bought'),
        410: error('Not open any more'),
      },
    })),
    member,
    async (c) => {
      await dismissLead({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') });
      return c.body(null, 204);
    },
  )
  .delete(
    '/:id/not-for-us',
    describe(() => ({ summary: 'Show it on the list again', parameters: [pathParam('id')], responses: { 204: { description: 'Shown' } } })),
    member,
    async (c) => {
      await undismissLead({ ctx: c.var.deps, actor: currentUser(c), id: c.req.param('id') });
      return c.body(null, 204);
    },
  );
