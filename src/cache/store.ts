// The shared store behind the response cache and APQ: a bounded in-memory LRU, or Redis when REDIS_URL is set
// (redis.ts, loaded only then: a deployment without Redis never loads ioredis).
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';

/** A string key-value store with per-entry time to live. Failures of a remote store read as misses. */
export interface SharedStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
  /** Where it lives, for logs and /readyz: "memory" or "redis". */
  readonly kind: 'memory' | 'redis';
  /** The Redis connection, for others that share it (the per-caller rate limit); absent in memory. */
  readonly redis?: Redis;
}

export function memoryStore(maxEntries: number): SharedStore {
  const cache = new LRUCache<string, string>({ max: maxEntries, ttlAutopurge: false });
  return {
    kind: 'memory',
    get: async (key) => cache.get(key),
    set: async (key, value, ttlMs) => void cache.set(key, value, { ttl: ttlMs }),
    delete: async (key) => void cache.delete(key),
    close: async () => cache.clear(),
  };
}
