// SMTP through nodemailer. Node only: api/node-server.ts hands it to createMailer
// (mailer-choice.ts); the Worker never imports it (nodemailer needs node:net and node:tls).
import nodemailer from 'nodemailer';
import { mail } from '../config.ts';
import { MailError, type Mailer } from './mailer.ts';

type SmtpError = Error & { code?: string; originalCode?: string; responseCode?: number };

/** Nothing was sent on these: no connection, no TLS, no login, an envelope refused before DATA. */
const notSent = new Set(['EDNS', 'ETLS', 'EREQUIRETLS', 'EAUTH', 'ENOAUTH', 'ECONFIG', 'EENVELOPE']);
const refused = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

export function classifySmtpError(err: SmtpError): MailError {
  const reply = err.responseCode;
  if (reply && reply >= 500) return new MailError('reject', `smtp_${reply}`);
  if (reply && reply >= 400) return new MailError('retry', `smtp_${reply}`);
  if (err.code && notSent.has(err.code)) return new MailError('retry', `smtp_${err.code.toLowerCase()}`);
  if (refused.has(err.originalCode ?? '') || refused.has(err.code ?? '')) return new MailError('retry', 'smtp_refused');
  // A broken connection or a timeout without a reply: the message may have been accepted.
  return new MailError('unknown', `smtp_${(err.code ?? 'error').toLowerCase()}`);
}

/** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
export function createSmtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport({
    url,
    // The sender keeps mail.sendConcurrency messages in flight: each reuses an open connection
    // instead of paying TCP, TLS, EHLO and AUTH again per message.
    pool: true,
    maxConnections: mail.sendConcurrency,
    // The pool would hand a message whose connection closed mid-send to another connection, and
    // the server may already have taken it: one try per message, as without the pool (at most once).
    maxRequeues: 0,
    // Shorter than mail.sendingTimeoutMinutes, so a live sender always finishes before its
    // claim would be taken for a crash.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    kind: 'smtp',
    from,
    async send(m) {
      try {
        const info = await transport.sendMail({
          from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          headers: m.headers,
          messageId: `<${m.id}@${domainOf(from)}>`,
        });
        return { providerId: info.messageId };
      } catch (err) {
        throw classifySmtpError(err as SmtpError);
      }
    },
    async close() {
      transport.close();
    },
  };
}

function domainOf(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'linkki.invalid';
}
