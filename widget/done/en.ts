// The thank-you view's sentences in English: the same keys as fi.ts, checked by the DoneStrings type.
import type { DoneStrings } from '../done.tsx';

export const strings: DoneStrings = {
  done: 'Thank you, your request has been sent!',
  expires: 'Companies in your area see it until {n}.',
  hold: 'Companies see the request only once your contact details are confirmed. An unconfirmed request is deleted after {h} hours.',
  mail: 'We have sent you a confirmation email. Confirm your email address by opening the link in it.',
  code: 'The confirmation code we texted you',
  codeHint: 'We texted a {d}-digit code to your phone. It works for {m} minutes, and you can try it at most {a} times.',
  confirm: 'Confirm',
  confirmed: 'Your phone number has been confirmed.',
  resend: 'Send a new code',
  left: 'New codes left: {n}.',
  noMore: 'No more new codes can be sent.',
  sent: 'A new code has been sent. The earlier code no longer works.',
  manage: 'Save this link: with it you edit or close the request and delete your contact details. It is shown only now.',
  more: {
    legend: 'More for the companies (optional)',
    firstName: 'First name',
    firstNameHint: 'Shown only to companies that buy the request.',
    number: 'Give a whole number from {min} to {max}.',
  },
  errors: {
    invalid: 'Type the {d} digits of the code.',
    wrong: 'The code is not right. Tries left: {n}.',
    used_up: 'The code was tried too many times. Ask for a new code.',
    stale: 'The code no longer works. Ask for a new code.',
    rate: 'Too many tries. Try again in a few minutes.',
    network: 'The connection dropped. Try again.',
    server: 'The service has a problem. Try again soon.',
  },
};
