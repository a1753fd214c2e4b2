/** Time comes in through this door, so tests and `npm run jobs -- --now` can move it. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let t = new Date(at).getTime();
  return {
    now: () => new Date(t),
    set: (next) => { t = new Date(next).getTime(); },
    advance: (ms) => { t += ms; },
  };
}
