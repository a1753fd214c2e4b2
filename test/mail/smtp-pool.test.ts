// The SMTP adapter's pool against local servers: concurrent sends share mail.sendConcurrency
// connections instead of opening one per message, and a message whose connection broke after it
// was handed over is not sent again on another connection (at most once).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { describe, expect, test } from 'vitest';
import { createSmtpMailer } from '../../api/adapters/mailer-smtp.ts';
import { mail } from '../../api/config.ts';
import { startHangUpSmtp } from '../support/mail-inbox.ts';

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
    const rude = await startHangUpSmtp();
    const mailer = createSmtpMailer(rude.url, 'Linkki <no-reply@localhost>');
    try {
      await expect(mailer.send({ id: 'once', to: 'a@example.fi', subject: 's', text: 't', html: '<p>t</p>' })).rejects.toMatchObject({
        outcome: 'unknown',
      });
      expect(rude.bodies()).toBe(1);
    } finally {
      await mailer.close?.();
      await rude.close();
    }
  });
});
