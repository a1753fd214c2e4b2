// GET /v1/openapi.json: a document two independent validators accept, and one that matches the
// routes the app really registers (both ways), so neither can drift from the other. The document
// is built from the describe() each route carries (api/http/openapi.ts); a route without one is
// caught here.
import SwaggerParser from '@apidevtools/swagger-parser';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp, type App } from '../../api/app.ts';
import { describe, descriptionOf } from '../../api/http/openapi.ts';
import { startServer, type TestServer } from '../support/server.ts';

type Operation = { parameters?: { name: string; in: string }[] };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

let server: TestServer;
let doc: Document;

beforeAll(async () => {
  server = await startServer();
  const res = await fetch(`${server.url}/v1/openapi.json`);
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(() => server.close());

/** `METHOD /path/{param}` for each route the app registers; `use()` middleware is registered as ALL and left out. */
function registeredRoutes(): Set<string> {
  const app = createApp(server.deps);
  return new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`));
}

/** `METHOD /path` of each /v1 route (and /healthz) with no describe() anywhere in its handler chain. */
function undescribedRoutes(app: App): string[] {
  const described = new Map<string, boolean>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || !(r.path.startsWith('/v1/') || r.path === '/healthz')) continue;
    const route = `${r.method} ${r.path}`;
    described.set(route, described.get(route) === true || descriptionOf(r.handler) !== undefined);
  }
  return [...described].filter(([, d]) => !d).map(([route]) => route);
}

function documentedOperations(): Set<string> {
  return new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
}

test('the served document is valid OpenAPI 3.0 (@seriousme/openapi-schema-validator)', async () => {
  expect(doc.openapi).toBe('3.0.3');
  const result = await new Validator().validate(structuredClone(doc));
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
});

test('the served document is valid OpenAPI 3.0 (@apidevtools/swagger-parser)', async () => {
  await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
});

test('every route under /v1 is documented with its method', () => {
  const documented = documentedOperations();
  const missing = [...registeredRoutes()].filter((r) => r.split(' ')[1]!.startsWith('/v1/') && !documented.has(r));
  expect(missing).toEqual([]);
});

test('every route under /v1, and /healthz, carries describe() in its handler chain', () => {
  expect(undescribedRoutes(createApp(server.deps))).toEqual([]);
});

test('a /v1 route registered without describe() is caught', () => {
  const app = createApp(server.deps);
  app.get('/v1/undescribed/:id', (c) => c.body(null, 204));
  expect(undescribedRoutes(app)).toEqual(['GET /v1/undescribed/:id']);
});

test('the document is built once per app, at its first request, when every route is registered', async () => {
  const app = createApp(server.deps);
  let built = 0;
  const counted = () => {
    built += 1;
    return { summary: 'Counted', responses: { 204: { description: 'Nothing' } } };
  };
  app.get('/v1/counted', describe(counted), (c) => c.body(null, 204));
  const first = await (await app.request('/v1/openapi.json')).json();
  const second = await (await app.request('/v1/openapi.json')).json();
  expect(built).toBe(1);
  expect(second).toEqual(first);
  expect(first.paths['/v1/counted']).toEqual({ get: { summary: 'Counted', responses: { 204: { description: 'Nothing' } } } });
});

test('every documented operation is a route the app registers', () => {
  const routes = registeredRoutes();
  expect([...documentedOperations()].filter((op) => !routes.has(op))).toEqual([]);
});

test('every {parameter} in a path is declared as a path parameter of each operation, and nothing more', () => {
  const mismatched: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [method, op] of Object.entries(ops)) {
      const declared = (op.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      if (JSON.stringify(declared) !== JSON.stringify(inPath)) mismatched.push(`${method.toUpperCase()} ${path}`);
    }
  }
  expect(mismatched).toEqual([]);
});
