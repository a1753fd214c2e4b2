// The suite's clock. Every server a test starts takes its time from a clock the test holds, on
// both engines (Node: the clock object; the Worker: a service binding workerd asks per request,
// since faketime does not reach workerd), and tests compute what they expect from the same clock.
//
// LINKKI_TEST_NOW (an ISO instant) starts the suite's clock there: `npm run test:dates` runs the
// date-sensitive tests at hard instants (a 31st, 29 February, the nights the clocks change in
// Helsinki, New Year's Eve in Helsinki while UTC is still in the old year).
import type { Clock } from '../../api/adapters/clock.ts';

export type TestClock = Clock & {
  /** Moves the clock to an instant; it runs on from there at real speed. */
  set(at: Date | string | number): void;
  advance(ms: number): void;
};

/** A clock that starts at `start` and runs at real speed (sessions, backoffs and windows still tick). */
export function testClock(start: Date | string | number = suiteStart()): TestClock {
  let offset = new Date(start).getTime() - Date.now();
  if (Number.isNaN(offset)) throw new Error(`testClock: not an instant: ${String(start)}`);
  return {
    now: () => new Date(Date.now() + offset),
    set: (at) => {
      offset = new Date(at).getTime() - Date.now();
    },
    advance: (ms) => {
      offset += ms;
    },
  };
}

function suiteStart(): number {
  const at = process.env.LINKKI_TEST_NOW;
  if (!at) return Date.now();
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw new Error(`LINKKI_TEST_NOW: not an ISO instant: ${at}`);
  return t;
}

/** The clock of every server started without one of its own, and of the tests that read it. */
export const suiteClock = testClock();

/** Milliseconds now, as the servers see it. Use it wherever a test means "now". */
export const now = (): number => suiteClock.now().getTime();

/**
 * The rate limits and the sign-in throttle count in fixed windows (`floor(now / window)`). A test
 * that counts attempts and then expects a refusal fails if a window boundary falls between the
 * two (CI saw it: a run crossed 16:15:00 and the 429 became 200). Called at the start of such a
 * test: when less than a margin (half the window, at most two minutes) is left, the clock moves
 * on to the next window's start, so the test's attempts all fall into one window. It moves the
 * clock forward by two minutes at most: sessions and other windows are unharmed.
 */
export function earlyInWindow(windowSeconds: number, clock: TestClock = suiteClock): void {
  const windowMs = windowSeconds * 1000;
  const marginMs = Math.min(windowMs / 2, 120_000);
  const at = clock.now().getTime();
  const left = windowMs - (at % windowMs);
  if (left < marginMs) clock.advance(left + 1);
}
