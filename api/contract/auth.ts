// Payloads of contractors' and staff's accounts: login, invites, own data (S10, S16, S26).
import * as v from 'valibot';
import { passwordHashing } from '../config.ts';
import { locales } from './request.ts';
import { isBusinessId, normaliseBusinessId } from './business-id.ts';
import { regionCodes } from './regions.ts';

const email = v.pipe(v.string('required'), v.trim(), v.maxLength(254, 'too_long'), v.email('invalid_email'));
const name = v.pipe(v.string('required'), v.trim(), v.minLength(1, 'required'), v.maxLength(120, 'too_long'));
/** A new password. Its strength (length, common passwords: 422 weak_password) is the verbs' (api/domain/password-policy.ts). */
export const Password = v.pipe(v.string('required'), v.maxLength(passwordHashing.maxLength, 'too_long'));

export const Login = v.object({
  email: v.pipe(v.string('required'), v.trim(), v.maxLength(254, 'too_long')),
  password: v.pipe(v.string('required'), v.maxLength(passwordHashing.maxLength, 'too_long')),
});

export const AcceptInvite = v.object({ password: Password });
/** The same with the link's token in the body: a token in a URL path ends up in access logs. */
export const AcceptInviteWithToken = v.object({
  token: v.pipe(v.string('required'), v.minLength(1, 'required'), v.maxLength(200, 'too_long')),
  password: Password,
});

export const MePatch = v.pipe(
  v.object({
    name: v.optional(name),
    email: v.optional(email),
    password: v.optional(Password),
    locale: v.optional(v.picklist(locales, 'invalid_choice')),
    /** Required when changing email or password. */
    currentPassword: v.optional(v.pipe(v.string(), v.maxLength(passwordHashing.maxLength, 'too_long'))),
  }),
  v.forward(
    v.partialCheck(
      [['email'], ['password'], ['currentPassword']],
      (i) => !(i.email || i.password) || Boolean(i.currentPassword),
      'required',
    ),
    ['currentPassword'],
  ),
);

export const Me = v.object({
  id: v.string(),
  name: v.string(),
  email: v.string(),
  role: v.picklist(['member', 'owner', 'admin']),
  locale: v.picklist(locales),
  company: v.nullable(v.object({ id: v.string(), name: v.string() })),
});
export type Me = v.InferOutput<typeof Me>;

export const NewCompany = v.object({
  name,
  businessId: v.pipe(v.string('required'), v.transform(normaliseBusinessId), v.check(isBusinessId, 'invalid_business_id')),
  billingAddress: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(300, 'too_long'))),
  billingEmail: v.optional(email),
  regions: v.optional(v.array(v.picklist(regionCodes, 'invalid_choice')), []),
  categories: v.optional(v.array(v.pipe(v.string(), v.maxLength(40))), []),
});

/** PATCH /v1/admin/companies/:id: any of these; `active: false` ends the company's sessions at once. */
export const CompanyPatch = v.object({
  name: v.optional(name),
  businessId: v.optional(v.pipe(v.string('required'), v.transform(normaliseBusinessId), v.check(isBusinessId, 'invalid_business_id'))),
  active: v.optional(v.boolean('invalid_choice')),
  /** null clears. */
  billingAddress: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(300, 'too_long')))),
  billingEmail: v.optional(v.nullable(email)),
  regions: v.optional(v.array(v.picklist(regionCodes, 'invalid_choice'))),
  categories: v.optional(v.array(v.pipe(v.string(), v.maxLength(40)))),
});

export const Company = v.object({
  id: v.string(),
  name: v.string(),
  businessId: v.string(),
  active: v.boolean(),
  billingAddress: v.nullable(v.string()),
  billingEmail: v.nullable(v.string()),
  regions: v.array(v.string()),
  categories: v.array(v.string()),
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
});

export const NewUser = v.object({
  name,
  email,
  role: v.picklist(['member', 'owner'], 'invalid_choice'),
  locale: v.optional(v.picklist(locales, 'invalid_choice'), 'fi'),
});

export const UserCreated = v.object({
  id: v.string(),
  inviteToken: v.string(),
  inviteUrl: v.string(),
});
