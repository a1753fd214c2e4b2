// Confirming a request's contact (issue 13): the confirmation mail's one-click link (the manage
// page sends it) or the code an SMS brought (the widget's thank-you view sends it). The manage
// token says which request; it travels in the body, because a browser's Authorization header is
// refused on the widget's routes (a partner's secret key belongs on a server).
import * as v from 'valibot';
import { confirmation } from '../config.ts';

/** The numbers the widget and the manage page tell the customer (hours, digits, minutes, tries): config.ts's own. */
export { confirmation };

/** The link's proof: 32 hex characters, a keyed hash of the request (confirm-contact.ts). */
export const confirmLinkPattern = /^[0-9a-f]{32}$/;
const manageToken = v.pipe(v.string('required'), v.minLength(20, 'required'), v.maxLength(100, 'too_long'));

/** A code or a link, never both. */
export const ConfirmInput = v.pipe(
  v.object({
    manageToken,
    code: v.optional(v.pipe(v.string('required'), v.trim(), v.regex(new RegExp(`^\\d{${confirmation.codeDigits}}$`), 'invalid_code'))),
    link: v.optional(v.pipe(v.string('required'), v.regex(confirmLinkPattern, 'invalid_format'))),
  }),
  v.forward(
    v.partialCheck([['code'], ['link']], (i) => (i.code === undefined) !== (i.link === undefined), 'required'),
    ['code'],
  ),
);
export type ConfirmInput = v.InferOutput<typeof ConfirmInput>;

export const Confirmed = v.object({
  confirmed: v.literal(true),
  via: v.picklist(['email', 'sms']),
  /** Contractors see the request now (false only when it ended meanwhile). */
  listed: v.boolean(),
});
export type Confirmed = v.InferOutput<typeof Confirmed>;

export const CodeRequest = v.object({ manageToken });
export const CodeSent = v.object({
  /** Codes this request may still be sent. */
  sendsLeft: v.number(),
  expiresAt: v.pipe(v.string(), v.isoTimestamp()),
});
export type CodeSent = v.InferOutput<typeof CodeSent>;
