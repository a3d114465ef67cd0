// Per-request loaders: one result per key, in order, with an Error in place of each failure; and the naive switch.
import DataLoader from 'dataloader';

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
