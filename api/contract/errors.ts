// Error bodies of the contract: {"error": "<code>", ...}.
import * as v from 'valibot';

export const ErrorBody = v.object({
  error: v.string(),
  field: v.optional(v.string()),
  message: v.optional(v.string()),
});

export const ValidationErrorBody = v.object({
  error: v.literal('invalid'),
  issues: v.array(v.object({ path: v.string(), code: v.string(), message: v.string(), limit: v.optional(v.number()) })),
});
/** 422 on intake: the proof of work (`altcha`) is missing, malformed, wrong, expired or used (api/domain/bot-check.ts). */
export const BotCheckBody = v.object({
  error: v.literal('bot_check'),
  field: v.literal('altcha'),
  reason: v.picklist(['missing', 'invalid', 'expired', 'used']),
});

/** An Idempotency-Key sent again with another request (intake, purchases): 422, the first answer never handed out. */
export const IdempotencyKeyReusedBody = v.object({
  error: v.literal('idempotency_key_reused'),
  issues: v.array(v.object({ path: v.literal('Idempotency-Key'), code: v.literal('idempotency_key_reused'), message: v.string() })),
});

/**
 * 422 on POST /v1/requests/confirm: the code or link did not confirm (api/domain/confirm-contact.ts).
 * wrong: not this code (`attemptsLeft` more tries); expired: ask for a new one; used_up: too many
 * wrong tries, ask for a new one; none: no code was sent to this request (it has an e-mail).
 */
export const ConfirmFailedBody = v.object({
  error: v.literal('confirm_failed'),
  field: v.picklist(['code', 'link']),
  reason: v.picklist(['wrong', 'expired', 'used_up', 'none']),
  attemptsLeft: v.optional(v.number()),
});

export type Issue = { path: string; code: string; message: string; limit?: number };

/** A new password refused (SPEC: → 422 weak_password); `reason` says which rule (api/domain/password-policy.ts). */
export const WeakPasswordBody = v.object({
  error: v.literal('weak_password'),
  issues: v.array(
    v.object({
      path: v.string(),
      code: v.literal('weak_password'),
      message: v.string(),
      reason: v.picklist(['too_short', 'common', 'repeated', 'contains_email']),
    }),
  ),
});
