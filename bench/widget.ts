// `npm run bench:widget`: what a partner's page pays for the widget, in Chromium against the real
// Node server serving dist/ as `npm run build` left it. A cold visit (a new browser context, its
// cache empty) and a warm one (the same context, another page of the partner's site), on a slow-3G
// profile and unthrottled: bytes on the wire per request, the time until the first input can be
// used, and when each request starts and ends. Medians of BENCH_RUNS runs (default 5).
// Not a test: numbers go to BENCHMARKS.md.
import { loadavg } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';
import { systemClock } from '../api/adapters/clock.ts';
import { launchBrowser, partnerPage, startPartnerSite, strictCsp } from '../test/support/browser.ts';
import { startServer } from '../test/support/server.ts';
import { widgetKinds as kinds, partnerKinds as partner } from './cases.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);

/** Throttled by Chromium itself (CDP): one latency per request, no handshakes; 50 000 bytes/s = 400 kbit/s. */
const profiles = {
  'slow-3g': { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 },
  // Zeros and -1 lift any throttling (crbug.com/456324#c9).
  unthrottled: { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 },
};

type Kind = keyof typeof kinds | keyof typeof partner | 'other';
type Seen = {
  kind: Kind;
  start: number;
  end?: number;
  /** Received, headers included (what DevTools calls transferred). */
  bytes: number;
  headerBytes: number;
  status?: number;
  source: 'network' | 'cache' | '304' | 'failed';
};

function kindOf(url: URL, type: string | undefined, method: string, api: string): Kind | undefined {
  if (url.origin !== api) return type === 'Document' ? 'page' : type === 'Stylesheet' ? 'css' : undefined;
  const path = url.pathname;
  if (method === 'OPTIONS') return 'other';
  if (path === '/widget.js') return 'loader';
  if (/^\/widget-app-/.test(path)) return 'app';
  if (/^\/widget-(fi|sv|en)-/.test(path)) return 'language';
  if (path === '/v1/widget/config') return 'config';
  if (path === '/v1/widget/events') return 'event';
  return 'other';
}

/** The requests of one visit to the API's origin, and the partner's page and stylesheet, from the DevTools protocol. */
function recorder(cdp: CDPSession, api: string) {
  let seen = new Map<string, Seen>();
  let anchor: { timestamp: number; wallTime: number } | undefined;
  let changed = () => {};
  const at = (id: string, update: (s: Seen) => void) => {
    const s = seen.get(id);
    if (s) update(s);
    changed();
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type === 'Document') anchor ??= e;
    const kind = kindOf(new URL(e.request.url), e.type, e.request.method, api);
    if (kind) seen.set(e.requestId, { kind, start: e.timestamp, bytes: 0, headerBytes: 0, source: 'network' });
  });
  cdp.on('Network.requestServedFromCache', (e) => at(e.requestId, (s) => (s.source = 'cache')));
  cdp.on('Network.responseReceived', (e) =>
    at(e.requestId, (s) => {
      s.status = e.response.status;
      if (e.response.fromDiskCache || e.response.fromPrefetchCache) s.source = 'cache';
      if (e.response.status === 304) s.source = '304';
      // Before the body, what was received is the status line and headers (a cached answer repeats its old figure).
      if (s.source !== 'cache') s.headerBytes = e.response.encodedDataLength;
    }),
  );
  cdp.on('Network.loadingFinished', (e) =>
    at(e.requestId, (s) => {
      s.end = e.timestamp;
      s.bytes = e.encodedDataLength;
    }),
  );
  // The counter's keepalive fetch ends as "canceled" once its answer is in: the renderer lets go
  // of it. With a status, it was answered; what arrived was the headers.
  cdp.on('Network.loadingFailed', (e) =>
    at(e.requestId, (s) => {
      s.end = e.timestamp;
      if (s.status === undefined) s.source = 'failed';
      else if (s.source === 'network') s.bytes = s.headerBytes;
    }),
  );
  return {
    reset() {
      seen = new Map();
      anchor = undefined;
    },
    /** Once the counter event is sent and every request has ended. */
    settled: () =>
      new Promise<void>((resolve) => {
        changed = () => {
          const all = [...seen.values()];
          if (all.some((s) => s.kind === 'event') && all.every((s) => s.end !== undefined)) resolve();
        };
        changed();
      }),
    /** Protocol timestamps (monotonic seconds) as milliseconds since the page's navigation started. */
    requests(timeOrigin: number) {
      const shift = anchor!.wallTime * 1000 - timeOrigin;
      const ms = (t: number) => (t - anchor!.timestamp) * 1000 + shift;
      return [...seen.values()].map((s) => ({ ...s, start: ms(s.start), end: ms(s.end!) }));
    },
  };
}

