// The one choice of mailer, for both runtimes: SMTP_URL → SMTP (where the runtime offers it: Node);
// else MAIL_API_KEY → Brevo's API; else, on a runtime with a development outbox (a local Node
// start), /dev/outbox; otherwise held (nothing is sent, rows wait in the outbox).
// Runtime-free: SMTP comes in as a function, so the Worker bundle never imports nodemailer.
import { createDevOutbox, createHeldMailer, defaultFrom, type Mailer } from './mailer.ts';
import { createHttpMailer } from './mailer-http.ts';

/** The mail part of the environment (api/environment.ts, mailFromEnv). */
export type MailSettings = { smtpUrl?: string; apiKey?: string; apiUrl?: string; from?: string };

/** What the runtime offers: Node has sockets for SMTP and an in-memory development outbox; workerd neither. */
export type MailRuntime = {
  publicUrl: string;
  production: boolean;
  smtp?: (url: string, from: string) => Mailer;
  devOutbox?: boolean;
};

export function createMailer(settings: MailSettings, runtime: MailRuntime): Mailer {
  const from = settings.from ?? defaultFrom(runtime.publicUrl);
  if (settings.smtpUrl && runtime.smtp) return runtime.smtp(settings.smtpUrl, from);
  if (settings.apiKey) return createHttpMailer({ apiKey: settings.apiKey, baseUrl: settings.apiUrl }, from);
  if (runtime.production) {
    console.warn('No SMTP_URL or MAIL_API_KEY: mail waits in the outbox until one is set (README, "Mail").');
    return createHeldMailer(from);
  }
  return runtime.devOutbox ? createDevOutbox(from) : createHeldMailer(from);
}
