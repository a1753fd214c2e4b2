// The SharedCache port on Cloudflare Workers: the Cache API of the location (caches.default),
// shared by its isolates. Entries are JSON responses under a URL nobody can fetch; expiry is
// the Cache API's own (Cache-Control max-age). A delete reaches this location only: elsewhere
// an entry lives out its TTL (config.ts `widgetCache`).
import type { SharedCache } from './cache.ts';

type CacheStorageLike = {
  default: {
    match(url: string): Promise<Response | undefined>;
    put(url: string, res: Response): Promise<void>;
    delete(url: string): Promise<boolean>;
  };
};

const urlOf = (key: string) => `https://cache.linkki.invalid/${encodeURIComponent(key)}`;

export function edgeCache(storage: CacheStorageLike = (globalThis as unknown as { caches: CacheStorageLike }).caches): SharedCache {
  return {
    async get(key) {
      const res = await storage.default.match(urlOf(key));
      return res ? res.json() : undefined;
    },
    async put(key, value, ttlSeconds) {
      await storage.default.put(
        urlOf(key),
        new Response(JSON.stringify(value), {
          headers: { 'Content-Type': 'application/json', 'Cache-Control': `public, max-age=${ttlSeconds}` },
        }),
      );
    },
    async delete(key) {
      await storage.default.delete(urlOf(key));
    },
  };
}
