// `node_modules/.bin/node bench/worker-request.ts` (after `npm run build`): what one request costs
// the Worker, one at a time. The Worker is bundled by wrangler and run in workerd (Miniflare) as
// test/support/server.ts does, over the libSQL stand-in in this process; no test clock is bound,
// so nothing but the request is timed.
// - GET /favicon.ico touches no database: the Worker's own cost per request (plus loopback HTTP);
// - GET /healthz and GET /v1/widget/config add their libSQL round trips.
// BENCH_BUNDLE=dir runs a bundle made elsewhere (`wrangler deploy --dry-run --outdir dir` on
// another commit), to compare two versions on the same machine at the same time.
// Not a test: numbers go to BENCHMARKS.md.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { noCache } from '../api/adapters/cache.ts';
import { systemClock } from '../api/adapters/clock.ts';
import { generateKeyMaterial } from '../api/adapters/keys.ts';
import { createDatabase } from '../api/db/client.ts';
import { migrate } from '../api/db/migrate.ts';
import { readMigrations } from '../api/db/migrations-node.ts';
import { openFileDatabase } from '../api/db/open-file.ts';
import { seedDemo } from '../api/domain/demo.ts';
import { startLibsqlServer } from '../tools/libsql-server/server.ts';
import bundle, { bundleDir as testBundleDir } from '../test/support/worker-bundle.ts';

const total = Number(process.env.BENCH_REQUESTS ?? 1000);
const warmup = 50;

const bundleDir = process.env.BENCH_BUNDLE ?? testBundleDir;
if (!process.env.BENCH_BUNDLE) bundle();
const dir = mkdtempSync(join(tmpdir(), 'linkki-bench-'));
const dbPath = join(dir, 'bench.db');
const client = await openFileDatabase(dbPath);
await migrate(client, readMigrations());
const port = 8700 + Math.floor(Math.random() * 80);
const url = `http://127.0.0.1:${port}`;
await seedDemo({ client, db: createDatabase(client), clock: systemClock, cache: noCache }, [url]);
const libsql = await startLibsqlServer({ dbPath, port: 0, hostname: '127.0.0.1' });

const { Miniflare } = await import('miniflare');
const worker = new Miniflare({
  modules: true,
  scriptPath: `${bundleDir}/worker.js`,
  modulesRoot: bundleDir,
  modulesRules: [{ type: 'Text', include: ['**/*.txt'] }],
  compatibilityDate: /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync('wrangler.toml', 'utf8'))![1]!,
  host: '127.0.0.1',
  port,
  cf: false,
  bindings: {
    DATABASE_URL: libsql.url,
    LINKKI_KEYS: JSON.stringify(generateKeyMaterial()),
    PUBLIC_URL: url,
    RATE_LIMIT_LOOKUP: '100000000',
    MAIL_DRAIN_AFTER_WRITE: 'false',
    ADMIN_EMAIL: 'bench-admin@linkki.test',
    ADMIN_PASSWORD: 'bench-staff-tunnus-2026',
  },
});
await worker.ready;

async function run(path: string, expected: number) {
  const latencies: number[] = [];
  let failures = 0;
  for (let i = 0; i < warmup + total; i++) {
    const t = performance.now();
    const res = await fetch(`${url}${path}`);
    await res.arrayBuffer();
    if (i >= warmup) latencies.push(performance.now() - t);
    if (res.status !== expected) failures++;
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(2);
  console.log(`${path.padEnd(34)} p50 ${pct(0.5)} ms  p90 ${pct(0.9)} ms  p99 ${pct(0.99)} ms  failures ${failures}`);
}

try {
  console.log(`${bundleDir}: Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model}`);
  console.log(`${total} sequential requests per row (after ${warmup} unmeasured)`);
  await run('/favicon.ico', 204);
  await run('/healthz', 200);
  await run('/v1/widget/config?partner=demo', 200);
} finally {
  await worker.dispose();
  await libsql.close();
  client.close();
  rmSync(dir, { recursive: true, force: true });
}
