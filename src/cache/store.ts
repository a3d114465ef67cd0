// The shared store behind the response cache and APQ: a bounded in-memory LRU, or Redis when REDIS_URL is set.
import { LRUCache } from 'lru-cache';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

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

export function redisStore(url: string, logger: Logger, prefix = 'accounts-gateway:'): SharedStore {
  const redis = new Redis(url, { keyPrefix: prefix, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  let warned = false;
  redis.on('error', (error: Error) => {
    if (!warned) logger.warn({ reason: error.message }, 'redis unavailable: the cache reads as empty until it is back');
    warned = true;
  });
  redis.on('ready', () => (warned = false));
  const quietly = async <T>(operation: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await operation();
    } catch {
      return fallback;
    }
  };
  return {
    kind: 'redis',
    redis,
    get: (key) => quietly(async () => (await redis.get(key)) ?? undefined, undefined),
    set: (key, value, ttlMs) => quietly(async () => void (await redis.set(key, value, 'PX', Math.max(1, Math.round(ttlMs)))), undefined),
    delete: (key) => quietly(async () => void (await redis.del(key)), undefined),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
