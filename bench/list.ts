// `npm run bench:list`: the leads list at scale (issue 12). BENCH_LEADS open requests (default
// 100 000) over four weeks, every region and category, in a temp libSQL file under the Node server
// (startNodeServer through test/support/server.ts, in this process); a contractor signed in over
// HTTP. Then, one request at a time (BENCH_REQUESTS per case, default 300): GET /v1/leads and the
// dashboard's list page for each filter, first page and the page after five `nextCursor`s; the
// list's statement alone; the widget's configuration alone and beside two loops that hammer the
// list (head-of-line blocking: the local libSQL client runs each statement on the event loop).
// Every figure is a JSON line on stdout, then Markdown tables and the query plans.
// Not a test: numbers go to BENCHMARKS.md.
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { systemClock } from '../api/adapters/clock.ts';
import { createApp } from '../api/app.ts';
import { decodeCursor, leadListStatement } from '../api/domain/leads.ts';
import { sqlActor } from '../api/domain/sessions.ts';
import { resolveSession } from '../api/domain/sessions.ts';
import { companyUser } from '../test/support/session.ts';
import { startServer } from '../test/support/server.ts';
import { deepPage, listFilters as filters, listPages as pages, listQuery as query } from './cases.ts';
import type { Job, Timed } from './list-client.ts';

const leads = Number(process.env.BENCH_LEADS ?? 100_000);
const n = Number(process.env.BENCH_REQUESTS ?? 300);
const warmup = 20;
/** What Chromium sends: the Node server answers in brotli above 1 KiB (api/node-compress.ts). */
const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };

type Stats = { p50: number; p99: number; mean: number; count: number };
/** Nearest rank. */
function stats(latencies: number[]): Stats {
  const v = latencies.toSorted((a, b) => a - b);
  const rank = (p: number) => v[Math.max(0, Math.ceil(p * v.length) - 1)]!;
  return { p50: rank(0.5), p99: rank(0.99), mean: v.reduce((a, b) => a + b, 0) / v.length, count: v.length };
}
const round = (ms: number) => Math.round(ms * 100) / 100;
function emit(name: string, metric: string, value: number, unit = 'ms') {
  console.log(JSON.stringify({ bench: 'list', case: name, metric, value: unit === 'ms' ? round(value) : value, unit }));
}
function report(name: string, s: Stats) {
  emit(name, 'p50Ms', s.p50);
  emit(name, 'p99Ms', s.p99);
  emit(name, 'meanMs', s.mean);
  return s;
}

/** A client thread, and its jobs one at a time. */
function clientThread() {
  const worker = new Worker(new URL('./list-client.ts', import.meta.url));
  const run = (job: Job) =>
    new Promise<Timed>((resolve, reject) => {
      worker.once('message', (result: Timed) => {
        if (result.failures.length) reject(new Error(`${result.failures.length} failed, first: ${result.failures[0]}`));
        else resolve(result);
      });
      worker.postMessage(job);
    });
  return { run, stop: () => worker.postMessage({ kind: 'stop' }), close: () => worker.terminate() };
}

/** Timed on this thread (the server's), with nothing else running: no HTTP. */
async function timeInProcess(run: () => Promise<unknown>): Promise<Stats> {
  const latencies: number[] = [];
  for (let i = 0; i < warmup + n; i++) {
    const t = performance.now();
    await run();
    if (i >= warmup) latencies.push(performance.now() - t);
  }
  return stats(latencies);
}

