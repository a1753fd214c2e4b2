// The one choice of SMS sender, for both runtimes: a 46elks username and password → 46elks;
// else, in production, held (nothing is sent, rows wait in the outbox); else, on a runtime with a
// development outbox (a local Node start), the in-memory outbox; otherwise held.
// Runtime-free, like mailer-choice.ts.
import { createElksSms } from './sms-46elks.ts';
import { createDevSms, createHeldSms, type Sms } from './sms.ts';

/** The SMS part of the environment. */
export type SmsSettings = { username?: string; password?: string; apiUrl?: string; from?: string };

/** The sender name when none is set: 46elks shows it instead of a number. */
export const defaultSmsFrom = 'Linkki';

export function createSms(settings: SmsSettings, runtime: { production: boolean; devOutbox?: boolean }): Sms {
  const from = settings.from ?? defaultSmsFrom;
  if (settings.username && settings.password) {
    return createElksSms({ username: settings.username, password: settings.password, baseUrl: settings.apiUrl }, from);
  }
  if (runtime.production) {
    console.warn('No SMS_API_USERNAME and SMS_API_PASSWORD: SMS codes wait in the outbox until both are set (README, "SMS").');
    return createHeldSms(from);
  }
  return runtime.devOutbox ? createDevSms(from) : createHeldSms(from);
}
