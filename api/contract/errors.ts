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
/** An Idempotency-Key sent again with another request (intake, purchases): 422, the first answer never handed out. */
/** 422 on intake: the proof of work (`altcha`) is missing, malformed, wrong, expired or used (api/domain/bot-check.ts). */
export const BotCheckBody = v.object({
  error: v.literal('bot_check'),
  field: v.literal('altcha'),
  reason: v.picklist(['missing', 'invalid', 'expired', 'used']),
});

export const IdempotencyKeyReusedBody = v.object({
  error: v.literal('idempotency_key_reused'),
  issues: v.array(v.object({ path: v.literal('Idempotency-Key'), code: v.literal('idempotency_key_reused'), message: v.string() })),
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
