// Brevo's transactional e-mail API over fetch: the Worker's mailer (workerd has no sockets for
// SMTP), usable on Node too. Brevo is an EU company sending from EU data centres, so personal
// data stays in the EU/EEA (S12). API: POST {base}/smtp/email with the `api-key` header;
// 201 {"messageId"}; 4xx/5xx {"code","message"}.
import { MailError, type Mailer } from './mailer.ts';

export const brevoApiUrl = 'https://api.brevo.com/v3';

export function createHttpMailer(
  { apiKey, baseUrl = brevoApiUrl, fetcher = fetch }: { apiKey: string; baseUrl?: string; fetcher?: typeof fetch },
  from: string,
): Mailer {
  const sender = parseAddress(from);
  return {
    kind: 'http',
    from,
    async send(m) {
      const body = JSON.stringify({
        sender,
        to: [{ email: m.to }],
        subject: m.subject,
        htmlContent: m.html,
        textContent: m.text,
        // Brevo drops a second request with the same key (15 minutes): the one immediate retry
        // below after a broken connection can never make a second message.
        headers: { ...m.headers, idempotencyKey: m.id },
      });
      const post = () =>
        fetcher(`${baseUrl.replace(/\/$/, '')}/smtp/email`, {
          method: 'POST',
          headers: { 'api-key': apiKey, 'content-type': 'application/json', accept: 'application/json' },
          body,
        });
      let res: Response;
      try {
        res = await post().catch(post);
      } catch {
        // No answer twice: the request may have been accepted.
        throw new MailError('unknown', 'network');
      }
      if (res.ok) {
        const answer = (await res.json().catch(() => ({}))) as { messageId?: string };
        return { providerId: answer.messageId };
      }
      await res.body?.cancel();
      if (res.status === 429 || res.status >= 500) throw new MailError('retry', `http_${res.status}`);
      throw new MailError('reject', `http_${res.status}`);
    },
  };
}

/** `Linkki <no-reply@linkki.fi>` → {name, email}; a bare address has no name. */
export function parseAddress(from: string): { name?: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return m ? { ...(m[1] ? { name: m[1] } : {}), email: m[2]! } : { email: from.trim() };
}
