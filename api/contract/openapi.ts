// The OpenAPI document, built from the same valibot schemas that validate: no hand-kept copy.
import { toJsonSchema } from '@valibot/to-json-schema';
import type { GenericSchema } from 'valibot';
import { ErrorBody, ValidationErrorBody } from './errors.ts';
import { RequestCreated, RequestInput } from './request.ts';
import { PostalCodeInfo, WidgetConfig, WidgetConfigQuery } from './widget.ts';

const schema = (s: GenericSchema) => toJsonSchema(s, { errorMode: 'ignore', target: 'openapi-3.0' });
const json = (s: GenericSchema, description: string) => ({ description, content: { 'application/json': { schema: schema(s) } } });
const error = (description: string) => json(ErrorBody, description);

function queryParameters(s: GenericSchema) {
  const js = schema(s) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, p]) => ({
    name, in: 'query', required: js.required?.includes(name) ?? false, schema: p,
  }));
}

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Linkki API',
      version: '1',
      description: 'Renovation-lead marketplace for Finland. JSON, camelCase, ISO 8601 UTC times, money in integer cents. Errors: {"error": "<code>", ...}.',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/healthz': { get: { summary: 'Liveness', responses: { 200: { description: 'Up' } } } },
      '/v1/widget/config': {
        get: {
          summary: 'Partner presets, categories and regions for the widget (localised)',
          parameters: queryParameters(WidgetConfigQuery),
          responses: { 200: json(WidgetConfig, 'Configuration'), 404: error('Unknown or inactive partner'), 422: json(ValidationErrorBody, 'Bad query') },
        },
      },
      '/v1/postal-codes/{code}': {
        get: {
          summary: 'Town, municipality and region of a postal code (Posti data)',
          parameters: [
            { name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{5}$' } },
            { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['fi', 'sv', 'en'] } },
          ],
          responses: { 200: json(PostalCodeInfo, 'Found'), 404: error('Unknown postal code'), 422: json(ValidationErrorBody, 'Not five digits') },
        },
      },
      '/v1/requests': {
        post: {
          summary: 'Send a request (no account, S4)',
          parameters: [{
            name: 'Idempotency-Key', in: 'header', required: false,
            description: 'One per submission; a retry with the same key returns the first answer for 24 hours.',
            schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,128}$' },
          }],
          requestBody: { required: true, content: { 'application/json': { schema: schema(RequestInput) } } },
          responses: {
            201: json(RequestCreated, 'Stored; manageToken is shown only now'),
            400: error('Malformed JSON'),
            403: error('Unknown or inactive partner, or an Origin not in the partner\'s list'),
            413: error('Body over 16 KiB'),
            415: error('Content-Type is not JSON'),
            422: json(ValidationErrorBody, 'A rule is broken; issues name the fields'),
            429: { ...error('Too many requests from one source'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
          },
        },
      },
      '/v1/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.0' } } } },
    },
  };
}
