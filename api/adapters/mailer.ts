// The mailer port. Adapters: SMTP (Node only, mailer-smtp.ts), Brevo's HTTP API (both runtimes,
// mailer-http.ts), the development outbox below (a local start without SMTP_URL), and a held
// mailer that sends nothing (production without mail settings: rows wait in the outbox).
// Runtime-free: nothing here imports a Node module, so the Worker bundle may include it.

export type MailMessage = {
  /** The outbox row's id: the provider's idempotency key and our Message-ID's local part. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** List-Unsubscribe and friends. */
  headers?: Record<string, string>;
};

export type Sent = { providerId?: string };

/**
 * What a failed send means for the outbox row:
 * - retry:   certainly not delivered (refused connection, a 4xx reply, HTTP 429/5xx): try again later;
 * - reject:  certainly not delivered and never will be (a 5xx reply, HTTP 4xx): recorded as failed;
 * - unknown: the message may have left (the connection broke after the body was sent, a
 *            timeout): recorded as unknown and never sent again, so nobody gets it twice.
 */
export class MailError extends Error {
  readonly outcome: 'retry' | 'reject' | 'unknown';
  /** A short code for the log and the staff view (smtp_421, http_503, network); never an address. */
  readonly code: string;
  constructor(outcome: 'retry' | 'reject' | 'unknown', code: string) {
    super(`${outcome}: ${code}`);
    this.outcome = outcome;
    this.code = code;
  }
}

export type Mailer = {
  kind: 'smtp' | 'http' | 'dev' | 'held';
  /** Our From address, e.g. `Linkki <no-reply@linkki.fi>`. */
  from: string;
  send(message: MailMessage): Promise<Sent>;
  close?(): Promise<void>;
};

export type DevMessage = MailMessage & { from: string; at: Date };
export type DevOutbox = Mailer & { kind: 'dev'; messages(): DevMessage[] };

/** `npm start` without SMTP_URL: messages are kept in memory (newest first) and shown at /dev/outbox. */
export function createDevOutbox(from: string, keep = 200): DevOutbox {
  const kept: DevMessage[] = [];
  return {
    kind: 'dev',
    from,
    async send(message) {
      kept.unshift({ ...message, from, at: new Date() });
      kept.length = Math.min(kept.length, keep);
      return { providerId: `dev-${message.id}` };
    },
    messages: () => [...kept],
  };
}

/** No mail settings in production: nothing is sent and rows stay pending until a mailer is configured. */
export function createHeldMailer(from: string): Mailer {
  return {
    kind: 'held',
    from,
    async send() {
      throw new MailError('retry', 'not_configured');
    },
  };
}

export const isDevOutbox = (mailer: Mailer): mailer is DevOutbox => mailer.kind === 'dev';

/** `Linkki <no-reply@host>` for the deployment's own host, unless MAIL_FROM says otherwise. */
export function defaultFrom(publicUrl: string): string {
  return `Linkki <no-reply@${new URL(publicUrl).hostname}>`;
}
