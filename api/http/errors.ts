// One error module: domain errors carry a code; one map gives the status; one onError
// answers in the contract's shape and never echoes an unknown error's message.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Issue } from '../contract/errors.ts';

export const statusOf = {
  malformed_json: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  cross_origin: 403,
  unknown_partner: 403,
  partner_inactive: 403,
  origin_not_allowed: 403,
  bot_check_failed: 403,
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
  weak_password: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof statusOf;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(code: ErrorCode, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(code);
    this.code = code;
    this.extra = extra;
    this.headers = headers;
  }
}

const englishMessages: Record<string, string> = {
  required: 'This field is required.',
  too_short: 'This is too short.',
  too_long: 'This is too long.',
  too_small: 'This number is too small.',
  too_large: 'This number is too large.',
  invalid_number: 'Enter a whole number.',
  invalid_format: 'This is not in the expected format.',
  invalid_email: 'Enter a valid email address.',
  invalid_phone: 'Enter a valid phone number.',
  invalid_postal_code: 'Enter a five-digit postal code.',
  invalid_choice: 'Choose one of the options.',
  contact_required: 'Give an email address or a phone number.',
  consent_required: 'Accept the privacy notice to send the request.',
  unknown_category: 'Choose one of the categories.',
  unknown_postal_code: 'Unknown postal code: choose the region.',
  invalid_business_id: 'Not a valid business ID (Y-tunnus).',
  wrong_password: 'The current password is not right.',
  idempotency_key_reused: 'This Idempotency-Key was sent before with a different request; use a new key for a new request.',
  weak_password: 'Choose a stronger password: at least 10 characters, not a common password, not your email address.',
};

const boundMessages: Record<string, (n: number) => string> = {
  too_short: (n) => `This is too short: at least ${n} characters.`,
  too_long: (n) => `This is too long: at most ${n} characters.`,
  too_small: (n) => `This number is too small: at least ${n}.`,
  too_large: (n) => `This number is too large: at most ${n}.`,
};

export function issue(path: string, code: string, bound?: number): Issue {
  const withBound = bound === undefined ? undefined : boundMessages[code]?.(bound);
  return { path, code, message: withBound ?? englishMessages[code] ?? code, ...(withBound ? { limit: bound } : {}) };
}

export function invalid(issues: Issue[]): AppError {
  return new AppError('invalid', { issues });
}

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
