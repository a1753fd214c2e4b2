// The HTTP adapter speaks Brevo's API (checked against a local server that answers as Brevo
// does), and `npm start`'s default, the development outbox, shows mail at /dev/outbox only
// when not in production.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpMailer, parseAddress } from '../../api/adapters/mailer-http.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { startServer } from '../support/server.ts';
import { now } from '../support/clock.ts';

type Seen = { headers: Record<string, string | string[] | undefined>; body: any };
let seen: Seen[] = [];
let answers: (number | 'hangup')[] = [];
const brevo = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  seen.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
  const next = answers.shift() ?? 201;
  if (next === 'hangup') return req.socket.destroy();
  res.writeHead(next, { 'content-type': 'application/json' });
  res.end(JSON.stringify(next === 201 ? { messageId: '<abc@smtp-relay.mailin.fr>' } : { code: 'x', message: 'y' }));
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => brevo.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(brevo.address() as AddressInfo).port}/v3`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      brevo.close(() => resolve());
      brevo.closeAllConnections();
    }),
);

const message = {
  id: 'outbox-1',
  to: 'matti@example.fi',
  subject: 'Hei',
  text: 'Teksti',
  html: '<p>Teksti</p>',
  headers: { 'List-Unsubscribe': '<https://x/u>' },
};

describe('Brevo adapter', () => {
  test('POST /v3/smtp/email with the api-key, sender, recipient, both bodies and the idempotency key', async () => {
    seen = [];
    answers = [201];
    const mailer = createHttpMailer({ apiKey: 'k-1', baseUrl: base }, 'Linkki <no-reply@linkki.example>');
    expect(await mailer.send(message)).toEqual({ providerId: '<abc@smtp-relay.mailin.fr>' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers['api-key']).toBe('k-1');
    expect(seen[0]!.body).toEqual({
      sender: { name: 'Linkki', email: 'no-reply@linkki.example' },
      to: [{ email: 'matti@example.fi' }],
      subject: 'Hei',
      htmlContent: '<p>Teksti</p>',
      textContent: 'Teksti',
      headers: { 'List-Unsubscribe': '<https://x/u>', idempotencyKey: 'outbox-1' },
    });
  });

  test('429 and 5xx are retried, other 4xx are final, a connection lost twice is unknown', async () => {
    const mailer = createHttpMailer({ apiKey: 'k', baseUrl: base }, 'no-reply@linkki.example');
    for (const [status, outcome] of [
      [429, 'retry'],
      [503, 'retry'],
      [400, 'reject'],
      [401, 'reject'],
    ] as const) {
      answers = [status];
      await expect(mailer.send(message)).rejects.toMatchObject({ outcome, code: `http_${status}` });
    }
    // One hang-up is retried at once with the same idempotency key (Brevo drops the twin).
    seen = [];
    answers = ['hangup', 201];
    expect(await mailer.send(message)).toEqual({ providerId: '<abc@smtp-relay.mailin.fr>' });
    expect(seen.map((s) => s.body.headers.idempotencyKey)).toEqual(['outbox-1', 'outbox-1']);
    answers = ['hangup', 'hangup'];
    await expect(mailer.send(message)).rejects.toMatchObject({ outcome: 'unknown', code: 'network' });
  });

  test('From addresses with and without a name', () => {
    expect(parseAddress('Linkki <a@b.fi>')).toEqual({ name: 'Linkki', email: 'a@b.fi' });
    expect(parseAddress('"Linkki Oy" <a@b.fi>')).toEqual({ name: 'Linkki Oy', email: 'a@b.fi' });
    expect(parseAddress('a@b.fi')).toEqual({ email: 'a@b.fi' });
  });
});

describe('development outbox', () => {
  test('a local start without SMTP_URL keeps mail and shows it at /dev/outbox', async () => {
    const server = await startServer();
    try {
      expect(server.deps.mailer.kind).toBe('dev');
      const { publicKey } = await server.createPartner({ origins: ['https://kauppa.example'] });
      const res = await postRequest(server.url, validRequest(publicKey, { email: 'dev-outbox@example.fi' }), {
        origin: 'https://kauppa.example',
      });
      expect(res.status).toBe(201);
      await server.runScheduled(new Date(now() + 1000));
      const page = await fetch(`${server.url}/dev/outbox`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const body = await page.text();
      expect(body).toContain('Tarjouspyyntösi on vastaanotettu');
      expect(body).toContain('dev-outbox@example.fi');
    } finally {
      await server.close();
    }
  });

  test('production has no such page', async () => {
    const server = await startServer({ config: { production: true } });
    try {
      expect(server.deps.mailer.kind).toBe('held');
      expect((await fetch(`${server.url}/dev/outbox`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
