// `npm run bench`: every benchmark, one after another (they share the machine's two cores, so
// never at once): HTTP on Node and in workerd, the widget in Chromium, the list at 100 000
// leads, the mail sender. Each prints its figures as JSON lines (`{"bench": …, "metric": …,
// "value": …}`) among its tables; BENCHMARKS.md holds the tables of a run and how to read them.
// `--only widget,list` runs some. Round trips per request are asserted by the suite
// (test/edge/round-trips.test.ts), not measured here: they do not vary.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const runs: [string, string[]][] = [
  ['http-node', ['bench/intake.ts', '--engine', 'node']],
  ['http-worker', ['bench/intake.ts', '--engine', 'worker']],
  ['widget', ['bench/widget.ts']],
  ['list', ['bench/list.ts']],
  ['mail', ['bench/mail.ts']],
];

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',');
let failed = 0;
for (const [name, args] of runs) {
  if (only && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n## ${name}: node ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${name} failed (exit ${result.status})`);
    failed++;
  }
}
process.exitCode = failed ? 1 : 0;