async function visit(page: Page, rec: ReturnType<typeof recorder>, url: string) {
  rec.reset();
  await page.goto(url, { waitUntil: 'commit' });
  // Polled every animation frame from the commit on: the first frame in which the first input,
  // select or textarea in the shadow root is rendered, visible and enabled.
  const shown = await page.waitForFunction(
    () => {
      const el = document
        .querySelector('linkki-request')
        ?.shadowRoot?.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea');
      return el && !el.disabled && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && performance.now();
    },
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  const firstInputMs = (await shown.jsonValue()) as number;
  await rec.settled();
  return { firstInputMs, requests: rec.requests(await page.evaluate(() => performance.timeOrigin)) };
}

type Figures = Map<string, number[]>;
const figures = new Map<string, Figures>();
const sources = new Map<string, string[]>();
const push = <T>(map: Map<string, T[]>, key: string, value: T) => (map.get(key) ?? map.set(key, []).get(key)!).push(value);
const put = (scenario: string, metric: string, value: number) =>
  push(figures.get(scenario) ?? figures.set(scenario, new Map()).get(scenario)!, metric, value);

function add(scenario: string, { firstInputMs, requests }: Awaited<ReturnType<typeof visit>>) {
  put(scenario, 'firstInputMs', firstInputMs);
  const widget = requests.filter((r) => r.kind !== 'page' && r.kind !== 'css');
  const total = (key: 'bytes' | 'headerBytes') => widget.reduce((sum, r) => sum + r[key], 0);
  put(scenario, 'bytes', total('bytes'));
  put(scenario, 'headerBytes', total('headerBytes'));
  put(scenario, 'requests', widget.filter((r) => r.source === 'network' || r.source === '304').length);
  for (const r of requests) {
    if (r.kind === 'other') console.error(`unexpected request in ${scenario}`, r);
    if (r.kind in kinds) put(scenario, `bytes.${r.kind}`, r.bytes);
    put(scenario, `start.${r.kind}`, r.start);
    put(scenario, `end.${r.kind}`, r.end);
    push(sources, `${scenario} ${r.kind}`, r.source);
  }
  const app = requests.find((r) => r.kind === 'app');
  const config = requests.find((r) => r.kind === 'config');
  if (app?.source === 'network' && config) put(scenario, 'configBeforeAppEnd', config.start < app.end ? 1 : 0);
}

const server = await startServer({ clock: systemClock });
const site = await startPartnerSite();
const browser = await launchBrowser();
try {
  const { publicKey } = await server.createPartner({ origins: [site.origin] });
  const html = partnerPage(server.url, [{ partner: publicKey }]);
  const first = site.show('/kylpyhuone', html, strictCsp(server.url));
  const second = site.show('/keittio', html, strictCsp(server.url));
  console.error(
    `Chromium ${browser.version()}, ${runs} runs, API ${server.url}, partner page ${site.origin}, load ${loadavg()[0]!.toFixed(1)}`,
  );
  for (let run = 1; run <= runs; run++) {
    for (const [name, conditions] of Object.entries(profiles)) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const rec = recorder(cdp, server.url);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', conditions);
      add(`${name}-cold`, await visit(page, rec, first));
      add(`${name}-warm`, await visit(page, rec, second));
      await context.close();
      console.error(`run ${run}/${runs} ${name} done`);
    }
  }
} finally {
  await browser.close();
  await site.close();
  await server.close();
  console.error(`load ${loadavg()[0]!.toFixed(1)}`);
}

const median = (values: number[]) => {
  const v = [...values].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
};
const count = (values: number[]) => values.reduce((a, b) => a + b, 0);
const values = (scenario: string, metric: string) => figures.get(scenario)?.get(metric);
const mid = (scenario: string, metric: string) => {
  const v = values(scenario, metric);
  return v ? median(v) : undefined;
};

console.log(JSON.stringify({ bench: 'widget', scenario: 'all', metric: 'runs', value: runs, unit: 'runs' }));
for (const [scenario, metrics] of figures) {
  for (const [metric, v] of metrics) {
    const [value, unit] =
      metric === 'configBeforeAppEnd'
        ? [count(v), `runs of ${v.length}`]
        : [Math.round(median(v)), metric.toLowerCase().includes('bytes') ? 'bytes' : metric === 'requests' ? 'requests' : 'ms'];
    console.log(JSON.stringify({ bench: 'widget', scenario, metric, value, unit }));
  }
}

// Markdown, digits grouped by spaces as in the rest of BENCHMARKS.md.
const n = (v: number | undefined) => (v === undefined ? '–' : String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ' '));
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const scenarios = [...figures.keys()];
/** The median's bytes, and where the answer came from when that was not the network in most runs. */
const bytesCell = (s: string, kind: string) => {
  const from = sources.get(`${s} ${kind}`);
  if (!from) return 'not asked';
  const usual = from.toSorted((a, b) => from.filter((x) => x === b).length - from.filter((x) => x === a).length)[0];
  return usual === 'network' ? n(mid(s, `bytes.${kind}`)) : `${n(mid(s, `bytes.${kind}`))} (${usual})`;
};
const span = (s: string, kind: string) =>
  mid(s, `start.${kind}`) === undefined ? '–' : `${n(mid(s, `start.${kind}`))} → ${n(mid(s, `end.${kind}`))}`;
const table = [
  row([`median of ${runs}`, 'first input ms', 'bytes', 'of which headers', 'requests', ...Object.values(kinds)]),
  row(['---', ...Array(4 + Object.keys(kinds).length).fill('---:')]),
  ...scenarios.map((s) =>
    row([
      s,
      n(mid(s, 'firstInputMs')),
      n(mid(s, 'bytes')),
      n(mid(s, 'headerBytes')),
      n(mid(s, 'requests')),
      ...Object.keys(kinds).map((k) => bytesCell(s, k)),
    ]),
  ),
  '',
  row(['ms from navigation start: start → end', ...scenarios]),
  row(['---', ...scenarios.map(() => '---:')]),
  ...Object.entries({ ...partner, ...kinds }).map(([k, label]) => row([label, ...scenarios.map((s) => span(s, k))])),
  row(['first input', ...scenarios.map((s) => n(mid(s, 'firstInputMs')))]),
  row([
    'config asked before the app chunk ended',
    ...scenarios.map((s) => {
      const v = values(s, 'configBeforeAppEnd');
      return v ? `${count(v)} of ${v.length} runs` : '– (cached)';
    }),
  ]),
];
console.log(`\n${table.join('\n')}`);
