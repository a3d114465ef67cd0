// Apollo's KeyValueCache over the shared store, so automatic persisted queries live where the response cache does.
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { SharedStore } from './store.js';

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

export function keyValueCache(store: SharedStore, namespace = 'apq:'): KeyValueCache<string> {
  return {
    get: (key) => store.get(namespace + key),
    set: (key, value, options?: KeyValueCacheSetOptions) =>
      store.set(namespace + key, value, options?.ttl ? options.ttl * 1000 : DEFAULT_TTL_MS),
    delete: (key) => store.delete(namespace + key),
  };
}