const server = await startServer({ clock: systemClock });
const measurer = clientThread();
const loader = clientThread();
const load = [loadavg()[0]!];
try {
  console.error(
    `Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model}, load ${load[0]!.toFixed(1)}, ${leads} leads, ${n} per case`,
  );
  const partner = await server.createPartner({ name: 'Bench partner' });
  const now = server.clock.now().getTime();
  const fourWeeks = 28 * 86_400_000;
  // The server's garbage collector (this thread's heap; the client threads have their own).
  const gcPauses: number[] = [];
  new PerformanceObserver((list) => gcPauses.push(...list.getEntries().map((e) => e.duration))).observe({ entryTypes: ['gc'] });
  let t = performance.now();
  // One statement, as test/api/leads.plan.test.ts seeds: requests spread evenly over the last four
  // weeks, newest first, each visible for four weeks; regions and categories cycle independently
  // (19 × 15 combinations), so every filter and pair has its share. Ids are random, like crypto.randomUUID()'s.
  await server.db.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < :count - 1),
               cats AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS total FROM categories),
               regs AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS total FROM regions)
          INSERT INTO requests (id, partner_id, customer_type, category_id, description, postal_code, region_code, town,
                                locale, consent_notice_version, status, created_at, expires_at)
          SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
                       || hex(randomblob(2)) || '-' || hex(randomblob(6))),
                 :partner, CASE n.i % 3 WHEN 0 THEN 'person' WHEN 1 THEN 'company' ELSE 'housing_company' END, cats.id,
                 'Remontti numero ' || n.i || ': vanhat pinnat puretaan, tilalle uudet materiaalit. Toivomme tarjousta '
                   || 'työstä ja tarvikkeista, aloitus joustavasti kevään aikana. Kohde on ' || (40 + n.i % 160) || ' m².',
                 printf('%05d', (n.i * 7919) % 99000 + 100), regs.code, 'Kaupunki ' || (n.i % 300), 'fi', 'v', 'open',
                 :now - (n.i + 1) * :step, :now - (n.i + 1) * :step + :visible
          FROM n JOIN regs ON regs.k = n.i % regs.total JOIN cats ON cats.k = (n.i / regs.total) % cats.total`,
    args: { count: leads, partner: partner.id, now, step: Math.floor(fourWeeks / leads), visible: fourWeeks },
  });
  const seeded = (performance.now() - t) / 1000;
  console.error(`seeded ${leads} open requests in ${seeded.toFixed(1)} s`);
  emit('seed', 'seconds', Math.round(seeded * 10) / 10, 's');
  emit('seed', 'openRequests', leads, 'requests');
  emit('seed', 'requestsPerCell', n, 'requests');

  const user = await companyUser(server);
  const cookie = user.session.cookie!;
  const signedIn = { ...browser, cookie };
  const who = sqlActor({ id: user.id, companyId: user.companyId, role: 'member', sessionHash: '', locale: 'fi' });
  const at = server.clock.now().getTime();

  // The cursor of each filter's deep page: five `nextCursor`s followed, as a contractor paging on.
  const cursors = new Map<string, string>();
  for (const [name, filter] of filters) {
    let cursor: string | undefined;
    for (let page = 1; page < deepPage; page++) {
      const res = await user.session.json<{ nextCursor: string | null }>('GET', `/v1/leads${query(filter, cursor)}`);
      if (res.status !== 200 || !res.body.nextCursor)
        throw new Error(`${name}: no page ${page + 1} (status ${res.status}); BENCH_LEADS too small?`);
      cursor = res.body.nextCursor;
    }
    cursors.set(name, cursor!);
  }

  type Row = { filter: string; page: string; api: Stats & { gc: number }; dashboard: Stats & { gc: number }; sql: Stats };
  const rows: Row[] = [];
  for (const [name, filter] of filters) {
    for (const page of pages) {
      const cursor = page === 'first' ? undefined : cursors.get(name);
      const qs = query(filter, cursor);
      const label = (what: string) => `${what}${query(filter)} ${page}`;
      const time = async (path: string) => {
        gcPauses.length = 0;
        const s = report(
          label(`GET ${path}`),
          stats((await measurer.run({ kind: 'time', url: `${server.url}${path}${qs}`, headers: signedIn, n, warmup })).latencies),
        );
        await new Promise(setImmediate);
        const gc = Math.max(0, ...gcPauses);
        emit(label(`GET ${path}`), 'serverGcLongestMs', gc);
        emit(
          label(`GET ${path}`),
          'serverGcTotalMs',
          gcPauses.reduce((a, b) => a + b, 0),
        );
        return { ...s, gc };
      };
      const api = await time('/v1/leads');
      const dashboard = await time('/dashboard');
      const statement = leadListStatement(who, at, filter, decodeCursor(cursor), 21);
      const sql = report(label('leadListStatement'), await timeInProcess(() => server.db.execute(statement)));
      rows.push({ filter: name, page, api, dashboard, sql });
      console.error(`${name}, ${page}: api p99 ${api.p99.toFixed(1)} ms, sql p99 ${sql.p99.toFixed(2)} ms`);
    }
  }
  // Where the time of the unfiltered first page goes: the session read every signed-in request
  // makes, the whole app in process (routing, session, validation, SQL, JSON or HTML; no socket,
  // no compression), then HTTP without and with brotli.
  const token = cookie.slice(cookie.indexOf('=') + 1);
  const session = report('resolveSession', await timeInProcess(() => resolveSession({ ctx: server.deps, input: { token } })));
  const app = createApp(server.deps);
  const inProcess = async (path: string) => {
    const res = await app.request(path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path} in process: ${res.status}`);
    return (await res.arrayBuffer()).byteLength;
  };
  const appApi = report('app.request /v1/leads', await timeInProcess(() => inProcess('/v1/leads')));
  const appDashboard = report('app.request /dashboard', await timeInProcess(() => inProcess('/dashboard')));
  const bytes = { api: await inProcess('/v1/leads'), dashboard: await inProcess('/dashboard') };
  emit('GET /v1/leads first', 'bytesUncompressed', bytes.api, 'bytes');
  emit('GET /dashboard first', 'bytesUncompressed', bytes.dashboard, 'bytes');
  const identity = { kind: 'time', url: `${server.url}/v1/leads`, headers: { cookie }, n, warmup } as const;
  const plain = report('GET /v1/leads first, no Accept-Encoding', stats((await measurer.run(identity)).latencies));

  // Head-of-line blocking: the widget's configuration (answered from the memory cache, no SQL)
  // alone, then while two loops ask for the list as fast as it answers.
  const configUrl = `${server.url}/v1/widget/config?partner=${partner.publicKey}&lang=fi`;
  const config = { kind: 'time', url: configUrl, headers: browser, n, warmup } as const;
  // How late the server's event loop ran a 1 ms timer meanwhile: what waited behind list work
  // (or for a core: the machine is shared).
  const loopDelay = async (name: string, during: () => Promise<Timed>) => {
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const result = report(name, stats((await during()).latencies));
    histogram.disable();
    const delay = { p50: histogram.percentile(50) / 1e6, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
    emit(`${name}: server event-loop delay`, 'p99Ms', delay.p99);
    emit(`${name}: server event-loop delay`, 'maxMs', delay.max);
    return { ...result, delay };
  };
  const alone = await loopDelay('GET /v1/widget/config alone', () => measurer.run(config));
  const listUrls = filters.slice(1).flatMap(([, filter]) => [`${server.url}/v1/leads`, `${server.url}/v1/leads${query(filter)}`]);
  const hammering = loader.run({ kind: 'hammer', urls: listUrls, headers: signedIn, loops: 2 });
  t = performance.now();
  const beside = await loopDelay('GET /v1/widget/config beside 2 list loops', () => measurer.run(config));
  loader.stop();
  const hammered = await hammering;
  const listRate = hammered.latencies.length / ((performance.now() - t) / 1000);
  const hammer = report('GET /v1/leads in the 2 loops', stats(hammered.latencies));
  emit('GET /v1/leads in the 2 loops', 'requestsPerSecond', Math.round(listRate), 'req/s');
  emit('GET /v1/widget/config beside / alone', 'p50Ratio', round(beside.p50 / alone.p50), 'ratio');
  emit('GET /v1/widget/config beside / alone', 'p99Ratio', round(beside.p99 / alone.p99), 'ratio');

  const plans: string[] = [];
  for (const [name, filter] of filters) {
    for (const page of pages) {
      const { sql, args } = leadListStatement(who, at, filter, decodeCursor(page === 'first' ? undefined : cursors.get(name)), 21);
      const detail = (await server.db.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args })).rows.map((r) => `${r.detail}`);
      plans.push(`${name}, ${page === 'first' ? 'first page' : 'after a cursor'}:`, ...detail.map((d) => `  ${d}`));
    }
  }
  load.push(loadavg()[0]!);
  emit('machine', 'loadAverageStart', round(load[0]!), '1 min');
  emit('machine', 'loadAverageEnd', round(load[1]!), '1 min');

  const ms = (s: Stats) => `${s.p50.toFixed(1)} / ${s.p99.toFixed(1)}`;
  const fine = (s: Stats) => `${s.p50.toFixed(2)} / ${s.p99.toFixed(2)}`;
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const out = [
    `${leads} open requests, ${n} requests per cell, one at a time; load average ${load[0]!.toFixed(1)} → ${load[1]!.toFixed(1)}`,
    '',
    line([
      'filter',
      'page',
      '`GET /v1/leads` p50 / p99 ms',
      '`GET /dashboard` p50 / p99 ms',
      'statement alone p50 / p99 ms',
      "server's longest GC pause, API / dashboard ms",
    ]),
    line(['---', '---', '---:', '---:', '---:', '---:']),
    ...rows.map((r) =>
      line([r.filter, r.page, ms(r.api), ms(r.dashboard), fine(r.sql), `${r.api.gc.toFixed(1)} / ${r.dashboard.gc.toFixed(1)}`]),
    ),
    '',
    line(['no filter, first page', 'p50 / p99 ms']),
    line(['---', '---:']),
    line(['`leadListStatement` alone (SQL, 21 rows read)', fine(rows[0]!.sql)]),
    line(['`resolveSession` alone (every signed-in request)', fine(session)]),
    line([`\`app.request('/v1/leads')\` in process (${bytes.api} bytes of JSON)`, fine(appApi)]),
    line([`\`app.request('/dashboard')\` in process (${bytes.dashboard} bytes of HTML)`, fine(appDashboard)]),
    line(['`GET /v1/leads` over HTTP, no Accept-Encoding', ms(plain)]),
    line(['`GET /v1/leads` over HTTP, brotli', ms(rows[0]!.api)]),
    line(['`GET /dashboard` over HTTP, brotli', ms(rows[0]!.dashboard)]),
    '',
    line(['`GET /v1/widget/config?partner=…&lang=fi`', 'p50 ms', 'p99 ms', "server's event-loop delay p99 / max ms"]),
    line(['---', '---:', '---:', '---:']),
    line(['alone', alone.p50.toFixed(1), alone.p99.toFixed(1), `${alone.delay.p99.toFixed(1)} / ${alone.delay.max.toFixed(1)}`]),
    line([
      'beside 2 loops of `GET /v1/leads`',
      beside.p50.toFixed(1),
      beside.p99.toFixed(1),
      `${beside.delay.p99.toFixed(1)} / ${beside.delay.max.toFixed(1)}`,
    ]),
    line(['ratio', `${(beside.p50 / alone.p50).toFixed(1)}×`, `${(beside.p99 / alone.p99).toFixed(1)}×`, '']),
    line([`the 2 loops' \`GET /v1/leads\` (${Math.round(listRate)} req/s)`, hammer.p50.toFixed(1), hammer.p99.toFixed(1), '']),
    '',
    'EXPLAIN QUERY PLAN of leadListStatement',
    '',
    '```',
    ...plans,
    '```',
  ];
  console.log(`\n${out.join('\n')}`);
} finally {
  await measurer.close();
  await loader.close();
  await server.close();
}
