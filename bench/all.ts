// `npm run bench`: every benchmark, one after another (they share the machine's two cores, so
// never at once): HTTP on Node (with the ceiling route) and in workerd, round trips per request
// on the Worker, the widget in Chromium, the list at 100 000 leads, the mail sender. Each child
// prints tables and its figures as JSON lines (`{"bench": …, "metric": …, "value": …}`); this
// echoes everything as it comes, collects the JSON lines, writes them with one line per child
// (`{"bench": "run", …}`: when, load average, Node, commit) to bench/last-run.jsonl, and rewrites
// BENCHMARKS.md's tables between `<!-- bench:NAME -->` markers from them (bench/report/).
//   --only widget,list   run some (by prefix); sections that need a child not run keep their tables
//   --no-write           print the sections instead of writing BENCHMARKS.md
//   --from FILE          no benches: render from a saved run (a last-run.jsonl)
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Figures, jsonLines, type RunLine } from './report/figures.ts';
import { markedSections, replaceMarked } from './report/markers.ts';
import { renderSections } from './report/sections.ts';

const runs: [string, string[]][] = [
  ['http-node', ['bench/intake.ts', '--engine', 'node']],
  ['http-worker', ['bench/intake.ts', '--engine', 'worker']],
  ['round-trips', ['bench/round-trips.ts']],
  ['widget', ['bench/widget.ts']],
  ['list', ['bench/list.ts']],
  ['mail', ['bench/mail.ts']],
  ['pow', ['bench/pow.ts']],
];
const document = 'BENCHMARKS.md';
const lastRun = 'bench/last-run.jsonl';

const { values } = parseArgs({
  options: { only: { type: 'string' }, 'no-write': { type: 'boolean' }, from: { type: 'string' } },
});
const write = !values['no-write'];

/** The commit measured; `+changes` when the tree differs from it (BENCHMARKS.md itself aside). */
function commit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  return git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--', '.', `:!${document}`, `:!${lastRun}`) ? '+changes' : '');
}

/** Runs one child with its output shown as it comes; resolves with its stdout and exit code. */
function child(args: string[]): Promise<{ stdout: string; exit: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { stdio: ['inherit', 'pipe', 'inherit'] });
    let stdout = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      stdout += chunk.toString('utf8');
    });
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ stdout, exit: code ?? 1 }));
  });
}

let lines: Record<string, unknown>[] = [];
let failed = 0;
if (values.from) {
  lines = jsonLines(readFileSync(values.from, 'utf8'));
} else {
  const only = values.only?.split(',');
  const unknown = only?.filter((o) => !runs.some(([name]) => name.startsWith(o)));
  if (unknown?.length) throw new Error(`--only ${unknown.join(',')}: no such bench (${runs.map(([name]) => name).join(', ')})`);
  const measured = commit();
  for (const [name, args] of runs) {
    if (only && !only.some((o) => name.startsWith(o))) continue;
    console.log(`\n## ${name}: node ${args.join(' ')}\n`);
    const startedAt = new Date().toISOString();
    const loadBefore = loadavg()[0]!;
    const { stdout, exit } = await child(args);
    if (exit !== 0) {
      console.error(`${name} failed (exit ${exit}): its sections keep their tables`);
      failed++;
    }
    const run: RunLine = {
      bench: 'run',
      run: name,
      exit,
      startedAt,
      endedAt: new Date().toISOString(),
      loadAverage: [loadBefore, loadavg()[0]!].map((l) => Math.round(l * 100) / 100) as [number, number],
      node: process.version,
      commit: measured,
    };
    lines.push(...jsonLines(stdout), run);
  }
  writeFileSync(lastRun, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  console.log(`\n${lines.length} JSON lines in ${lastRun}`);
}

const { rendered, kept } = renderSections(new Figures(lines));
const doc = readFileSync(document, 'utf8');
const next = replaceMarked(doc, rendered);
const unmarked = markedSections(doc).filter((name) => ![...rendered.keys(), ...kept.map((s) => s.name)].includes(name));
if (unmarked.length) console.error(`${document} marks sections no bench renders: ${unmarked.join(', ')}`);
for (const section of kept) console.log(`${section.name}: kept (needs ${section.runs.join(', ')} to run to the end)`);
if (!write) {
  for (const [name, content] of rendered) console.log(`\n<!-- bench:${name} -->\n${content}\n<!-- /bench:${name} -->`);
} else if (rendered.size) {
  writeFileSync(document, next);
  // Biome pads the tables (it formats Markdown), so the file stays as `npm run lint:code` wants it.
  execFileSync(process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'format', '--write', document], { stdio: 'inherit' });
  console.log(`${document}: rewrote ${[...rendered.keys()].join(', ')}`);
}
process.exitCode = failed ? 1 : 0;
