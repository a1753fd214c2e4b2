// The SMS adapter speaks 46elks' API (checked against a local server that answers as 46elks
// does, over real HTTP), turns typed Finnish numbers into E.164, maps refusals onto the outbox's
// outcomes, and never posts twice: 46elks has no idempotency key, so a lost answer stays unknown.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createElksSms } from '../../api/adapters/sms-46elks.ts';
import { createSms } from '../../api/adapters/sms-choice.ts';
import { createDevSms, createHeldSms, isDevSms, toE164 } from '../../api/adapters/sms.ts';
import { type ElksServer, startElksServer } from '../support/sms-server.ts';

const credentials = { username: 'u0123456789abcdef', password: 'elks-secret' };
let elks: ElksServer;
beforeAll(async () => {
  elks = await startElksServer(credentials);
});
afterAll(() => elks.close());

const sms = () => createElksSms({ ...credentials, baseUrl: elks.url }, 'Linkki');
const code = (to: string, id = 'outbox-1') => ({ id, to, text: 'Linkki-vahvistuskoodisi on 123456' });

describe('46elks adapter', () => {
  test('a text arrives with our sender, the number and the words, and 46elks’ id comes back', async () => {
    elks.messages.length = 0;
    const sent = await sms().send(code('+358401234567'));
    expect(elks.messages).toEqual([
      { from: 'Linkki', to: '+358401234567', message: 'Linkki-vahvistuskoodisi on 123456', id: sent.providerId },
    ]);
    expect(sent.providerId).toMatch(/^s[0-9a-f]{32}$/);
  });

  test('a Finnish number typed as 040 … is sent as +358 …', async () => {
    elks.messages.length = 0;
    await sms().send(code('040 123 4567'));
    expect(elks.messages.map((m) => m.to)).toEqual(['+358401234567']);
  });

  test('a number that cannot be written as E.164 is refused without calling 46elks', async () => {
    elks.messages.length = 0;
    for (const to of ['soita minulle', '401234567', '040']) {
      await expect(sms().send(code(to))).rejects.toMatchObject({ outcome: 'reject', code: 'invalid_number' });
    }
    expect(elks.messages).toHaveLength(0);
  });

  test('wrong credentials are final: reject http_401', async () => {
    elks.messages.length = 0;
    const wrong = createElksSms({ ...credentials, password: 'wrong', baseUrl: elks.url }, 'Linkki');
    await expect(wrong.send(code('+358401234567'))).rejects.toMatchObject({ outcome: 'reject', code: 'http_401' });
    expect(elks.messages).toHaveLength(0);
  });

  test('503 and 429 are retried later, once each, and the next send goes through', async () => {
    elks.messages.length = 0;
    for (const status of [503, 429]) {
      elks.failNext(status);
      await expect(sms().send(code('+358401234567'))).rejects.toMatchObject({ outcome: 'retry', code: `http_${status}` });
    }
    expect(elks.messages).toHaveLength(0);
    await sms().send(code('+358401234567'));
    expect(elks.messages).toHaveLength(1);
  });

  test('another 4xx (a body over 16 KiB: 413) is final', async () => {
    elks.messages.length = 0;
    await expect(sms().send({ id: 'long', to: '+358401234567', text: 'x'.repeat(20_000) })).rejects.toMatchObject({
      outcome: 'reject',
      code: 'http_413',
    });
    expect(elks.messages).toHaveLength(0);
  });

  test('a hang-up after the message was taken is unknown, and there is no second POST', async () => {
    elks.messages.length = 0;
    elks.hangUpNext();
    await expect(sms().send(code('+358401234567'))).rejects.toMatchObject({ outcome: 'unknown', code: 'network' });
    expect(elks.messages).toHaveLength(1);
  });

  test('a sender 46elks would refuse stops the start, a valid one does not', () => {
    for (const from of ['AB', '1Linkki', 'Linkki Oy', 'Linkki-Oy', 'LinkkiRemont', '358401234567', '']) {
      expect(() => createElksSms(credentials, from), from).toThrow(/SMS sender/);
    }
    for (const from of ['ABC', 'Linkki', 'LinkkiRemon', '+358401234567']) {
      expect(createElksSms(credentials, from).from).toBe(from);
    }
  });
});

