// Staff answer a written data-subject request (S21, S24, S26): find by email or phone.
import * as v from 'valibot';

export const SubjectQuery = v.pipe(
  v.object({
    email: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(254, 'too_long'), v.email('invalid_email'))),
    phone: v.optional(v.pipe(v.string(), v.maxLength(24, 'too_long'), v.regex(/^[+0-9\s\-().]{6,24}$/, 'invalid_phone'))),
  }),
  v.forward(
    v.partialCheck([['email'], ['phone']], (i) => Boolean(i.email || i.phone), 'contact_required'),
    ['email'],
  ),
);
