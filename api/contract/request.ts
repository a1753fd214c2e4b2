// The request form's payload: one schema, used by the widget before sending and by the
// API before storing. Messages are machine codes; each side localises them.
import * as v from 'valibot';
import { regionCodes } from './regions.ts';

export const customerTypes = ['person', 'company', 'housing_company'] as const;
export type CustomerType = (typeof customerTypes)[number];

export const locales = ['fi', 'sv', 'en'] as const;
export type Locale = (typeof locales)[number];

export const requestLimits = {
  descriptionMin: 10,
  descriptionMax: 4000,
  townMax: 80,
  emailMax: 254,
  phoneMax: 24,
  firstNameMax: 60,
} as const;

/** Issue codes the API may answer with; the widget has a sentence for each. */
export type IssueCode =
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_postal_code'
  | 'invalid_choice'
  | 'contact_required'
  | 'consent_required'
  | 'unknown_category'
  | 'unknown_postal_code';

export const PHONE = /^\+?[0-9]{6,15}$/;

/** Digits and a leading plus, as typed numbers are compared and stored. */
export function compactPhone(raw: string): string {
  return raw.replace(/[\s\-().]/g, '');
}

export const optionalText = (max: number) => v.optional(v.pipe(v.string('required'), v.trim(), v.maxLength(max, 'too_long')));

/** The form's fields, as the widget's first chunk checks them before sending. */
export const formEntries = {
  partner: v.pipe(v.string('required'), v.minLength(1, 'required'), v.maxLength(64, 'too_long')),
  customerType: v.picklist(customerTypes, 'invalid_choice'),
  category: v.pipe(v.string('required'), v.minLength(1, 'required'), v.maxLength(40, 'too_long')),
  description: v.pipe(
    v.string('required'),
    v.trim(),
    v.minLength(requestLimits.descriptionMin, 'too_short'),
    v.maxLength(requestLimits.descriptionMax, 'too_long'),
  ),
  postalCode: v.pipe(v.string('required'), v.trim(), v.regex(/^\d{5}$/, 'invalid_postal_code')),
  region: v.optional(v.picklist(regionCodes, 'invalid_choice')),
  town: optionalText(requestLimits.townMax),
  email: v.optional(
    v.union(
      [v.literal(''), v.pipe(v.string(), v.trim(), v.maxLength(requestLimits.emailMax, 'too_long'), v.email('invalid_email'))],
      'invalid_email',
    ),
  ),
  phone: v.optional(
    v.union(
      [
        v.literal(''),
        v.pipe(v.string(), v.maxLength(requestLimits.phoneMax, 'too_long'), v.transform(compactPhone), v.regex(PHONE, 'invalid_phone')),
      ],
      'invalid_phone',
    ),
  ),
  consent: v.literal(true, 'consent_required'),
  locale: v.optional(v.picklist(locales, 'invalid_choice')),
  /** Honeypot: people leave it empty; a bot filling it gets a quiet 201 and nothing stored. */
  website: v.optional(v.pipe(v.string(), v.maxLength(200, 'too_long'))),
  /** The solved proof of work (GET /v1/widget/challenge): base64 of `{challenge, solution}`. */
  altcha: v.optional(v.pipe(v.string(), v.maxLength(4096, 'too_long'))),
};

/** At least one way to reach the customer (named on `email`). */
export const hasContact = (i: { email?: string; phone?: string }) => Boolean(i.email || i.phone);

/**
 * What the widget checks before it sends: the form without the optional extras (a first name and
 * the category's answers come from a chunk loaded later; the API checks them with RequestInput,
 * request-input.ts, a module of its own so that the widget's first chunk never carries it).
 */
export const FormInput = v.pipe(
  v.object(formEntries),
  v.forward(v.partialCheck([['email'], ['phone']], hasContact, 'contact_required'), ['email']),
);

export type FormInput = v.InferInput<typeof FormInput>;

export const RequestCreated = v.object({
  id: v.string(),
  manageToken: v.pipe(v.string(), v.description('Secret of the manage link; shown once, stored only as a hash.')),
  manageUrl: v.pipe(v.string(), v.description('PUBLIC_URL/manage#<manageToken>: the secret travels in the fragment.')),
  expiresAt: v.pipe(v.string(), v.isoTimestamp()),
  /**
   * How the customer confirms the contact: `email`, the confirmation mail's link; `sms`, a code
   * texted to the phone (POST /v1/requests/confirm). Contractors see whether it was confirmed.
   */
  confirmBy: v.picklist(['email', 'sms']),
  /** false while REQUIRE_CONFIRMED_CONTACT holds the request until its contact is confirmed. */
  listed: v.boolean(),
});
export type RequestCreated = v.InferOutput<typeof RequestCreated>;

/** An Idempotency-Key: the widget makes one per submission and resends it on retry. */
export const IdempotencyKey = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,128}$/));
