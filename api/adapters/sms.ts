// The SMS port: a 6-digit confirmation code for customers who gave only a phone number.
// Adapters: 46elks' HTTP API (both runtimes, sms-46elks.ts), the development outbox below (a
// local start without 46elks credentials), and a held sender that sends nothing (production
// without credentials: rows wait in the outbox). Failures are the mailer's MailError, so the
// outbox treats a text exactly like a mail: retry, reject, or unknown (never sent again).
// Runtime-free: nothing here imports a Node module, so the Worker bundle may include it.
import { MailError } from './mailer.ts';

export type SmsMessage = {
  /** The outbox row's id. */
  id: string;
  /** E.164, e.g. +358401234567. */
  to: string;
  text: string;
};

export type Sms = {
  kind: '46elks' | 'dev' | 'held';
  /** The sender shown on the phone: an alphanumeric name (`Linkki`) or an E.164 number. */
  from: string;
  send(message: SmsMessage): Promise<{ providerId?: string }>;
};

export type DevSmsMessage = SmsMessage & { from: string; at: Date };
export type DevSms = Sms & { kind: 'dev'; messages(): DevSmsMessage[] };

/** `npm start` without 46elks credentials: texts are kept in memory, newest first. */
export function createDevSms(from: string, keep = 200): DevSms {
  const kept: DevSmsMessage[] = [];
  return {
    kind: 'dev',
    from,
    async send(message) {
      // The same refusal as the real adapter, so a number that would fail in production fails here.
      const to = toE164(message.to);
      if (!to) throw new MailError('reject', 'invalid_number');
      kept.unshift({ ...message, to, from, at: new Date() });
      kept.length = Math.min(kept.length, keep);
      return { providerId: `dev-${message.id}` };
    },
    messages: () => [...kept],
  };
}

/** No credentials in production: nothing is sent and rows stay pending until a provider is configured. */
export function createHeldSms(from: string): Sms {
  return {
    kind: 'held',
    from,
    async send() {
      throw new MailError('retry', 'not_configured');
    },
  };
}

export const isDevSms = (sms: Sms): sms is DevSms => sms.kind === 'dev';

const e164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * A phone number as typed (`040 123 4567`, `+358 (0)40-123 4567`, `0046 70…`) → E.164, or null.
 * A national number (one leading 0) is Finnish: the product serves Finland. A bare number
 * without 0 or + is refused rather than guessed at.
 */
export function toE164(phone: string): string | null {
  // `+358 (0)40…`: the bracketed trunk 0 is not dialled after a country code.
  const compact = phone.replace(/^(\s*\+\d{1,3})\s*\(0\)/, '$1').replace(/[\s\-.()]/g, '');
  let n: string;
  if (compact.startsWith('+')) n = compact;
  else if (compact.startsWith('00')) n = `+${compact.slice(2)}`;
  else if (compact.startsWith('0')) n = `+358${compact.slice(1)}`;
  else return null;
  return e164.test(n) ? n : null;
}
