// Issue 12 "Zero and one round trip": on the Worker every statement the database sees is an
// HTTP round trip (Turso is a network hop away), so what a hot request costs is counted at the
// libSQL stand-in, request by request (test/support/round-trips.ts, which `npm run bench` also
// runs for BENCHMARKS.md). Counts are deterministic, unlike times: CI asserts them.
// Worker engine only (the vitest "worker" project); on Node the database is a local file.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contractor, sendRequest } from '../support/accounts.ts';
import { measureRoundTrips, roundTripServer } from '../support/round-trips.ts';
import { startServer, type TestServer } from '../support/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer(roundTripServer);
});
afterAll(() => server.close());

test('round trips per hot endpoint on the Worker', async () => {
  expect(server.edgeCounts).toBeDefined();
  const counts = await measureRoundTrips(server);
  const roundTrips = Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, c.roundTrips]));
  expect(Object.values(counts).every((c) => c.status < 400)).toBe(true);
  // What each costs now. Lower is welcome (then lower the number here); higher fails.
  expect(roundTrips).toEqual({
    configFirst: 3, // all partners' origins (CORS), the partner, the categories: once per location and minute
    configAgain: 0, // from the cache
    configNoOrigin: 0, // no Origin, no CORS look-up (the hosted form's same-origin GET)
    shown: 0, // summed in memory (api/domain/counter-buffer.ts)
    intake: 2, // the source's count (and the key's first answer), then one write batch
    intakeWithKey: 2,
    postalCode: 1, // the source's count; the data is in the bundle, and no Origin means no origin look-up
    leads: 1, // the session and the list in one read (domain/sessions.ts, readSignedIn)
    purchase: 2,
    lead: 2, // bought: the session and the lead in one read, then the audited reveal (a write)
    leadNotBought: 1,
    dashboardLeads: 2, // the session (with the user's language), the list; the category filter is cached
    dashboardLead: 2,
  });
});

test('the list filtered on confirmed contacts (issue 13), first page and the next: one round trip each', async () => {
  const edgeCounts = server.edgeCounts!;
  const partner = (await server.createPartner()).publicKey;
  for (let i = 0; i < 3; i++) await sendRequest(server, partner, { region: '09', category: 'plumbing' });
  const seller = await contractor(server);
  const cost = async (path: string) => {
    const before = edgeCounts().roundTrips;
    const res = await seller.call('GET', path);
    const body = await res.json();
    return { status: res.status, roundTrips: edgeCounts().roundTrips - before, body };
  };
  const first = await cost('/v1/leads?confirmed=false&region=09&category=plumbing&limit=2');
  expect([first.status, first.roundTrips, first.body.items.length]).toEqual([200, 1, 2]);
  const next = await cost(`/v1/leads?confirmed=false&region=09&category=plumbing&limit=2&cursor=${first.body.nextCursor}`);
  expect([next.status, next.roundTrips, next.body.items.length]).toEqual([200, 1, 1]);
});

test('the list filtered on answers (issue 13), first page and the next: one round trip each', async () => {
  const edgeCounts = server.edgeCounts!;
  const partner = (await server.createPartner()).publicKey;
  const flat = { region: '10', category: 'kitchen', answers: { timing: 'asap', propertyType: 'apartment' } };
  for (let i = 0; i < 3; i++) {
    await sendRequest(server, partner, flat);
    await sendRequest(server, partner, { ...flat, answers: { timing: 'later', propertyType: 'apartment' } });
  }
  const seller = await contractor(server);
  const cost = async (path: string) => {
    const before = edgeCounts().roundTrips;
    const res = await seller.call('GET', path);
    const body = await res.json();
    return { status: res.status, roundTrips: edgeCounts().roundTrips - before, body };
  };
  const first = await cost('/v1/leads?timing=asap&propertyType=apartment&region=10&category=kitchen&limit=2');
  expect([first.status, first.roundTrips, first.body.items.length]).toEqual([200, 1, 2]);
  const next = await cost(
    `/v1/leads?timing=asap&propertyType=apartment&region=10&category=kitchen&limit=2&cursor=${first.body.nextCursor}`,
  );
  expect([next.status, next.roundTrips, next.body.items.length]).toEqual([200, 1, 1]);
});
