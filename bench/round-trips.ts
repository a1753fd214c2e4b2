// `npm run bench` (its round-trips step): what each hot request costs at the database on the
// Worker, round trips and statements, counted at the libSQL stand-in by the same measurement
// test/edge/round-trips.test.ts asserts (test/support/round-trips.ts). The Worker is bundled by
// wrangler and run in workerd, as in the suite's worker project. Prints JSON lines, then a table.
import { hotRequests, measureRoundTrips, roundTripServer } from '../test/support/round-trips.ts';

process.env.LINKKI_ENGINE = 'worker';
const { default: bundle } = await import('../test/support/worker-bundle.ts');
bundle();
const { startServer } = await import('../test/support/server.ts');
const server = await startServer(roundTripServer);
try {
  const counts = await measureRoundTrips(server);
  const rows: string[] = [];
  for (const [name, cost] of Object.entries(counts)) {
    const { request, target } = hotRequests[name as keyof typeof hotRequests] as { request: string; target?: number };
    if (cost.status >= 400) throw new Error(`${name} answered ${cost.status}`);
    const figure = { bench: 'round-trips', case: name, request };
    console.log(JSON.stringify({ ...figure, metric: 'roundTrips', value: cost.roundTrips, unit: 'round trips', target }));
    console.log(JSON.stringify({ ...figure, metric: 'statements', value: cost.statements, unit: 'statements' }));
    rows.push(`| ${request} | ${cost.roundTrips} | ${cost.statements} | ${target ?? '–'} |`);
  }
  console.log(['', '| request | round trips | statements | target |', '| --- | ---: | ---: | ---: |', ...rows].join('\n'));
} finally {
  await server.close();
}
