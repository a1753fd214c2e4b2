// `npm run bench:pow`: how long the widget's proof of work takes (issue 13), in Chromium with
// the widget's own solver (dist/widget-pow-*.js, as `npm run build` left it) against the real
// Node server at the production difficulty (config.ts `botCheck`, or POW_DIFFICULTY): on this
// machine's CPU, and on a slow phone's (Chromium's CPU throttling 4×). The counter is drawn at
// random, so each run searches a different part of the range: BENCH_RUNS runs (default 20),
// p50 / p90 / max. The solving starts at the visitor's first keystroke and runs while they type;
// the figure says how much typing time it needs, not a wait. Also the bytes it adds.
// Not a test: numbers go to BENCHMARKS.md.
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { systemClock } from '../api/adapters/clock.ts';
import { botCheck } from '../api/config.ts';
import { launchBrowser } from '../test/support/browser.ts';
import { startServer } from '../test/support/server.ts';

const runs = Number(process.env.BENCH_RUNS ?? 20);
const difficulty = Number(process.env.POW_DIFFICULTY ?? botCheck.difficulty);
const profiles: [string, number][] = [
  ['this machine', 1],
  ['slow phone (CPU 4×)', 4],
];

const file = readdirSync('dist').find((f) => /^widget-pow-[\w-]+\.js$/.test(f));
if (!file) throw new Error('no dist/widget-pow-*.js: run `npm run build` first');
const code = readFileSync(`dist/${file}`);
const bytes = {
  raw: code.length,
  gzip: gzipSync(code, { level: 9 }).length,
  brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
};

const server = await startServer({ clock: systemClock, config: { powDifficulty: difficulty } });
const browser = await launchBrowser();
try {
  const partner = await server.createPartner({ origins: [] });
  // Our own origin, CSP bypassed: the bench imports the chunk itself and times only the solving.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/privacy`);
  const cdp = await context.newCDPSession(page);
  console.log(`difficulty ${difficulty} (the counter is drawn from 0…${difficulty - 1}), ${runs} runs per profile`);
  console.log(JSON.stringify({ bench: 'pow', case: 'settings', metric: 'difficulty', value: difficulty }));
  console.log(JSON.stringify({ bench: 'pow', case: 'settings', metric: 'runs', value: runs }));
  for (const [metric, value] of Object.entries(bytes)) {
    console.log(JSON.stringify({ bench: 'pow', case: 'chunk', metric: `${metric}Bytes`, value, unit: 'bytes' }));
  }
  for (const [name, rate] of profiles) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const ms = await page.evaluate(
        async ({ module, url }) => {
          const { solve } = await import(module);
          const start = performance.now();
          if (!(await solve(url))) throw new Error('not solved');
          return performance.now() - start;
        },
        { module: `${server.url}/${file}`, url: `${server.url}/v1/widget/challenge?partner=${partner.publicKey}` },
      );
      times.push(ms);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
    const stats = { p50Ms: at(0.5), p90Ms: at(0.9), maxMs: times.at(-1)! };
    console.log(
      `${name.padEnd(22)} p50 ${stats.p50Ms.toFixed(0)} ms   p90 ${stats.p90Ms.toFixed(0)} ms   max ${stats.maxMs.toFixed(0)} ms`,
    );
    for (const [metric, value] of Object.entries(stats)) {
      console.log(JSON.stringify({ bench: 'pow', case: name, metric, value: Math.round(value), unit: 'ms' }));
    }
  }
} finally {
  await browser.close();
  await server.close();
}
