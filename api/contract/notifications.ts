// Payloads of /v1/notifications: alert settings (each user), the company's regions and
// categories (owners), a password-reset request, and the staff view of sent mail.
import * as v from 'valibot';
import { regionCodes } from './regions.ts';

export const AlertSettingsPatch = v.object({
  alerts: v.optional(v.picklist(['instant', 'daily', 'off'], 'invalid_choice')),
  /** Owners only; an empty list means every region (or category). */
  regions: v.optional(v.pipe(v.array(v.picklist(regionCodes, 'invalid_choice')), v.maxLength(regionCodes.length, 'too_long'))),
  categories: v.optional(
    v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9_-]{1,40}$/, 'invalid_choice'))), v.maxLength(100, 'too_long')),
  ),
});

export const AlertSettingsView = v.object({
  alerts: v.picklist(['instant', 'daily', 'off']),
  company: v.nullable(v.object({ regions: v.array(v.string()), categories: v.array(v.string()) })),
  canEditCompany: v.boolean(),
});

export const PasswordResetRequest = v.object({
  email: v.pipe(v.string('required'), v.trim(), v.maxLength(254, 'too_long'), v.email('invalid_email')),
});

/** `capped`: over a mail cap when it was written (too many to one address or from one partner), never sent. */
export const mailStatuses = ['pending', 'sending', 'sent', 'failed', 'unknown', 'cancelled', 'capped'] as const;

export const OutboxItem = v.object({
  id: v.string(),
  template: v.string(),
  mailClass: v.picklist(['service', 'marketing']),
  locale: v.string(),
  /** Who: a user (by id and name) or "the customer of request X" (never the address). */
  recipient: v.object({ kind: v.picklist(['user', 'customer']), id: v.string(), name: v.nullable(v.string()) }),
  requestId: v.nullable(v.string()),
  status: v.picklist(mailStatuses),
  attempts: v.number(),
  lastError: v.nullable(v.string()),
  createdAt: v.string(),
  nextAttemptAt: v.string(),
  sentAt: v.nullable(v.string()),
});
export type OutboxItem = v.InferOutput<typeof OutboxItem>;
