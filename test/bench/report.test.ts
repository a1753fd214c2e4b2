// `npm run bench` rewrites BENCHMARKS.md's generated tables from the JSON lines of its run
// (bench/report/): what is between a section's markers is replaced, everything else is left byte
// for byte, and a section whose benches did not run keeps its table. No bench runs here.
import { expect, test } from 'vitest';
import { Figures, jsonLines } from '../../bench/report/figures.ts';
import { replaceMarked } from '../../bench/report/markers.ts';
import { renderSections } from '../../bench/report/sections.ts';

const run = (name: string, exit = 0) =>
  JSON.stringify({
    bench: 'run',
    run: name,
    exit,
    startedAt: '2026-12-03T16:30:12.345Z',
    endedAt: '2026-12-03T16:31:40.000Z',
    loadAverage: [0.52, 1.31],
    node: 'v24.21.0',
    commit: 'abc1234',
  });

const mail = [
  ['settings', 'mailsDue', 5000],
  ['settings', 'smtpLatencyMs', 0],
  ['intake', 'requestsPerSecond', 151.2],
  ['one drain call', 'sent', 4550],
  ['one drain call', 'mailsPerSecond', 227.5],
  ['drain calls back to back', 'calls', 2],
  ['drain calls back to back', 'mailsPerSecond', 229.7],
  ['drain calls back to back', 'cpuMsPerMail', 3.8],
  ['drain calls back to back', 'delivered', 5000],
  ['drain calls back to back', 'doubled', 0],
].map(([name, metric, value]) => JSON.stringify({ bench: 'mail', case: name, metric, value }));

const roundTrips = [
  ['configAgain', '`GET /v1/widget/config`, again', 0, 0, undefined],
  ['leads', '`GET /v1/leads`', 2, 2, 1],
].flatMap(([name, request, trips, statements, target]) => [
  JSON.stringify({ bench: 'round-trips', case: name, request, metric: 'roundTrips', value: trips, target }),
  JSON.stringify({ bench: 'round-trips', case: name, request, metric: 'statements', value: statements }),
]);

/** What a child prints: progress and tables among the JSON lines. */
const output = ['## mail: node bench/mail.ts', '| commit | mails due |', ...mail, run('mail'), ...roundTrips, run('round-trips')].join(
  '\n',
);

const doc = `# Benchmarks

Prose that quotes nothing.

<!-- bench:mail -->

| old mail table |

<!-- /bench:mail -->

Between the sections.

<!-- bench:round-trips -->
old round trips
<!-- /bench:round-trips -->

<!-- bench:list -->

| old list table, kept |

<!-- /bench:list -->

The end, no newline after it.`;

const between = (text: string, name: string) => text.slice(text.indexOf(`<!-- bench:${name} -->`), text.indexOf(`<!-- /bench:${name} -->`));
/** The document with every marked section's content taken out: what must not change. */
const outside = (text: string) => text.replace(/(<!-- bench:([\w-]+) -->)[\s\S]*?(<!-- \/bench:\2 -->)/g, '$1$3');

test('the sections that ran are rewritten from their JSON lines, under the line they were measured under', () => {
  const { rendered, kept } = renderSections(new Figures(jsonLines(output)));
  const next = replaceMarked(doc, rendered);

  expect(outside(next)).toBe(outside(doc));
  expect(between(next, 'list')).toBe(between(doc, 'list'));
  expect(kept.map((s) => s.name)).toContain('list');
  expect([...rendered.keys()].sort()).toEqual(['mail', 'round-trips']);

  const measured = 'Measured 2026-12-03 16:30 UTC by `npm run bench` (mail): load average 0.5 → 1.3, Node v24.21.0, commit `abc1234`.';
  expect(between(next, 'mail')).toContain(measured);
  expect(between(next, 'mail')).not.toContain('old mail table');
  expect(between(next, 'mail')).toContain('| 5 000 | 0 ms | 4 550 | 227.5 | 2 | **229.7** | 3.8 | 5 000 / 0 |');
  expect(between(next, 'round-trips')).toContain('| `GET /v1/leads` | 2 | 2 | 1: **not met** |');
  expect(between(next, 'round-trips')).toContain('| `GET /v1/widget/config`, again | 0 | 0 | – |');
});

test('rewriting again with the same figures changes nothing', () => {
  const { rendered } = renderSections(new Figures(jsonLines(output)));
  const once = replaceMarked(doc, rendered);
  expect(replaceMarked(once, rendered)).toBe(once);
});

test('a bench that failed leaves its section as it was', () => {
  const failed = output.replace(run('mail'), run('mail', 1));
  const { rendered, kept } = renderSections(new Figures(jsonLines(failed)));
  expect(rendered.has('mail')).toBe(false);
  expect(kept.map((s) => s.name)).toContain('mail');
  expect(between(replaceMarked(doc, rendered), 'mail')).toBe(between(doc, 'mail'));
});

test('a section without its markers is an error that names it, and nothing is replaced', () => {
  const { rendered } = renderSections(new Figures(jsonLines(output)));
  const withoutMail = doc.replace('<!-- /bench:mail -->', '');
  expect(() => replaceMarked(withoutMail, rendered)).toThrow('<!-- bench:mail --> … <!-- /bench:mail -->');
  expect(() => replaceMarked(`${doc}\n<!-- bench:mail -->\n<!-- /bench:mail -->\n`, rendered)).toThrow(
    'marks section "mail" more than once',
  );
});

test('a figure a section needs but the run lacks is an error that names both', () => {
  const lacking = output
    .split('\n')
    .filter((line) => !line.includes('"cpuMsPerMail"'))
    .join('\n');
  expect(() => renderSections(new Figures(jsonLines(lacking)))).toThrow(/section "mail": no figure .*"cpuMsPerMail"/);
});
