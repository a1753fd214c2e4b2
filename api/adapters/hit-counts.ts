// Where the fixed-window rate limits count (api/domain/rate-limit.ts). On Node one server process
// owns the embedded file, so it counts in its own memory: counting in SQL was a write transaction
// of its own, with its own fsync under synchronous=FULL, before intake's write batch (issue 12:
// half of an intake's commits). The Worker has no such adapter: its isolates share nothing but
// the database, so there the count stays one SQL statement.
//
// Counting and reading happen in one synchronous call, so two overlapping requests can never
// both see the last allowed hit (the race the SQL upsert settles). What is kept is the bucket,
// the keyed hash the SQL table holds (S8), never an address. Counts die with the process: a
// restart gives every source a fresh window, as a deleted day's salt already does.

export type HitCounts = {
  /** One more hit of `bucket` in the window starting `windowStart` (ms) and lasting `windowMs`: the window's hits so far. */
  hit(bucket: string, windowStart: number, windowMs: number): number;
};

/**
 * Bounded: past `maxEntries` buckets the windows that are over go, and if that is not enough the
 * oldest buckets, down to nine tenths so that the sweep is not paid again on the next hit.
 * (Someone with that many addresses is not slowed by a per-address limit anyway.)
 */
export function memoryHitCounts(maxEntries = 100_000): HitCounts {
  const counts = new Map<string, { windowStart: number; until: number; hits: number }>();
  return {
    hit(bucket, windowStart, windowMs) {
      const entry = counts.get(bucket);
      if (entry && entry.windowStart === windowStart) return ++entry.hits;
      counts.delete(bucket);
      counts.set(bucket, { windowStart, until: windowStart + windowMs, hits: 1 });
      if (counts.size > maxEntries) {
        for (const [key, e] of counts) if (e.until <= windowStart) counts.delete(key);
        while (counts.size > maxEntries * 0.9) counts.delete(counts.keys().next().value!);
      }
      return 1;
    },
  };
}
