// The request the API takes (POST /v1/requests): the widget's form (request.ts, FormInput) with
// the optional extras that the widget's first chunk never carries: a first name and the answers
// to the category's questions (questions.ts). Kept apart from request.ts for the widget's bytes.
import * as v from 'valibot';
import { formEntries, hasContact, optionalText, requestLimits } from './request.ts';

/**
 * The answers to the category's questions (questions.ts), by question id: a choice's value or a
 * whole number. Their shape is checked here, on both sides; which questions and values the
 * category takes, by the API (answerIssues).
 */
export const Answers = v.pipe(
  v.record(
    v.pipe(v.string(), v.regex(/^[A-Za-z0-9_]{1,40}$/, 'invalid_format')),
    v.union([v.pipe(v.string(), v.maxLength(40, 'too_long')), v.pipe(v.number(), v.integer())], 'invalid_choice'),
  ),
  v.check((a) => Object.keys(a).length <= 12, 'too_long'),
);
export type Answers = v.InferOutput<typeof Answers>;

/** The request the API takes: the form, a first name and the answers to the category's questions. */
export const RequestInput = v.pipe(
  v.object({
    ...formEntries,
    /** Optional: shown to buyers only, encrypted like the rest of the contact details and purged with them. */
    firstName: optionalText(requestLimits.firstNameMax),
    answers: v.optional(Answers),
  }),
  v.forward(v.partialCheck([['email'], ['phone']], hasContact, 'contact_required'), ['email']),
);

export type RequestInput = v.InferInput<typeof RequestInput>;
export type RequestData = v.InferOutput<typeof RequestInput>;
