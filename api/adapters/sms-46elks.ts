// 46elks' SMS API over fetch, for both runtimes. 46elks is a Swedish company, so the numbers and
// texts stay in the EU/EEA (S12). API: POST {base}/sms with HTTP Basic auth and a form body
// (from, to, message); 200 {"status":"created","id":"s…",…}; errors are 4xx/5xx with a plain-text body.
import { MailError } from './mailer.ts';
import { type Sms, toE164 } from './sms.ts';

export const elksApiUrl = 'https://api.46elks.com/a1';

/** 46elks takes a sender name of 3–11 letters and digits starting with a letter, or a number. */
const senderName = /^[A-Za-z][A-Za-z0-9]{2,10}$/;
const e164 = /^\+[1-9][0-9]{6,14}$/;

export function createElksSms(
  {
    username,
    password,
    baseUrl = elksApiUrl,
    fetcher = fetch,
    timeoutMs = 20_000,
  }: { username: string; password: string; baseUrl?: string; fetcher?: typeof fetch; timeoutMs?: number },
  from: string,
): Sms {
  // At start-up, not at the first text: a bad sender would otherwise fail every row as a reject.
  if (!senderName.test(from) && !e164.test(from)) {
    throw new Error(`SMS sender "${from}": use 3–11 letters and digits starting with a letter (Linkki), or a number like +358401234567.`);
  }
  const authorization = `Basic ${base64(`${username}:${password}`)}`;
  const url = `${baseUrl.replace(/\/$/, '')}/sms`;
  return {
    kind: '46elks',
    from,
    async send(m) {
      const to = toE164(m.to);
      if (!to) throw new MailError('reject', 'invalid_number');
      let res: Response;
      try {
        // One attempt only: 46elks has no idempotency key, so a second POST after a lost answer
        // could text the customer twice. The timeout keeps a silent server from holding the job.
        res = await fetcher(url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ from, to, message: m.text }).toString(),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch {
        throw new MailError('unknown', 'network');
      }
      if (res.ok) {
        const answer = (await res.json().catch(() => ({}))) as { id?: string };
        return { providerId: answer.id };
      }
      // The plain-text reason may quote the number: it is not kept.
      await res.body?.cancel();
      if (res.status === 429 || res.status >= 500) throw new MailError('retry', `http_${res.status}`);
      throw new MailError('reject', `http_${res.status}`);
    },
  };
}

/** btoa takes Latin-1 only: encode as UTF-8 first, so any credential survives. */
function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}
