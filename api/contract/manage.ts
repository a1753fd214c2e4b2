// The customer's own request, reached with the manage token (Authorization: Bearer …):
// see (S21), correct (S22), forbid marketing (S23), erase contact details (S24), close (S25).
import * as v from 'valibot';
import { retention } from '../config.ts';
import { compactPhone, PHONE, requestLimits } from './request.ts';

/** S19, S20: how long buyers keep the contact details after the request ends; the manage page says so. */
export const archiveMonths = retention.archiveMonths;

export const ManagePatch = v.object({
  description: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.minLength(requestLimits.descriptionMin, 'too_short'),
      v.maxLength(requestLimits.descriptionMax, 'too_long'),
    ),
  ),
  /** An empty town clears it (the town is optional, S6). */
  town: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(requestLimits.townMax, 'too_long'))),
  email: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(requestLimits.emailMax, 'too_long'), v.email('invalid_email'))),
  phone: v.optional(
    v.pipe(v.string(), v.maxLength(requestLimits.phoneMax, 'too_long'), v.transform(compactPhone), v.regex(PHONE, 'invalid_phone')),
  ),
  /** An empty first name clears it (it is optional, and shown to buyers only). */
  firstName: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(requestLimits.firstNameMax, 'too_long'))),
  marketingOptOut: v.optional(v.boolean('invalid_choice')),
});

export const ManageView = v.object({
  id: v.string(),
  /** unconfirmed: REQUIRE_CONFIRMED_CONTACT holds it, unlisted, until its contact is confirmed (issue 13). */
  status: v.picklist(['unconfirmed', 'open', 'closed', 'expired', 'sold_out', 'removed']),
  customerType: v.string(),
  category: v.object({ id: v.string(), label: v.string() }),
  description: v.string(),
  /** The answers to the category's questions (api/contract/questions.ts) as the view's language reads them, in the order given. */
  answers: v.array(v.object({ question: v.string(), answer: v.string() })),
  postalCode: v.string(),
  region: v.object({ code: v.string(), name: v.string() }),
  town: v.nullable(v.string()),
  locale: v.string(),
  contact: v.object({ email: v.nullable(v.string()), phone: v.nullable(v.string()), firstName: v.nullable(v.string()) }),
  /** The customer proved the contact is theirs: the confirmation mail's link or the SMS code. */
  confirmed: v.boolean(),
  marketingOptOut: v.boolean(),
  consentNoticeVersion: v.string(),
  createdAt: v.string(),
  expiresAt: v.string(),
  endedAt: v.nullable(v.string()),
  /**
   * When the personal data will be deleted: end + 6 months, or expiry + 6 months while open (S20);
   * while unconfirmed, `confirmation.holdHours` after it was sent, unless it is confirmed first.
   */
  deleteAt: v.string(),
  buyers: v.array(v.object({ company: v.string(), purchasedAt: v.string() })),
  maxBuyers: v.number(),
  slotsLeft: v.number(),
});
export type ManageView = v.InferOutput<typeof ManageView>;
