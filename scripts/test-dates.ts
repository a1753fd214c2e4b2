// `npm run test:dates`: the date-sensitive tests at hard instants, on the suite's clock
// (LINKKI_TEST_NOW, test/support/clock.ts). A suite that is green on the 3rd and red on the 31st
// is red: .ci/run runs this after `npm test`.
import { spawnSync } from 'node:child_process';

/** Each instant, and why it is hard. Helsinki is UTC+2 in winter, UTC+3 in summer. */
export const hardInstants: [string, string][] = [
  ['2026-12-03T09:00:00Z', 'a request expires on 31 December: six months on is 30 June'],
  ['2027-01-31T10:00:00Z', 'the 31st before a shorter month'],
  ['2027-03-31T10:00:00Z', 'the 31st before a 30-day month, summer time'],
  ['2028-02-29T10:00:00Z', '29 February of a leap year'],
  ['2027-02-28T21:30:00Z', '23:30 on 28 February in Helsinki: the last hour of the month'],
  ['2027-03-28T00:30:00Z', 'the night the clocks go forward in Helsinki (03:00 → 04:00 at 01:00 UTC)'],
  ['2027-10-31T00:30:00Z', 'the night the clocks go back in Helsinki (04:00 → 03:00 at 01:00 UTC)'],
  ['2026-12-31T22:30:00Z', "New Year's Eve: 00:30 on 1 January in Helsinki, still 31 December in UTC"],
];

/** Tests whose answers depend on the date: expiry, retention, months, invoices, counters, sessions. */
const nodeFiles = [
  'test/contract/dates.test.ts',
  'test/billing/money.test.ts',
  'test/api/manage.test.ts',
  'test/api/life-cycle.test.ts',
  'test/api/jobs.test.ts',
  'test/api/notifications.lifecycle.test.ts',
  'test/api/notifications.invoice.test.ts',
  'test/api/billing.invoices.test.ts',
  'test/api/billing.credits.test.ts',
  'test/api/billing.purge.test.ts',
  'test/api/billing.spend-cap.test.ts',
  'test/api/counters.test.ts',
  'test/api/leads.happy.test.ts',
  'test/api/accounts.security.test.ts',
];
/** The same rules in workerd, whose clock comes from the test through a binding. */
const workerFiles = ['test/api/manage.test.ts', 'test/api/life-cycle.test.ts', 'test/api/billing.invoices.test.ts'];

/**
 * Rate limits and the sign-in throttle count in fixed windows; a test that counts and then expects
 * a refusal must not see its window turn (test/support/clock.ts, earlyInWindow). Run where the
 * quarter hour, the ten minutes and the minute all turn three seconds in.
 */
const windowInstant: [string, string] = ['2027-01-31T10:14:57Z', 'three seconds before every rate-limit window turns'];
const windowFiles = [
  'test/api/accounts.throttle.test.ts',
  'test/api/accounts.security.test.ts',
  'test/api/accounts.passwords.test.ts',
  'test/api/proxy.security.test.ts',
  'test/api/intake.security.test.ts',
];

const only = process.argv[2];
const failed: string[] = [];
/** What a failed run said about its failures, printed again at the end: CI shows the tail of a long log. */
const failures: string[] = [];

/** The terminal's colour codes (ESC [ … m), taken out of what is printed again. */
const ansiColour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Runs vitest with the suite's clock at `at`; its output is shown as it comes and kept for the summary. */
function vitest(at: string, args: string[]): boolean {
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args], {
    env: { ...process.env, LINKKI_TEST_NOW: at },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(run.stdout ?? '');
  process.stderr.write(run.stderr ?? '');
  if (run.status === 0) return true;
  const plain = `${run.stdout ?? ''}\n${run.stderr ?? ''}`.replace(ansiColour, '');
  const lines = plain.split('\n');
  const marks = lines.flatMap((line, i) => (/(FAIL|×|Error:|AssertionError|expected)/.test(line) ? [i] : []));
  failures.push(`-- ${at} ${args.join(' ')} (exit ${run.status}${run.signal ? `, ${run.signal}` : ''})`);
  for (const i of marks.slice(0, 30)) failures.push(...lines.slice(i, i + 3).map((l) => `   ${l.slice(0, 300)}`));
  return false;
}
for (const [at, why] of hardInstants) {
  if (only && at !== only) continue;
  console.log(`\n== ${at}: ${why}`);
  for (const [project, files] of [
    ['node', nodeFiles],
    ['worker', workerFiles],
  ] as const) {
    if (!vitest(at, ['--project', project, ...files])) failed.push(`${at} (${project})`);
  }
}
if (!only || only === windowInstant[0]) {
  const [at, why] = windowInstant;
  console.log(`\n== ${at}: ${why}`);
  if (!vitest(at, windowFiles)) failed.push(`${at} (both engines)`);
}
if (failed.length) {
  console.error(`\nWhat failed:\n${failures.join('\n')}`);
  console.error(`\nDate-sensitive tests failed at: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nDate-sensitive tests passed at every hard instant.');
