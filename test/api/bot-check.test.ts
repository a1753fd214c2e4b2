// Issue 13, proof of work (ALTCHA v2, no third party): every browser's request carries a solved,
// signed, unexpired challenge of its own partner, and each solution is good once. Refused
// → 422 bot_check on field altcha, nothing stored. On both engines.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { botCheck } from '../../api/config.ts';
import { systemActor } from '../../api/domain/context.ts';
import { forgetExpired } from '../../api/domain/housekeeping.ts';
import { testClock } from '../support/clock.ts';
import { nothingStored, postRequest, storedRows, validRequest } from '../support/intake.ts';
import { altchaField, challengeFor, proofFor, solve } from '../support/proof.ts';
import { startServer, type TestServer } from '../support/server.ts';

const origin = 'https://rautakauppa.example';
const clock = testClock();
let server: TestServer;
let key: string;
let other: string;

beforeAll(async () => {
  server = await startServer({ clock });
  key = (await server.createPartner({ origins: [origin] })).publicKey;
  other = (await server.createPartner({ origins: ['https://toinen.example'] })).publicKey;
});
afterAll(() => server.close());

async function expectBotCheck(res: Response, reason: string) {
  const text = await res.text();
  expect([res.status, JSON.parse(text)]).toEqual([422, { error: 'bot_check', field: 'altcha', reason }]);
}

describe('GET /v1/widget/challenge', () => {
  test('a signed challenge for the partner, never cached, expiring after the configured time', async () => {
    const res = await fetch(`${server.url}/v1/widget/challenge?partner=${key}`, { headers: { origin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    const challenge = await res.json();
    expect(challenge.parameters).toMatchObject({ algorithm: 'SHA-256', cost: 1, keyLength: 32, data: { partner: key } });
    expect(challenge.parameters.data.expires).toBe(Math.floor(clock.now().getTime() / 1000) + botCheck.ttlSeconds);
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
  });

  test('an unknown partner gets none (404); a missing one 422', async () => {
    expect((await fetch(`${server.url}/v1/widget/challenge?partner=ei-ole`)).status).toBe(404);
    expect((await fetch(`${server.url}/v1/widget/challenge`)).status).toBe(422);
  });

  test('the widget configuration names the challenge URL', async () => {
    const config = await (await fetch(`${server.url}/v1/widget/config?partner=${key}`)).json();
    expect(config.challengeUrl).toBe(`${server.url}/v1/widget/challenge?partner=${key}`);
  });
});

describe('POST /v1/requests refuses a request without a good proof, and stores nothing', () => {
  test('no proof → bot_check (missing)', async () => {
    await expectBotCheck(await postRequest(server.url, validRequest(key, { altcha: undefined }), { origin }), 'missing');
    expect(await storedRows(server.db)).toEqual(nothingStored);
  });

  test.each([
    ['not base64 JSON', () => Promise.resolve('bm90IGpzb24')],
    [
      'a wrong counter',
      async () => {
        const challenge = await challengeFor(server.url, key);
        const right = await solve(challenge);
        return altchaField(challenge, { ...right, counter: right.counter + 1 });
      },
    ],
    [
      'a changed prefix (the signature no longer holds)',
      async () => {
        const challenge = await challengeFor(server.url, key);
        const solution = await solve(challenge);
        challenge.parameters.keyPrefix = solution.derivedKey.slice(0, 32).replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
        return altchaField(challenge, solution);
      },
    ],
    ["another partner's challenge", () => proofFor(server.url, other)],
  ])('%s → bot_check (invalid)', async (_, make) => {
    await expectBotCheck(await postRequest(server.url, validRequest(key, { altcha: await make() }), { origin }), 'invalid');
    expect(await storedRows(server.db)).toEqual(nothingStored);
  });

  test("an expired challenge → bot_check (expired), on the server's clock", async () => {
    const altcha = await proofFor(server.url, key);
    clock.advance(botCheck.ttlSeconds * 1000 + 1000);
    try {
      await expectBotCheck(await postRequest(server.url, validRequest(key, { altcha }), { origin }), 'expired');
    } finally {
      clock.advance(-(botCheck.ttlSeconds * 1000 + 1000));
    }
    expect(await storedRows(server.db)).toEqual(nothingStored);
  });
});

describe('a solution is good once', () => {
  test('the same proof again → bot_check (used); the first request stays, the second stores nothing', async () => {
    const altcha = await proofFor(server.url, key);
    const first = await postRequest(server.url, validRequest(key, { altcha }), { origin });
    expect(first.status).toBe(201);
    const before = await storedRows(server.db);
    await expectBotCheck(
      await postRequest(server.url, validRequest(key, { altcha, description: 'Toinen pyyntö samalla todisteella.' }), { origin }),
      'used',
    );
    expect(await storedRows(server.db)).toEqual(before);
  });

  test('8 requests at once with one proof: exactly one is stored', async () => {
    const altcha = await proofFor(server.url, key);
    const before = (await storedRows(server.db)).requests;
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        postRequest(server.url, validRequest(key, { altcha, description: `Samanaikainen pyyntö ${i}, sama todiste.` }), { origin }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 422, 422, 422, 422, 422, 422, 422]);
    expect((await storedRows(server.db)).requests).toBe(before + 1);
  });

  test('a retry with the same Idempotency-Key gets the first answer, though its proof is spent', async () => {
    const altcha = await proofFor(server.url, key);
    const headers = { origin, 'idempotency-key': crypto.randomUUID() };
    const body = validRequest(key, { altcha });
    const first = await postRequest(server.url, body, headers);
    const again = await postRequest(server.url, body, headers);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).id).toBe((await first.json()).id);
  });

  test('the cleanup forgets a spent proof once its challenge has expired', async () => {
    const count = async () => Number((await server.db.execute('SELECT count(*) AS n FROM bot_proofs')).rows[0]!.n);
    const spent = await count();
    expect(spent).toBeGreaterThan(0);
    const soon = await forgetExpired({ ctx: server.deps, actor: systemActor('test'), input: { now: clock.now() } });
    expect([soon.botProofsDeleted, await count()]).toEqual([0, spent]);
    const later = new Date(clock.now().getTime() + botCheck.ttlSeconds * 1000 + 1000);
    const after = await forgetExpired({ ctx: server.deps, actor: systemActor('test'), input: { now: later } });
    expect([after.botProofsDeleted, await count()]).toEqual([spent, 0]);
  });
});
