// GET /v1/openapi.json: a document two independent validators accept, and one that matches the
// routes the app really registers (both ways), so neither can drift from the other.
import SwaggerParser from '@apidevtools/swagger-parser';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../../api/app.ts';
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
