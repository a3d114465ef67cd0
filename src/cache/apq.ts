// Apollo's KeyValueCache over the shared store, so automatic persisted queries live where the response cache does.
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { LRUCache } from 'lru-cache';
import type { SharedStore } from './store.js';

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The store of automatic persisted queries: documents above `maxBytes` are not stored (the client sends them in full
 * each time), and in memory all documents together take at most `maxTotalBytes` (an LRU by bytes, apart from the
 * response cache); in Redis each entry expires after 24 h.
 */
export function persistedQueryCache(store: SharedStore, maxBytes: number, maxTotalBytes: number): KeyValueCache<string> {
  const own: SharedStore = store.kind === 'redis' ? store : boundedMemoryStore(maxTotalBytes);
  const cache = keyValueCache(own, 'apq:');
  return {
    ...cache,
    set: async (key, value, options) => {
      if (Buffer.byteLength(value) <= maxBytes) await cache.set(key, value, options);
    },
  };
}

function boundedMemoryStore(maxTotalBytes: number): SharedStore {
  const documents = new LRUCache<string, string>({
    maxSize: Math.max(1, maxTotalBytes),
    sizeCalculation: (value, key) => Buffer.byteLength(value) + key.length,
  });
  return {
    kind: 'memory',
    get: async (key) => documents.get(key),
    set: async (key, value, ttlMs) => void documents.set(key, value, { ttl: ttlMs }),
    delete: async (key) => void documents.delete(key),
    close: async () => documents.clear(),
  };
}

export function keyValueCache(store: SharedStore, namespace = 'apq:'): KeyValueCache<string> {
  return {
    get: (key) => store.get(namespace + key),
    set: (key, value, options?: KeyValueCacheSetOptions) => store.set(namespace + key, value, options?.ttl ? options.ttl * 1000 : DEFAULT_TTL_MS),
    delete: (key) => store.delete(namespace + key),
  };
}
