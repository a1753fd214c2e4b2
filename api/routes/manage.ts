// /v1/manage: the customer's request, keyed by the manage token in `Authorization: Bearer`,
// never in a URL (URLs end up in logs and Referer headers).
import { Hono, type Context } from 'hono';
import { ManagePatch, ManageView } from '../contract/manage.ts';
import { body, error, invalidBody, json } from '../contract/openapi.ts';
import { locales, type Locale } from '../contract/request.ts';
import type { AppEnv } from '../deps.ts';
import { closeRequest, correctRequest, eraseContact, exportRequest, tokenHolder, viewRequest } from '../domain/manage-request.ts';
import { rateLimit } from '../http/middleware.ts';
import { describe } from '../http/openapi.ts';
import { parseOr422, readJsonBody } from '../http/read-json.ts';

const bearer = (c: Context<AppEnv>) => /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
const lang = (c: Context<AppEnv>): Locale | undefined =>
  (locales as readonly string[]).includes(c.req.query('lang') ?? '') ? (c.req.query('lang') as Locale) : undefined;
const limit = rateLimit('manage', (c) => c.var.deps.config.rateLimits.lookup);

export const manageRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describe(() => ({
      summary: "The customer's request (Authorization: Bearer <manage token>) (S21)",
      responses: { 200: json(ManageView, 'The request'), 401: error('Missing, unknown or purged token') },
    })),
    limit,
    async (c) => {
      const deps = c.var.deps;
      return c.json(await viewRequest({ ctx: deps, actor: await tokenHolder(deps, bearer(c)), input: { lang: lang(c) } }));
    },
  )
  .patch(
    '/',
    describe(() => ({
      summary: 'Correct description, town, email, phone; forbid marketing (S22, S23)',
      requestBody: body(ManagePatch),
      responses: { 200: json(ManageView, 'Corrected'), 401: error('Bad token'), 422: invalidBody },
    })),
    limit,
    async (c) => {
      const deps = c.var.deps;
      const actor = await tokenHolder(deps, bearer(c));
      const patch = parseOr422(ManagePatch, await readJsonBody(c));
      await correctRequest({ ctx: deps, actor, input: patch });
      // The view reads the request again, as corrected.
      return c.json(await viewRequest({ ctx: deps, actor: await tokenHolder(deps, bearer(c)), input: { lang: lang(c) } }));
    },
  )
  .post(
    '/close',
    describe(() => ({ summary: 'Close the request (S25)', responses: { 200: json(ManageView, 'Closed'), 401: error('Bad token') } })),
    limit,
    async (c) => {
      const deps = c.var.deps;
      await closeRequest({ ctx: deps, actor: await tokenHolder(deps, bearer(c)) });
      return c.json(await viewRequest({ ctx: deps, actor: await tokenHolder(deps, bearer(c)), input: { lang: lang(c) } }));
    },
  )
  .delete(
    '/contact',
    describe(() => ({
      summary: 'Erase the contact details, for buyers too (S24)',
      responses: { 204: { description: 'Erased' }, 401: error('Bad token') },
    })),
    limit,
    async (c) => {
      const deps = c.var.deps;
      await eraseContact({ ctx: deps, actor: await tokenHolder(deps, bearer(c)) });
      return c.body(null, 204);
    },
  )
  .get(
    '/export',
    describe(() => ({
      summary: 'Every stored field as JSON (S21)',
      responses: { 200: { description: 'The export' }, 401: error('Bad token') },
    })),
    limit,
    async (c) => {
      const deps = c.var.deps;
      const actor = await tokenHolder(deps, bearer(c));
      const data = await exportRequest({ ctx: deps, actor });
      return c.json(data, 200, { 'Content-Disposition': `attachment; filename="linkki-${actor.request.id}.json"` });
    },
  );
