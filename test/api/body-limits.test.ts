// Bodies are refused over their route's limit before they are read whole (security review, #5:
// one unauthenticated 256 MB POST took the server from 334 MB to 1.07 GB). A chunked body with
// no Content-Length is sent a piece at a time until the server answers: the server must answer
// 413 after reading about its limit, not after the client gave up.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bodyLimits, intake } from '../../api/config.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

type Sent = { status: number; body: string; bytesSent: number };

/** Streams `{"x":"aaaa…` in 16 KiB chunks (no Content-Length) until the answer comes or `maxBytes` were sent. */
function streamUntilAnswered(path: string, maxBytes: number, headers: Record<string, string> = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    let bytesSent = 0;
    let answered = false;
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url, ...headers } });
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, bytesSent });
        req.destroy();
      });
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const pump = () => {
      while (!answered && bytesSent < maxBytes) {
        bytesSent += chunk.length;
        if (!req.write(bytesSent === chunk.length ? Buffer.concat([Buffer.from('{"x":"'), chunk]) : chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

const MB = 1024 * 1024;

describe('413 before the body is read whole', () => {
  test.each([
    ['/v1/auth/login', bodyLimits.defaultBytes],
    ['/v1/auth/password-reset', bodyLimits.defaultBytes],
    ['/v1/requests', intake.maxBodyBytes],
    ['/v1/widget/events', bodyLimits.eventsBytes],
    ['/dashboard/login', bodyLimits.defaultBytes],
  ])('POST %s: a chunked body that never ends is cut off at its limit (%i bytes)', async (path, limit) => {
    const sent = await streamUntilAnswered(path, 64 * MB);
    expect(sent.status).toBe(413);
    expect(JSON.parse(sent.body)).toMatchObject({ error: 'payload_too_large', limit });
    // The answer came long before the client ran out of body to send.
    expect(sent.bytesSent).toBeLessThan(16 * MB);
  });

  test('a Content-Length over the limit is refused without reading a byte of the body', async () => {
    const res = await fetch(`${server.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'a@example.fi', password: 'x'.repeat(bodyLimits.defaultBytes) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large', limit: bodyLimits.defaultBytes });
  });

  test('a body under the limit is read as before', async () => {
    const res = await fetch(`${server.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'nobody@example.fi', password: 'wrong-password-1' }),
    });
    expect(res.status).toBe(401);
  });
});
