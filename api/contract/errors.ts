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
export type Issue = { path: string; code: string; message: string; limit?: number };
