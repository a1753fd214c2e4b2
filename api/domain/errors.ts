// Domain errors: a verb throws an AppError with a code from this list. The HTTP layer keeps
// the code → status map, typed over this list, so a code added here without a status does
// not compile. The domain imports nothing from HTTP.
import type { Issue } from '../contract/errors.ts';

export const errorCodes = [
  'malformed_json',
  'unauthorized',
  'invalid_credentials',
  'company_inactive',
  'forbidden',
  'cross_origin',
  'unknown_partner',
  'partner_inactive',
  'origin_not_allowed',
  'secret_key_in_browser',
  'not_found',
  'invite_invalid',
  'email_taken',
  'business_id_taken',
  'sold_out',
  'spend_cap_reached',
  'already_claimed',
  'already_decided',
  'already_bought',
  'already_confirmed',
  'seller_not_configured',
  'gone',
  'payload_too_large',
  'unsupported_media_type',
  'invalid',
  'idempotency_key_reused',
  'bot_check',
  'confirm_failed',
  'codes_used_up',
  'weak_password',
  'rate_limited',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

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
  invalid_code: 'Enter the six digits of the code.',
  invalid_phone: 'Enter a valid phone number.',
  invalid_postal_code: 'Enter a five-digit postal code.',
  invalid_choice: 'Choose one of the options.',
  contact_required: 'Give an email address or a phone number.',
  consent_required: 'Accept the privacy notice to send the request.',
  unknown_category: 'Choose one of the categories.',
  unknown_question: 'The category has no such question.',
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
