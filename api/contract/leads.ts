// Contractors' payloads: the open requests (leads) they browse, the purchase, their archive.
// A lead never carries contact details; a detail or a purchase carries them only for a buyer (S5).
import * as v from 'valibot';
import { optionValues } from './questions.ts';
import { customerTypes, locales } from './request.ts';
import { regionCodes } from './regions.ts';

export const leadPage = { defaultLimit: 20, maxLimit: 100 } as const;

/** Opaque keyset cursor: base64url of "<createdAt ms>:<id>" of the last item shown. */
const Cursor = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,200}$/, 'invalid_format'));

const Limit = v.optional(
  v.pipe(
    v.string(),
    v.regex(/^\d{1,4}$/, 'invalid_number'),
    v.transform(Number),
    v.minValue(1, 'too_small'),
    v.maxValue(leadPage.maxLimit, 'too_large'),
  ),
  String(leadPage.defaultLimit),
);

export const LeadQuery = v.object({
  region: v.optional(v.picklist(regionCodes, 'invalid_choice')),
  category: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9_]{1,40}$/, 'invalid_choice'))),
  confirmed: v.optional(
    v.pipe(
      v.picklist(['true', 'false'], 'invalid_choice'),
      v.description('true: only leads whose customer confirmed the contact; false: only those who did not.'),
      v.transform((s) => s === 'true'),
    ),
  ),
  timing: v.optional(
    v.pipe(
      v.picklist(optionValues('timing'), 'invalid_choice'),
      v.description("Only leads with this answer to 'timing' (api/contract/questions.ts)."),
    ),
  ),
  propertyType: v.optional(
    v.pipe(v.picklist(optionValues('propertyType'), 'invalid_choice'), v.description("Only leads with this answer to 'propertyType'.")),
  ),
  cursor: v.optional(Cursor),
  limit: Limit,
});

export const PurchaseQuery = v.object({ cursor: v.optional(Cursor), limit: Limit });

const iso = v.pipe(v.string(), v.isoTimestamp());

/** How a customer confirmed the contact (api/domain/confirm-contact.ts). */
export const confirmVia = ['email', 'sms'] as const;

/**
 * Every status a contractor can be shown (all stored ones but purged). unconfirmed = waiting for
 * the contact's confirmation (REQUIRE_CONFIRMED_CONTACT): never listed nor bought, so never a
 * buyer's either, but a type that left it out would lie about what the column holds.
 */
export const leadStatuses = ['unconfirmed', 'open', 'closed', 'expired', 'sold_out', 'removed'] as const;

export const Lead = v.object({
  id: v.string(),
  category: v.string(),
  categoryLabel: v.pipe(v.string(), v.description("The category in the signed-in user's locale (users.locale).")),
  description: v.nullable(v.string()),
  region: v.picklist(regionCodes),
  postalCode: v.nullable(v.string()),
  town: v.nullable(v.string()),
  customerType: v.picklist(customerTypes),
  createdAt: iso,
  expiresAt: iso,
  priceCents: v.pipe(v.number(), v.integer(), v.description('Price of the category now, VAT excluded.')),
  buyers: v.pipe(v.number(), v.integer()),
  maxBuyers: v.pipe(v.number(), v.integer()),
  purchased: v.pipe(
    v.boolean(),
    v.description('This company has bought it, or another request of its duplicate group (duplicateOf): never charged twice.'),
  ),
  confirmed: v.pipe(
    v.boolean(),
    v.description("The customer proved the contact is theirs: the confirmation mail's link, or a code texted to the phone."),
  ),
  confirmedVia: v.pipe(v.nullable(v.picklist(confirmVia)), v.description('How it was confirmed; null while unconfirmed.')),
  answers: v.pipe(
    v.record(v.string(), v.union([v.string(), v.number()])),
    v.description("The customer's answers to the category's questions by question id (GET /v1/widget/config says which; {} when none)."),
  ),
  locale: v.pipe(v.picklist(locales), v.description("The customer's language: the one to call them in.")),
  duplicateOf: v.pipe(
    v.nullable(v.string()),
    v.description(
      'The first request of the same contact in the same category within 14 days, which this one duplicates; null for a first.',
    ),
  ),
});
export type Lead = v.InferOutput<typeof Lead>;

export const LeadPage = v.object({ items: v.array(Lead), nextCursor: v.nullable(v.string()) });

/** Null for a non-buyer, and for a buyer once the customer erased them (S24) or they were purged. */
export const Contact = v.nullable(
  v.object({ email: v.nullable(v.string()), phone: v.nullable(v.string()), firstName: v.nullable(v.string()) }),
);
export type Contact = v.InferOutput<typeof Contact>;

export const LeadDetail = v.object({
  ...Lead.entries,
  status: v.picklist(leadStatuses),
  contact: Contact,
});
export type LeadDetail = v.InferOutput<typeof LeadDetail>;

export const PurchaseCreated = v.object({
  purchaseId: v.string(),
  priceCents: v.pipe(v.number(), v.integer(), v.description('The price charged, VAT excluded.')),
  contact: Contact,
});
export type PurchaseCreated = v.InferOutput<typeof PurchaseCreated>;

export const PurchaseItem = v.object({
  ...LeadDetail.entries,
  purchaseId: v.string(),
  purchasedAt: iso,
  priceCents: v.pipe(v.number(), v.integer(), v.description('The price charged, VAT excluded.')),
});
export type PurchaseItem = v.InferOutput<typeof PurchaseItem>;

export const PurchasePage = v.object({ items: v.array(PurchaseItem), nextCursor: v.nullable(v.string()) });
