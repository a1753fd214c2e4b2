// Node's rate-limit counts (api/adapters/hit-counts.ts): per bucket and window, bounded. The limits
// built on them are tested over HTTP in intake.security.test.ts and accounts.throttle.test.ts.
import { expect, test } from 'vitest';
import { memoryHitCounts } from '../../api/adapters/hit-counts.ts';

const minute = 60_000;

test('hits count per bucket within a window, and start again in the next', () => {
  const counts = memoryHitCounts();
  expect([1, 2, 3].map(() => counts.hit('a', 0, minute))).toEqual([1, 2, 3]);
  expect(counts.hit('b', 0, minute)).toBe(1);
  expect(counts.hit('a', minute, minute)).toBe(1);
  expect(counts.hit('a', minute, minute)).toBe(2);
});

test('past its size, windows that are over go first, then the oldest buckets', () => {
  const counts = memoryHitCounts(10);
  for (let i = 0; i < 5; i++) counts.hit(`old${i}`, 0, minute);
  for (let i = 0; i < 5; i++) counts.hit(`live${i}`, minute, minute);
  counts.hit('live0', minute, minute);
  // The eleventh bucket: the five finished windows go, the live counts stay.
  counts.hit('new', minute, minute);
  expect(counts.hit('live0', minute, minute)).toBe(3);
  expect(counts.hit('old0', 0, minute)).toBe(1);
  // All live: the oldest go, down to nine tenths.
  const full = memoryHitCounts(10);
  for (let i = 0; i < 11; i++) full.hit(`b${i}`, 0, minute);
  expect(full.hit('b10', 0, minute)).toBe(2);
  expect(full.hit('b0', 0, minute)).toBe(1);
});
