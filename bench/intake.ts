// `npm run bench [-- --engine node|worker]`: throughput and latency of POST /v1/requests and the
// look-ups, over loopback HTTP against libSQL in a temp file.
// - node:   the real Node server (api/node.ts) in a child process;
// - worker: the Worker bundled by wrangler, in workerd (Miniflare), talking Hrana over HTTP to the
//           libSQL stand-in, which runs in this process (so it shares a core with the load).
// Not a test: numbers go to BENCHMARKS.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'node' } } });
const total = Number(process.env.BENCH_REQUESTS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

type Target = { url: string; partner: string; stop(): Promise<void> };

async function nodeTarget(): Promise<Target> {
  const port = 8700 + Math.floor(Math.random() * 80);
  const dir = mkdtempSync(join(tmpdir(), 'linkki-bench-'));
  const child = spawn(process.execPath, ['api/node.ts'], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: join(dir, 'bench.db'), RATE_LIMIT_INTAKE: '100000000', RATE_LIMIT_LOOKUP: '100000000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('running on')) resolve(); });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return {
    url: `http://localhost:${port}`,
    partner: 'demo',
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function workerTarget(): Promise<Target> {
  process.env.LINKKI_ENGINE = 'worker';
  const { default: bundle } = await import('../test/support/worker-bundle.ts');
  bundle();
  const { startServer } = await import('../test/support/server.ts');
  const huge = { limit: 100_000_000, windowSeconds: 60 };
  const server = await startServer({ config: { rateLimits: { intake: huge, lookup: huge, login: huge } } });
  const { publicKey } = await server.createPartner({ origins: [new URL(server.url).origin] });
  return { url: server.url, partner: publicKey, stop: server.close };
}

const target = values.engine === 'worker' ? await workerTarget() : await nodeTarget();
const { url, partner } = target;

const body = (i: number) => JSON.stringify({
  partner, customerType: 'person', category: 'bathroom',
  description: `Kylpyhuoneen remontti numero ${i}, laatoitus ja vedeneristys.`,
  postalCode: '00100', town: 'Helsinki', email: `asiakas${i}@example.fi`, phone: '040 123 4567', consent: true,
});

async function run(name: string, send: (i: number) => Promise<Response>, expected: number) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const t = performance.now();
      const res = await send(i);
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      if (res.status !== expected) failures++;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
  console.log(`${name.padEnd(28)} ${(total / seconds).toFixed(0).padStart(6)} req/s   p50 ${pct(0.5)} ms   p99 ${pct(0.99)} ms   failures ${failures}`);
}

console.log(`engine ${values.engine}, Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model}, ${total} requests per row, concurrency ${concurrency}`);
const headers = { 'content-type': 'application/json', origin: url };
await run('POST /v1/requests', (i) => fetch(`${url}/v1/requests`, { method: 'POST', headers, body: body(i) }), 201);
await run('POST /v1/requests +idem key', (i) =>
  fetch(`${url}/v1/requests`, { method: 'POST', headers: { ...headers, 'idempotency-key': `bench-key-${i}-${Date.now()}-abcdef` }, body: body(i) }), 201);
await run('GET /v1/postal-codes/:code', () => fetch(`${url}/v1/postal-codes/00100`), 200);
await run('GET /v1/widget/config', () => fetch(`${url}/v1/widget/config?partner=${partner}`), 200);
await target.stop();
