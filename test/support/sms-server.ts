// A local server that answers as 46elks' SMS API does, so the adapter is tested over real HTTP:
// POST /a1/sms with HTTP Basic auth and a form body (from, to, message); 200 with the created
// message as JSON; refusals as 4xx with a plain-text reason. It can be told to fail (429, 503…)
// or to hang up after taking a message, the case where a second POST would text someone twice.
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ElksMessage = { from: string; to: string; message: string; id: string };

export type ElksServer = {
  /** The API base, like http://127.0.0.1:PORT/a1 (the adapter's baseUrl). */
  url: string;
  /** Messages 46elks took, in order, including one taken before a hang-up. */
  messages: ElksMessage[];
  /** The next `times` authenticated POSTs answer `status` and take nothing. */
  failNext(status: number, times?: number): void;
  /** The next valid message is taken, then the socket is destroyed without an answer. */
  hangUpNext(): void;
  close(): Promise<void>;
};

/** Above any real text (46elks splits long ones into parts); a runaway body is refused. */
const maxBody = 16 * 1024;

export async function startElksServer({ username, password }: { username: string; password: string }): Promise<ElksServer> {
  const messages: ElksMessage[] = [];
  const failures: number[] = [];
  let hangUp = false;
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

  const server = createServer(async (req, res) => {
    // Read to the end but keep at most maxBody: answering before the client finished sending
    // would make it see a broken connection instead of the 413.
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size <= maxBody) chunks.push(chunk as Buffer);
    }
    if (req.method !== 'POST' || req.url !== '/a1/sms') return text(res, 404, 'Not found');
    if (req.headers.authorization !== expected) return text(res, 401, 'Authentication failed');
    if (size > maxBody) return text(res, 413, 'Request too large');
    const failure = failures.shift();
    if (failure !== undefined) return text(res, failure, failure === 429 ? 'Too many requests' : 'Service unavailable');
    // 46elks reads a form; a JSON body would arrive as no fields at all.
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return text(res, 403, 'Missing key from');
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    for (const key of ['from', 'to', 'message']) {
      if (!form.get(key)) return text(res, 403, `Missing key ${key}`);
    }
    const [from, to, message] = [form.get('from')!, form.get('to')!, form.get('message')!];
    if (!/^\+[1-9][0-9]{6,14}$/.test(to)) return text(res, 403, 'Invalid to number');
    const id = `s${randomBytes(16).toString('hex')}`;
    messages.push({ from, to, message, id });
    if (hangUp) {
      hangUp = false;
      return req.socket.destroy();
    }
    const parts = message.length <= 160 ? 1 : Math.ceil(message.length / 153);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'created',
        id,
        from,
        to,
        message,
        created: new Date().toISOString().replace('Z', '000'),
        direction: 'outgoing',
        parts,
        estimated_cost: parts * 5200,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/a1`,
    messages,
    failNext(status, times = 1) {
      for (let i = 0; i < times; i++) failures.push(status);
    },
    hangUpNext() {
      hangUp = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function text(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}
