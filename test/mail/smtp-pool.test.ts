// The SMTP adapter's pool against local servers: concurrent sends share mail.sendConcurrency
// connections instead of opening one per message, and a message whose connection broke after it
// was handed over is not sent again on another connection (at most once).
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { describe, expect, test } from 'vitest';
import { createSmtpMailer } from '../../api/adapters/mailer-smtp.ts';
import { mail } from '../../api/config.ts';

describe('SMTP pool', () => {
  test('concurrent sends share at most sendConcurrency connections', async () => {
    let connections = 0;
    let delivered = 0;
    const counting = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      disableReverseLookup: true,
      onConnect(_session, callback) {
        connections++;
        callback();
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => {
          delivered++;
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${(counting.server.address() as AddressInfo).port}`, 'Linkki <no-reply@localhost>');
    try {
      const messages = Array.from({ length: 24 }, (_, i) => ({
        id: `pool-${i}`,
        to: 'a@example.fi',
        subject: 's',
        text: 't',
        html: '<p>t</p>',
      }));
      // As a drain does: sendConcurrency loops, each sending its next message when the last one is done.
      const queue = [...messages];
      await Promise.all(
        Array.from({ length: mail.sendConcurrency }, async () => {
          for (let m = queue.shift(); m; m = queue.shift()) await mailer.send(m);
        }),
      );
      expect(delivered).toBe(messages.length);
      expect(connections).toBeLessThanOrEqual(mail.sendConcurrency);
    } finally {
      await mailer.close?.();
      await new Promise<void>((resolve) => counting.close(() => resolve()));
    }
  });

  test('a connection broken after the message was handed over is not retried on another connection', async () => {
    // Takes the message, then hangs up instead of answering 250.
    let bodies = 0;
    const sockets = new Set<Socket>();
    const rude = createServer((socket) => {
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
    await new Promise<void>((resolve) => rude.listen(0, '127.0.0.1', resolve));
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${(rude.address() as AddressInfo).port}`, 'Linkki <no-reply@localhost>');
    try {
      await expect(mailer.send({ id: 'once', to: 'a@example.fi', subject: 's', text: 't', html: '<p>t</p>' })).rejects.toMatchObject({
        outcome: 'unknown',
      });
      expect(bodies).toBe(1);
    } finally {
      await mailer.close?.();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => rude.close(() => resolve()));
    }
  });
});
