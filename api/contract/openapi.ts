// The pieces of the OpenAPI document, built from the same valibot schemas that validate: no
// hand-kept copy. Each route describes itself with them (describe(), api/http/openapi.ts).
import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import type { GenericSchema } from 'valibot';
import { ErrorBody, IdempotencyKeyReusedBody, ValidationErrorBody, WeakPasswordBody } from './errors.ts';

/** One operation of the document: what a method on a path takes and answers (OpenAPI 3.0.3). */
export type Operation = {
  summary: string;
  parameters?: object[];
  requestBody?: object;
  responses: Record<number, object>;
};

export const schema = (s: GenericSchema) => withoutEmptyRequired(toJsonSchema(s, { errorMode: 'ignore', target: 'openapi-3.0' }));

/** to-json-schema writes `required: []` for an object of optional fields; OpenAPI 3.0.3 asks for at least one name. */
export function withoutEmptyRequired<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withoutEmptyRequired) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required' && Array.isArray(value) && value.length === 0) continue;
    out[key] = withoutEmptyRequired(value);
  }
  return out as T;
}
export const json = (s: GenericSchema, description: string) => ({ description, content: { 'application/json': { schema: schema(s) } } });
export const error = (description: string) => json(ErrorBody, description);

export const body = (s: GenericSchema) => ({ required: true, content: { 'application/json': { schema: schema(s) } } });
export const invalidBody = json(ValidationErrorBody, 'A rule is broken; issues name the fields');
/** Where a new password is set: the contract's 422 invalid, or 422 weak_password. */
export const passwordRefused = json(
  v.union([ValidationErrorBody, WeakPasswordBody]),
  'invalid (issues name the fields) or weak_password: under 10 characters, a common password, one or two characters repeated, or containing the email',
);
export const limited = { ...error('Too many attempts'), headers: { 'Retry-After': { schema: { type: 'integer' } } } };
/** 422: a broken rule, or the Idempotency-Key of another request (draft-ietf-httpapi-idempotency-key-header). */
export const invalidOrReused = (description: string) => ({
  description: `${description}; or idempotency_key_reused: this Idempotency-Key was sent before with a different request (nothing changes, the first answer is not given)`,
  content: { 'application/json': { schema: { oneOf: [schema(ValidationErrorBody), schema(IdempotencyKeyReusedBody)] } } },
});
export const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

export function queryParameters(s: GenericSchema) {
  const js = schema(s) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, p]) => ({
    name,
    in: 'query',
    required: js.required?.includes(name) ?? false,
    schema: p,
  }));
}
