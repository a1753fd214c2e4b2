// Node's choice of mailer: SMTP_URL → SMTP; else MAIL_API_KEY → Brevo's API; else, on a local
// start, the development outbox (/dev/outbox); in production, held (nothing is sent, rows wait).
import type { MailSettings } from '../settings.ts';
import { createDevOutbox, createHeldMailer, defaultFrom, type Mailer } from './mailer.ts';
import { createHttpMailer } from './mailer-http.ts';
import { createSmtpMailer } from './mailer-smtp.ts';

export function createNodeMailer(settings: MailSettings, o: { publicUrl: string; production: boolean }): Mailer {
  const from = settings.from ?? defaultFrom(o.publicUrl);
  if (settings.smtpUrl) return createSmtpMailer(settings.smtpUrl, from);
  if (settings.apiKey) return createHttpMailer({ apiKey: settings.apiKey, baseUrl: settings.apiUrl }, from);
  if (o.production) {
    console.warn('No SMTP_URL or MAIL_API_KEY: mail waits in the outbox until one is set (README, "Mail").');
    return createHeldMailer(from);
  }
  return createDevOutbox(from);
}
