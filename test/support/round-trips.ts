// Issue 12 "Zero and one round trip": what each hot request costs at the database on the Worker,
// counted at the libSQL stand-in (TestServer.edgeCounts). One measurement, two readers:
// test/edge/round-trips.test.ts asserts the counts, bench/round-trips.ts prints them for
// BENCHMARKS.md. Counts are deterministic, unlike times.
import { contractor, sendRequest } from './accounts.ts';
import { postRequest, validRequest } from './intake.ts';
import type { ServerOptions, TestServer } from './server.ts';

/** Page-view ticks buffered as in production (config.ts `counters`). */
export const roundTripServer: ServerOptions = { config: { counterFlushSeconds: 60 } };

/**
 * The requests measured, in order, as BENCHMARKS.md names them. `target`: the round trips issue
 * 12 asks for, where it names a number (counters 1, intake ≤ 2, the list 1, a purchase 2,
 * dashboard pages ≤ 2; the configuration 0 once cached).
 */
export const hotRequests = {
  configFirst: { request: '`GET /v1/widget/config`, first in a location' },
  configAgain: { request: '`GET /v1/widget/config`, again', target: 0 },
  shown: { request: '`POST /v1/widget/events` (`shown`)', target: 1 },
  intake: { request: '`POST /v1/requests`', target: 2 },
  intakeWithKey: { request: '`POST /v1/requests` + Idempotency-Key', target: 2 },
  postalCode: { request: '`GET /v1/postal-codes/:code`' },
  leads: { request: '`GET /v1/leads`', target: 1 },
  purchase: { request: '`POST /v1/leads/:id/purchase`', target: 2 },
  lead: { request: '`GET /v1/leads/:id`, bought (the contact is revealed)' },
  leadNotBought: { request: '`GET /v1/leads/:id`, not bought' },
  dashboardLeads: { request: '`GET /dashboard` (the leads page)', target: 2 },
  dashboardLead: { request: '`GET /dashboard/leads/:id`', target: 2 },
} satisfies Record<string, { request: string; target?: number }>;

export type HotRequest = keyof typeof hotRequests;
export type Cost = { status: number; roundTrips: number; statements: number };

/** Each hot request once, on a server started with `roundTripServer` (Worker engine). */
export async function measureRoundTrips(server: TestServer): Promise<Record<HotRequest, Cost>> {
  const edgeCounts = server.edgeCounts;
  if (!edgeCounts) throw new Error('round trips are counted on the Worker engine only (LINKKI_ENGINE=worker)');
  /** What `work` cost at the database: Hrana requests (round trips) and statements. */
  const cost = async (work: () => Promise<Response>): Promise<Cost> => {
    const before = edgeCounts();
    const res = await work();
    await res.arrayBuffer();
    const after = edgeCounts();
    return { status: res.status, roundTrips: after.roundTrips - before.roundTrips, statements: after.statements - before.statements };
  };

  const origin = 'https://rautakauppa.example';
  const partner = (await server.createPartner({ origins: [origin] })).publicKey;
  const config = () => fetch(`${server.url}/v1/widget/config?partner=${partner}&lang=fi`, { headers: { origin } });
  const configFirst = await cost(config);
  const configAgain = await cost(config);
  const seller = await contractor(server);
  const ids = [await sendRequest(server, partner), await sendRequest(server, partner)];
  return {
    configFirst,
    configAgain,
    shown: await cost(() =>
      fetch(`${server.url}/v1/widget/events`, {
        method: 'POST',
        headers: { origin, 'content-type': 'text/plain' },
        body: JSON.stringify({ partner, event: 'shown' }),
      }),
    ),
    intake: await cost(() => postRequest(server.url, validRequest(partner), { origin })),
    intakeWithKey: await cost(() => postRequest(server.url, validRequest(partner), { origin, 'idempotency-key': crypto.randomUUID() })),
    postalCode: await cost(() => fetch(`${server.url}/v1/postal-codes/00100?lang=fi`)),
    leads: await cost(() => seller.call('GET', '/v1/leads')),
    purchase: await cost(() => seller.call('POST', `/v1/leads/${ids[0]}/purchase`)),
    lead: await cost(() => seller.call('GET', `/v1/leads/${ids[0]}`)),
    leadNotBought: await cost(() => seller.call('GET', `/v1/leads/${ids[1]}`)),
    dashboardLeads: await cost(() => seller.call('GET', '/dashboard')),
    dashboardLead: await cost(() => seller.call('GET', `/dashboard/leads/${ids[1]}`)),
  };
}
