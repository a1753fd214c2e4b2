// One code → status map and one onError: answers in the contract's shape and never echoes an
// unknown error's message. The errors themselves belong to the domain (api/domain/errors.ts).
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode } from '../domain/errors.ts';

/** Every domain code has a status: a code added in the domain and missing here fails to compile. */
export const statusOf = {
  malformed_json: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  company_inactive: 403,
  forbidden: 403,
  cross_origin: 403,
  unknown_partner: 403,
  partner_inactive: 403,
  origin_not_allowed: 403,
  secret_key_in_browser: 403,
  not_found: 404,
  invite_invalid: 404,
  email_taken: 409,
  business_id_taken: 409,
  sold_out: 409,
  spend_cap_reached: 409,
  already_claimed: 409,
  already_decided: 409,
  already_bought: 409,
  seller_not_configured: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  idempotency_key_reused: 422,
  bot_check: 422,
  confirm_failed: 422,
  codes_used_up: 429,
  already_confirmed: 409,
  weak_password: 422,
  rate_limited: 429,
  internal: 500,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

export function onError(err: Error, c: Context) {
  if (err instanceof AppError) {
    return c.json({ error: err.code, ...err.extra }, statusOf[err.code], err.headers);
  }
  if (err instanceof HTTPException && err.status === 413) {
    return c.json({ error: 'payload_too_large' }, 413);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.json({ error: err.status === 400 ? 'malformed_json' : 'bad_request' }, err.status);
  }
  const requestId = crypto.randomUUID();
  // The message and stack, never the request body (it may hold contact details).
  console.error(`[${requestId}] ${c.req.method} ${c.req.path}:`, err.stack ?? err.message);
  return c.json({ error: 'internal', requestId }, 500);
}
