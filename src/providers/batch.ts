// Per-request loaders: one result per key, in order, with an Error in place of each failure; and the naive switch.
import DataLoader from 'dataloader';
import { ErrorCode, GatewayError } from '../errors.js';

export interface SourceOptions {
  /** False only for the benchmark's naive baseline: no batching, no de-duplication, one call per field. */
  dedupe: boolean;
  /** Distinct accounts in one batch from which the provider's list call replaces single calls; 0 never lists. */
  listThreshold: number;
}

export const DEFAULT_SOURCE_OPTIONS: SourceOptions = { dedupe: true, listThreshold: 0 };

const toError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

export function loadEach<K, V>(keys: readonly K[], loadOne: (key: K) => Promise<V>): Promise<Array<V | Error>> {
  return Promise.all(keys.map((key) => loadOne(key).catch(toError)));
}

const loaderOptions = (options: SourceOptions) => (options.dedupe ? {} : { batch: false, cache: false });

/** A loader calling `loadOne` once per distinct key of a request. */
export function createLoader<V>(loadOne: (key: string) => Promise<V>, options: SourceOptions = DEFAULT_SOURCE_OPTIONS): DataLoader<string, V> {
  return new DataLoader<string, V>((keys) => loadEach(keys, loadOne), loaderOptions(options));
}

/** A loader whose batch function sees every distinct key of a tick at once (for list calls). */
export function createBatchLoader<V>(
  loadMany: (keys: readonly string[]) => Promise<Array<V | Error>>,
  options: SourceOptions = DEFAULT_SOURCE_OPTIONS,
): DataLoader<string, V> {
  return new DataLoader<string, V>((keys) => loadMany(keys).catch((error: unknown) => keys.map(() => toError(error))), loaderOptions(options));
}

/** Failures after which single calls would fare no better: the provider is slow or limiting us. */
const isUnwell = (error: unknown) =>
  error instanceof GatewayError && (error.code === ErrorCode.UpstreamTimeout || error.code === ErrorCode.RateLimited);

/**
 * Many keys at once, through a provider's list call where it pays: from `options.listThreshold` distinct keys on, `list`
 * reads entries into `found` (by key, each read only when its key asks, so an unreadable entry fails that key alone).
 * Keys the list lacks fall back to one call each, and so does every key when the list is refused (a credential without
 * the right, a server without the route), keeping what it found before failing. A list that timed out or was
 * rate-limited fails every key: single calls would fare no better. Below the threshold, one call per key.
 */
export async function loadByListOrEach<V>(
  keys: readonly string[],
  options: SourceOptions,
  list: (wanted: ReadonlySet<string>, found: Map<string, () => V>) => Promise<void>,
  loadOne: (key: string) => Promise<V>,
): Promise<Array<V | Error>> {
  if (!options.listThreshold || keys.length < options.listThreshold) return loadEach(keys, loadOne);
  const found = new Map<string, () => V>();
  try {
    await list(new Set(keys), found);
  } catch (error) {
    if (isUnwell(error)) return keys.map(() => error as Error);
  }
  return loadEach(keys, async (key) => {
    const read = found.get(key);
    return read ? read() : loadOne(key);
  });
}
