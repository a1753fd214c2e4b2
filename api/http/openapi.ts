// GET /v1/openapi.json, built from the routes the app registers: each route carries its own
// description in its handler chain, so a route and its documentation are written side by side.
import type { Context, MiddlewareHandler } from 'hono';
import { error, type Operation } from '../contract/openapi.ts';
import type { AppEnv } from '../deps.ts';

/** What hono keeps in `app.routes`: one entry per handler of each chain, sub-apps' paths joined. */
type RegisteredRoute = { method: string; path: string; handler: unknown };

const descriptions = new WeakMap<object, () => Operation>();

/**
 * A route's OpenAPI operation, first in its chain: `.get('/:id', describe(() => ({ … })), handler)`.
 * At request time it only passes the request on. The operation is a function, called when the
 * document is built, not at import: to-json-schema takes milliseconds that every Worker cold
 * start would pay for a document few ask for.
 */
export function describe(operation: () => Operation): MiddlewareHandler<AppEnv> {
  const described: MiddlewareHandler<AppEnv> = async function described(_c, next) {
    await next();
  };
  descriptions.set(described, operation);
  return described;
}

/** The description a handler carries, if it is a describe() middleware. */
export function descriptionOf(handler: unknown): (() => Operation) | undefined {
  if (typeof handler !== 'function') return undefined;
  // hono's route() wraps each handler of a sub-app that has its own onError, and keeps the original here.
  return descriptions.get(handler) ?? descriptionOf((handler as { __COMPOSED_HANDLER?: unknown }).__COMPOSED_HANDLER);
}

/** `/v1/leads/:id` and `/v1/leads/:id{[a-z]+}` → `/v1/leads/{id}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

export function openApiDocument(routes: readonly RegisteredRoute[], serverUrl: string) {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of routes) {
    const operation = descriptionOf(route.handler);
    if (!operation) continue;
    const method = route.method.toLowerCase();
    (paths[openApiPath(route.path)] ??= {})[method] = withBodyLimit(method, operation());
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Linkki API',
      version: '1',
      description:
        'Renovation-lead marketplace for Finland. JSON, camelCase, ISO 8601 UTC times, money in integer cents. Errors: {"error": "<code>", ...}.',
    },
    servers: [{ url: serverUrl }],
    paths,
  };
}

/** Every operation that takes a body may answer 413 (api/app.ts sets the limits before any route reads). */
function withBodyLimit(method: string, operation: Operation): Operation {
  if (!['post', 'put', 'patch', 'delete'].includes(method) || operation.responses[413]) return operation;
  const tooLarge = error('Body over the route\'s limit ({"error":"payload_too_large","limit":bytes}), refused before it is read');
  return { ...operation, responses: { ...operation.responses, 413: tooLarge } };
}

/**
 * The handler of GET /v1/openapi.json. The document is built at the first request, when every
 * route is registered, and kept as long as the app: the Worker builds its app once per isolate.
 */
export function serveOpenApi(app: { routes: readonly RegisteredRoute[] }, serverUrl: string) {
  let document: ReturnType<typeof openApiDocument> | undefined;
  return function openApi(c: Context<AppEnv>) {
    return c.json((document ??= openApiDocument(app.routes, serverUrl)));
  };
}
