// BENCHMARKS.md's generated sections, each rendered from the figures of one run. A section is
// rewritten only when every child it reads ran to the end in this run; otherwise it keeps the
// table of the run before. Targets are issue 12's, as this file records them; – where none is recorded.
import { type Figure, type Figures, fixed, int, ms, row, rule, type Section, unique, verdict } from './figures.ts';
import { list, listCells, listP99Ms } from './list-section.ts';
import { widget } from './widget-section.ts';

/** Intake's throughput at least half the ceiling route's. */
const ceilingRatio = 0.5;

const httpLabels: Record<string, string> = {
  'POST /v1/requests +idem key': '`POST /v1/requests` + Idempotency-Key',
  'GET /v1/leads/:id (buyer)': '`GET /v1/leads/:id` (buyer, decrypts, audits)',
};
/** A case bench/intake.ts prints as it reads in the table: `` `GET /v1/leads` (20 per page) ``. */
const code = (name: string) => httpLabels[name] ?? name.replace(/^(\S+ \S+)(.*)$/, '`$1`$2');

const http: Section = {
  name: 'http',
  runs: ['http-node', 'http-worker'],
  render(f) {
    const node = { bench: 'http', engine: 'node' };
    const worker = { bench: 'http', engine: 'worker' };
    const cases = unique(f.all(node).map((x) => x.case)).filter((c) => c !== 'settings' && !c.startsWith('ceiling'));
    const cell = (engine: typeof node, name: string, metric: string, show: (f: Figures, m: Record<string, unknown>) => string) =>
      f.all({ ...engine, case: name, metric }).length ? show(f, { ...engine, case: name }) : '–';
    return [
      `${int(f.value({ ...node, case: 'settings', metric: 'requestsPerRow' }))} requests per row, concurrency ` +
        `${f.value({ ...node, case: 'settings', metric: 'concurrency' })}:`,
      '',
      row(['endpoint', 'node req/s', 'node p50 / p99 ms', 'worker req/s', 'worker p50 / p99 ms']),
      rule(['l', 'r', 'r', 'r', 'r']),
      ...cases.map((name) =>
        row([
          code(name),
          cell(node, name, 'reqPerSec', (f, m) => int(f.value({ ...m, metric: 'reqPerSec' }))),
          cell(node, name, 'p50Ms', ms),
          cell(worker, name, 'reqPerSec', (f, m) => int(f.value({ ...m, metric: 'reqPerSec' }))),
          cell(worker, name, 'p50Ms', ms),
        ]),
      ),
    ];
  },
};

const ceiling: Section = {
  name: 'ceiling',
  runs: ['http-node'],
  render(f) {
    const node = { bench: 'http', engine: 'node' };
    const intake = { ...node, case: 'POST /v1/requests' };
    const top = { ...node, case: 'ceiling: one INSERT' };
    const ratio = f.value({ ...intake, metric: 'ratioToCeiling' });
    return [
      `${int(f.value({ ...node, case: 'settings', metric: 'requestsPerRow' }))} requests per route, concurrency ` +
        `${f.value({ ...node, case: 'settings', metric: 'concurrency' })}:`,
      '',
      row(['route', 'req/s', 'p50 / p99 ms']),
      rule(['l', 'r', 'r']),
      row(['`POST /v1/requests`', int(f.value({ ...intake, metric: 'reqPerSec' })), ms(f, intake)]),
      row(['ceiling: one INSERT', int(f.value({ ...top, metric: 'reqPerSec' })), ms(f, top)]),
      row(['**intake / ceiling**', `**${fixed(ratio, 2)}**`, `target ≥ ${ceilingRatio}: ${verdict(ratio >= ceilingRatio)}`]),
    ];
  },
};

const roundTrips: Section = {
  name: 'round-trips',
  runs: ['round-trips'],
  render(f) {
    const counted = f.all({ bench: 'round-trips', metric: 'roundTrips' });
    if (counted.length === 0) throw new Error('no figure {"bench":"round-trips","metric":"roundTrips"} in this run');
    const target = (x: Figure) => (typeof x.target === 'number' ? `${x.target}: ${verdict(x.value <= x.target)}` : '–');
    return [
      row(['request', 'round trips', 'statements', 'target']),
      rule(['l', 'r', 'r', 'l']),
      ...counted.map((x) =>
        row([String(x.request ?? x.case), x.value, f.value({ bench: 'round-trips', case: x.case, metric: 'statements' }), target(x)]),
      ),
    ];
  },
};

const mail: Section = {
  name: 'mail',
  runs: ['mail'],
  render(f) {
    const m = (c: string, metric: string) => f.value({ bench: 'mail', case: c, metric });
    const sustained = 'drain calls back to back';
    return [
      row([
        'mails due',
        'reply delay',
        'sent by one drain call',
        'its mails/s',
        'calls until none due',
        'sustained mails/s',
        'CPU ms per mail',
        'delivered / doubled',
      ]),
      rule(['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']),
      row([
        int(m('settings', 'mailsDue')),
        `${m('settings', 'smtpLatencyMs')} ms`,
        int(m('one drain call', 'sent')),
        fixed(m('one drain call', 'mailsPerSecond')),
        m(sustained, 'calls'),
        `**${fixed(m(sustained, 'mailsPerSecond'))}**`,
        fixed(m(sustained, 'cpuMsPerMail')),
        `${int(m(sustained, 'delivered'))} / ${m(sustained, 'doubled')}`,
      ]),
    ];
  },
};

