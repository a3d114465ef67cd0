// The shared store in Redis (REDIS_URL): its own module, imported only when Redis is configured, so that a
// deployment without it never loads ioredis.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { SharedStore } from './store.js';

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
