// Issue 12 "Zero and one round trip": on the Worker every statement the database sees is an
// HTTP round trip (Turso is a network hop away), so what a hot request costs is counted at the
// libSQL stand-in, request by request. Counts are deterministic, unlike times: CI asserts them.
// Worker engine only (the vitest "worker" project); on Node the database is a local file.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contractor, sendRequest } from '../support/accounts.ts';
import { postRequest, validRequest } from '../support/intake.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let partner: string;
const origin = 'https://rautakauppa.example';

beforeAll(async () => {
  // Page-view ticks buffered as in production (config.ts `counters`).
  server = await startServer({ config: { counterFlushSeconds: 60 } });
  partner = (await server.createPartner({ origins: [origin] })).publicKey;
});
afterAll(() => server.close());

/** What `work` cost at the database: Hrana requests (round trips) and statements. */
async function cost(work: () => Promise<Response>): Promise<{ status: number; roundTrips: number; statements: number }> {
  const before = server.edgeCounts!();
  const res = await work();
  await res.arrayBuffer();
  const after = server.edgeCounts!();
  return { status: res.status, roundTrips: after.roundTrips - before.roundTrips, statements: after.statements - before.statements };
}

test('round trips per hot endpoint on the Worker', async () => {
  expect(server.edgeCounts).toBeDefined();
  const counts: Record<string, unknown> = {};
  const config = () => fetch(`${server.url}/v1/widget/config?partner=${partner}&lang=fi`, { headers: { origin } });
  counts.configFirst = await cost(config);
  counts.configAgain = await cost(config);
  counts.configNoOrigin = await cost(() => fetch(`${server.url}/v1/widget/config?partner=${partner}&lang=fi`));
  const seller = await contractor(server);
  const ids = [await sendRequest(server, partner), await sendRequest(server, partner)];
  counts.shown = await cost(() =>
    fetch(`${server.url}/v1/widget/events`, {
      method: 'POST',
      headers: { origin, 'content-type': 'text/plain' },
      body: JSON.stringify({ partner, event: 'shown' }),
    }),
  );
  counts.intake = await cost(() => postRequest(server.url, validRequest(partner), { origin }));
  counts.intakeWithKey = await cost(() =>
    postRequest(server.url, validRequest(partner), { origin, 'idempotency-key': crypto.randomUUID() }),
  );
  counts.postalCode = await cost(() => fetch(`${server.url}/v1/postal-codes/00100?lang=fi`));
  counts.leads = await cost(() => seller.call('GET', '/v1/leads'));
  counts.purchase = await cost(() => seller.call('POST', `/v1/leads/${ids[0]}/purchase`));
  counts.lead = await cost(() => seller.call('GET', `/v1/leads/${ids[0]}`));
  counts.dashboardLeads = await cost(() => seller.call('GET', '/dashboard'));
  counts.dashboardLead = await cost(() => seller.call('GET', `/dashboard/leads/${ids[1]}`));
  const roundTrips = Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, (c as { roundTrips: number }).roundTrips]));
  expect(Object.values(counts).every((c) => (c as { status: number }).status < 400)).toBe(true);
  // What each costs now. Lower is welcome (then lower the number here); higher fails.
  // Issue 12's target not yet met: the leads list in 1 (the session read is a round trip of
  // its own before the list's).
  expect(roundTrips).toEqual({
    configFirst: 3, // all partners' origins (CORS), the partner, the categories: once per location and minute
    configAgain: 0, // from the cache
    configNoOrigin: 0, // no Origin, no CORS look-up (the hosted form's same-origin GET)
    shown: 0, // summed in memory (api/domain/counter-buffer.ts)
    intake: 2, // the source's count (and the key's first answer), then one write batch
    intakeWithKey: 2,
    postalCode: 1, // the look-up's rate-limit count; no CORS look-up without an Origin
    leads: 2,
    purchase: 2,
    lead: 3,
    dashboardLeads: 2, // the session (with the user's language), the list; the category filter is cached
    dashboardLead: 2,
  });
});
