// Error bodies of the contract: {"error": "<code>", ...}.
import * as v from 'valibot';

export const ErrorBody = v.object({
  error: v.string(),
  field: v.optional(v.string()),
  message: v.optional(v.string()),
});

export const ValidationErrorBody = v.object({
  error: v.literal('invalid'),
  issues: v.array(v.object({ path: v.string(), code: v.string(), message: v.string() })),
});
export type Issue = { path: string; code: string; message: string };

/** A new password refused (SPEC: → 422 weak_password); `reason` says which rule (api/domain/password-policy.ts). */
export const WeakPasswordBody = v.object({
  error: v.literal('weak_password'),
  issues: v.array(v.object({
    path: v.string(), code: v.literal('weak_password'), message: v.string(),
    reason: v.picklist(['too_short', 'common', 'repeated', 'contains_email']),
  })),
});
