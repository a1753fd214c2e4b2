// Where the test's mail arrives, on the engine's own path: a real SMTP server (the smtp-server
// package) for Node, and a local HTTP server speaking Brevo's transactional API
// (POST /v3/smtp/email, `api-key` header, 201 {"messageId"}) for the Worker. Both record what
// arrived in one shape and can be told to fail, so the same test runs on both engines.
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { ServerOptions } from './server.ts';

export type Received = { to: string; from: string; subject: string; text: string; html: string; headers: Record<string, string> };

/** ok, a temporary refusal (SMTP 421 / HTTP 503), or a permanent one (SMTP 550 / HTTP 400). */
export type Behaviour = 'ok' | 'temporary' | 'permanent';

export type Inbox = {
  kind: 'smtp' | 'brevo';
  received: Received[];
  /** Attempts that reached the server, delivered or refused. */
  attempts: number;
  behave(b: Behaviour): void;
  to(address: string): Received[];
  /** The first message to this address, as soon as it arrives (a state, not a timer). */
  arrival(address: string): Promise<Received>;
  mail: NonNullable<ServerOptions['mail']>;
  close(): Promise<void>;
};

export const apiKey = 'test-brevo-key';

export async function startInbox(kind: 'smtp' | 'brevo'): Promise<Inbox> {
  return kind === 'smtp' ? startSmtpInbox() : startBrevoInbox();
}

function common(kind: Inbox['kind']) {
  const waiting: { address: string; resolve: (m: Received) => void }[] = [];
  const received: Received[] = [];
  const push = received.push.bind(received);
  received.push = (...items: Received[]) => {
    const n = push(...items);
    for (const m of items) {
      for (const w of waiting.filter((x) => x.address === m.to.toLowerCase())) w.resolve(m);
    }
    return n;
  };
  const inbox = {
    kind,
    received,
    arrival(address: string) {
      const found = received.find((m) => m.to.toLowerCase() === address.toLowerCase());
      return found ? Promise.resolve(found) : new Promise<Received>((resolve) => waiting.push({ address: address.toLowerCase(), resolve }));
    },
    attempts: 0,
    behaviour: 'ok' as Behaviour,
    behave(b: Behaviour) {
      inbox.behaviour = b;
    },
    to(address: string) {
      return inbox.received.filter((m) => m.to.toLowerCase() === address.toLowerCase());
    },
  };
  return inbox;
}

async function startSmtpInbox(): Promise<Inbox> {
  const inbox = common('smtp');
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      inbox.attempts++;
      simpleParser(stream).then((parsed) => {
        if (inbox.behaviour !== 'ok') {
          const err = Object.assign(new Error(inbox.behaviour === 'temporary' ? 'Try again later' : 'Mailbox unavailable'), {
            responseCode: inbox.behaviour === 'temporary' ? 421 : 550,
          });
          return callback(err);
        }
        const headers: Record<string, string> = {};
        // The raw lines: mailparser turns List-* headers into objects.
        for (const { key, line } of parsed.headerLines) headers[key] = line.slice(line.indexOf(':') + 1).trim();
        inbox.received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          headers,
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  return Object.assign(inbox, {
    mail: { smtpUrl: `smtp://127.0.0.1:${port}` },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  });
}

async function startBrevoInbox(): Promise<Inbox> {
  const inbox = common('brevo');
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/v3/smtp/email') return answer(404, { code: 'not_found', message: 'Not found' });
    if (req.headers['api-key'] !== apiKey) return answer(401, { code: 'unauthorized', message: 'Key not found' });
    inbox.attempts++;
    if (inbox.behaviour === 'temporary') return answer(503, { code: 'service_unavailable', message: 'Try again later' });
    if (inbox.behaviour === 'permanent') return answer(400, { code: 'invalid_parameter', message: 'Invalid email address' });
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      sender: { name?: string; email: string };
      to: { email: string }[];
      subject: string;
      htmlContent: string;
      textContent: string;
      headers?: Record<string, string>;
    };
    inbox.received.push({
      to: body.to.map((t) => t.email).join(','),
      from: body.sender.email,
      subject: body.subject,
      text: body.textContent,
      html: body.htmlContent,
      headers: Object.fromEntries(Object.entries(body.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    });
    answer(201, { messageId: `<${crypto.randomUUID()}@smtp-relay.mailin.fr>` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(inbox, {
    mail: { apiUrl: `http://127.0.0.1:${port}/v3`, apiKey },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

/** The links a mail carries (text version), by their beginning. */
export function linksIn(message: Received): string[] {
  return [...message.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
}

/**
 * An SMTP server that takes a message and then hangs up instead of answering 250: the message may
 * have arrived, so a sender must record it as unknown and never send it again.
 */
export async function startHangUpSmtp(): Promise<{ url: string; bodies(): number; close(): Promise<void> }> {
  let bodies = 0;
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    let inData = false;
    socket.write('220 rude.example ESMTP\r\n');
    socket.on('data', (chunk) => {
      for (const line of chunk.toString('utf8').split('\r\n')) {
        if (inData) {
          if (line === '.') {
            bodies++;
            socket.destroy();
            return;
          }
          continue;
        }
        if (/^(EHLO|HELO)/i.test(line)) socket.write('250 rude.example\r\n');
        else if (/^(MAIL|RCPT)/i.test(line)) socket.write('250 OK\r\n');
        else if (/^DATA/i.test(line)) {
          inData = true;
          socket.write('354 Go ahead\r\n');
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies: () => bodies,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
