/** Time comes in through this door, so tests and `npm run jobs -- --now` can move it. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