/** Issue 12's "Done when", each figure from this run beside its target. */
const summary: Section = {
  name: 'summary',
  runs: ['http-node', 'http-worker', 'round-trips', 'widget', 'list', 'mail'],
  render(f) {
    const none = '–';
    const cold = { bench: 'widget', scenario: 'slow-3g-cold' };
    const warm = { bench: 'widget', scenario: 'slow-3g-warm' };
    const trips = f.all({ bench: 'round-trips', metric: 'roundTrips' });
    const targeted = trips.filter((x) => typeof x.target === 'number');
    const cells = listCells(f);
    const config = (c: string, metric: string) => fixed(f.value({ bench: 'list', case: `GET /v1/widget/config ${c}`, metric }));
    const ratio = f.value({ bench: 'http', engine: 'node', case: 'POST /v1/requests', metric: 'ratioToCeiling' });
    return [
      row(['figure', 'this run', 'target', 'met']),
      rule(['l', 'r', 'l', 'l']),
      row(['widget on slow 3G, cold visit: bytes on the wire', int(f.value({ ...cold, metric: 'bytes' })), none, '']),
      row(['widget on slow 3G, cold visit: first input', `${int(f.value({ ...cold, metric: 'firstInputMs' }))} ms`, none, '']),
      row(['widget on slow 3G, warm visit: first input', `${int(f.value({ ...warm, metric: 'firstInputMs' }))} ms`, none, '']),
      ...targeted.map((x) =>
        row([`round trips on the Worker: ${x.request ?? x.case}`, x.value, `≤ ${x.target}`, verdict(x.value <= (x.target as number))]),
      ),
      row([
        `round trips on the Worker: the other ${trips.length - targeted.length} requests`,
        `${Math.min(...trips.map((x) => x.value))} – ${Math.max(...trips.map((x) => x.value))}`,
        none,
        '',
      ]),
      row([
        `\`GET /v1/leads\` p99 at ${int(f.value({ bench: 'list', case: 'seed', metric: 'openRequests' }))} open requests, worst of ${cells.cells} cells`,
        `${fixed(cells.worst)} ms`,
        `< ${listP99Ms} ms`,
        verdict(cells.met),
      ]),
      row([
        'config p50, alone → beside 2 list loops',
        `${config('alone', 'p50Ms')} → ${config('beside 2 list loops', 'p50Ms')} ms`,
        'none in the issue',
        '',
      ]),
      row([
        'config p99, alone → beside 2 list loops',
        `${config('alone', 'p99Ms')} → ${config('beside 2 list loops', 'p99Ms')} ms`,
        'none in the issue',
        '',
      ]),
      row(['intake / ceiling route, req/s', fixed(ratio, 2), `≥ ${ceilingRatio}`, verdict(ratio >= ceilingRatio)]),
      row([
        'mail sender, sustained',
        `${fixed(f.value({ bench: 'mail', case: 'drain calls back to back', metric: 'mailsPerSecond' }))} mails/s`,
        none,
        '',
      ]),
    ];
  },
};

/** Issue 13: the proof of work's solving time in Chromium and the bytes it adds after the first keystroke. */
const pow: Section = {
  name: 'pow',
  runs: ['pow'],
  render(f) {
    const p = (c: string, metric: string) => f.value({ bench: 'pow', case: c, metric });
    const profiles = unique(f.all({ bench: 'pow', metric: 'p50Ms' }).map((x) => x.case));
    return [
      `Difficulty ${int(p('settings', 'difficulty'))}, ${p('settings', 'runs')} runs per profile; the chunk is ` +
        `${int(p('chunk', 'gzipBytes'))} bytes gzip (${int(p('chunk', 'brotliBytes'))} brotli), fetched at the first keystroke:`,
      '',
      row(['CPU', 'p50 ms', 'p90 ms', 'max ms']),
      rule(['l', 'r', 'r', 'r']),
      ...profiles.map((c) => row([c, int(p(c, 'p50Ms')), int(p(c, 'p90Ms')), int(p(c, 'maxMs'))])),
    ];
  },
};

export const sections: Section[] = [summary, widget, roundTrips, http, ceiling, list, mail, pow];

/**
 * Each section whose children all ran to the end, rendered under its "measured" line; the
 * others are named in `kept`. A figure a section needs but the run lacks is an error naming it.
 */
export function renderSections(f: Figures): { rendered: Map<string, string>; kept: Section[] } {
  const rendered = new Map<string, string>();
  const kept: Section[] = [];
  for (const section of sections) {
    if (!f.ran(section.runs)) {
      kept.push(section);
      continue;
    }
    try {
      rendered.set(section.name, [f.measured(section.runs), '', ...section.render(f)].join('\n'));
    } catch (err) {
      throw new Error(`section "${section.name}": ${(err as Error).message}`);
    }
  }
  return { rendered, kept };
}
