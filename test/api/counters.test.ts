// S13: built-in, cookieless counters per partner and day — shown, started, sent — and nothing
// about the visitor.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { counterDay } from '../../api/domain/counters.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { signInAdmin, type Client } from '../support/session.ts';
import { now, testClock } from '../support/clock.ts';

const origin = 'https://rautakauppa.example';
let server: TestServer;
let admin: Client;
let partner: { id: string; publicKey: string };

beforeAll(async () => {
  server = await startServer({ config: { clientIpHeader: 'x-forwarded-for' } });
  admin = await signInAdmin(server);
  partner = await server.createPartner({ origins: [origin] });
});
afterAll(() => server.close());

const tick = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/v1/widget/events`, {
    method: 'POST',
    body,
    headers: { origin, 'content-type': 'text/plain;charset=UTF-8', ...headers },
  });

test('shown and started from the widget, sent from intake, per partner and day; no visitor data', async () => {
  for (let i = 0; i < 3; i++)
    expect((await tick(JSON.stringify({ partner: partner.publicKey, event: 'shown' }), { 'x-forwarded-for': '192.0.2.44' })).status).toBe(
      204,
    );
  expect((await tick(JSON.stringify({ partner: partner.publicKey, event: 'started' }))).status).toBe(204);
  expect((await postRequest(server.url, validRequest(partner.publicKey), { origin })).status).toBe(201);
  // A honeypot hit is not a request sent.
  expect((await postRequest(server.url, validRequest(partner.publicKey, { website: 'x' }), { origin })).status).toBe(201);

  const today = counterDay(new Date(now()));
  const stats = await admin.json('GET', `/v1/admin/partners/${partner.id}/stats?from=${today}&to=${today}`);
  expect(stats).toMatchObject({ status: 200, body: { items: [{ day: today, shown: 3, started: 1, sent: 1 }] } });

  const rows = await server.db.execute('SELECT * FROM partner_counters');
  expect(Object.keys(rows.rows[0]!).sort()).toEqual(['count', 'day', 'event', 'partner_id']);
  expect(JSON.stringify(rows.rows)).not.toContain('192.0.2.44');
});

test('the CORS preflight is not needed, and a foreign page or unknown partner counts nothing', async () => {
  const other = await server.createPartner({ origins: ['https://other.example'] });
  expect((await tick(JSON.stringify({ partner: other.publicKey, event: 'shown' }))).status).toBe(403);
  expect((await tick(JSON.stringify({ partner: 'pk_nobody', event: 'shown' }))).status).toBe(403);
  expect((await tick(JSON.stringify({ partner: partner.publicKey, event: 'purchased' }))).status).toBe(422);
  expect((await tick('{nope')).status).toBe(400);
  expect((await tick(JSON.stringify({ partner: partner.publicKey, event: 'shown', pad: 'x'.repeat(2000) }))).status).toBe(413);
  const n = await server.db.execute({ sql: 'SELECT count(*) AS n FROM partner_counters WHERE partner_id = ?', args: [other.id] });
  expect(Number(n.rows[0]!.n)).toBe(0);
});

test('only staff read the counters', async () => {
  const res = await fetch(`${server.url}/v1/admin/partners/${partner.id}/stats?from=2026-01-01&to=2026-12-31`);
  expect(res.status).toBe(401);
  expect((await admin.json('GET', `/v1/admin/partners/${partner.id}/stats?from=2026-1-1&to=x`)).status).toBe(422);
});

test('issue 12: page-view ticks wait in memory and are written together, within COUNTER_FLUSH_SECONDS', async () => {
  const clock = testClock();
  const buffered = await startServer({ clock, config: { counterFlushSeconds: 30 } });
  try {
    const p = await buffered.createPartner({ origins: [origin] });
    const send = (event: string) =>
      fetch(`${buffered.url}/v1/widget/events`, {
        method: 'POST',
        body: JSON.stringify({ partner: p.publicKey, event }),
        headers: { origin, 'content-type': 'text/plain;charset=UTF-8' },
      });
    const stored = async () =>
      (
        await buffered.db.execute({
          sql: 'SELECT event, count FROM partner_counters WHERE partner_id = ? ORDER BY event',
          args: [p.id],
        })
      ).rows.map((r) => `${r.event} ${r.count}`);
    for (const event of ['shown', 'shown', 'started', 'shown']) expect((await send(event)).status).toBe(204);
    // Nothing written yet: four page views, no database write.
    expect(await stored()).toEqual([]);
    // Past the window, the next tick writes all of them in one batch.
    clock.advance(31_000);
    expect((await send('shown')).status).toBe(204);
    expect(await stored()).toEqual(['shown 4', 'started 1']);
  } finally {
    await buffered.close();
  }
});
