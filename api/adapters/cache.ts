// What is the same for every visitor of a partner's page (the partner's settings and origins,
// the category list), kept near the code so that the widget's hot requests need no database
// round trip. Two adapters behind one port: memory on Node (one process), the Cache API on the
// Worker (shared by the isolates of a Cloudflare location). Verbs that change what is cached
// delete its key in the same request; other locations see the change when the entry expires.

export type SharedCache = {
  /** The stored value (which may be null: "no such partner" is worth caching too), or undefined on a miss. */
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
};

/**
 * One process's memory, bounded: past `maxEntries` the least recently used entry goes. Expiry
 * follows the given clock, so a test that moves time moves the cache too.
 */
export function memoryCache(clock: { now(): Date }, maxEntries = 10_000): SharedCache {
  const entries = new Map<string, { value: unknown; until: number }>();
  return {
    async get(key) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      entries.delete(key);
      if (hit.until <= clock.now().getTime()) return undefined;
      entries.set(key, hit);
      return structuredClone(hit.value);
    },
    async put(key, value, ttlSeconds) {
      entries.delete(key);
      entries.set(key, { value: structuredClone(value), until: clock.now().getTime() + ttlSeconds * 1000 });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}

/** Caches nothing: every read goes to the database (scripts and one-off jobs). */
export const noCache: SharedCache = {
  get: async () => undefined,
  put: async () => {},
  delete: async () => {},
};