describe('the fake answers as 46elks does', () => {
  const post = (path: string, body: string, auth = credentials) =>
    fetch(`${elks.url.replace(/\/a1$/, '')}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${auth.username}:${auth.password}`)}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
    });

  test('missing keys and a bad number are 403 with a plain-text reason; other paths are 404', async () => {
    elks.messages.length = 0;
    const cases: [string, string, number, string][] = [
      ['/a1/sms', 'from=Linkki&message=hei', 403, 'Missing key to'],
      ['/a1/sms', 'from=Linkki&to=0401234567&message=hei', 403, 'Invalid to number'],
      ['/a1/calls', 'from=Linkki&to=%2B358401234567&message=hei', 404, 'Not found'],
    ];
    for (const [path, body, status, reason] of cases) {
      const res = await post(path, body);
      expect([res.status, await res.text()]).toEqual([status, reason]);
    }
    expect(elks.messages).toHaveLength(0);
  });
});

describe('toE164', () => {
  test('typed numbers become E.164; anything else is null', () => {
    expect(toE164('040 123 4567')).toBe('+358401234567');
    expect(toE164('(040) 123-45.67')).toBe('+358401234567');
    expect(toE164('+358 40 123 4567')).toBe('+358401234567');
    expect(toE164('+358 (0)40 123 4567')).toBe('+358401234567');
    expect(toE164('0046 70 123 45 67')).toBe('+46701234567');
    for (const bad of [
      '',
      'abc',
      '358401234567',
      '040',
      '+0401234567',
      '+358 40 123 4567 8901 2',
      '040 123 4567 ext 2',
      '+358+401234567',
    ]) {
      expect(toE164(bad), bad).toBeNull();
    }
  });
});

describe('the choice of sender', () => {
  test('a 46elks username and password choose 46elks, from Linkki unless set, at the given API', async () => {
    elks.messages.length = 0;
    const chosen = createSms({ ...credentials, apiUrl: elks.url }, { production: true });
    expect([chosen.kind, chosen.from]).toEqual(['46elks', 'Linkki']);
    await chosen.send(code('+358401234567'));
    expect(elks.messages.map((m) => m.from)).toEqual(['Linkki']);
    expect(createSms({ ...credentials, from: '+358501234567' }, { production: false, devOutbox: true }).from).toBe('+358501234567');
  });

  test('production without both credentials holds texts and says so', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const held = createSms({ username: credentials.username }, { production: true, devOutbox: true });
      expect(held.kind).toBe('held');
      expect(warn).toHaveBeenCalledOnce();
      await expect(held.send(code('+358401234567'))).rejects.toMatchObject({ outcome: 'retry', code: 'not_configured' });
    } finally {
      warn.mockRestore();
    }
  });

  test('a local start uses the development outbox where the runtime has one, else holds', () => {
    expect(createSms({}, { production: false, devOutbox: true }).kind).toBe('dev');
    expect(createSms({}, { production: false }).kind).toBe('held');
  });
});

describe('development outbox', () => {
  test('keeps texts newest first, up to its bound, with sender and time', async () => {
    const dev = createDevSms('Linkki', 2);
    expect(isDevSms(dev)).toBe(true);
    expect(isDevSms(createHeldSms('Linkki'))).toBe(false);
    for (const id of ['a', 'b', 'c']) expect(await dev.send(code('040 123 4567', id))).toEqual({ providerId: `dev-${id}` });
    expect(dev.messages().map((m) => [m.id, m.to, m.from])).toEqual([
      ['c', '+358401234567', 'Linkki'],
      ['b', '+358401234567', 'Linkki'],
    ]);
    expect(dev.messages()[0]!.at).toBeInstanceOf(Date);
    await expect(dev.send(code('soita'))).rejects.toMatchObject({ outcome: 'reject', code: 'invalid_number' });
  });
});
