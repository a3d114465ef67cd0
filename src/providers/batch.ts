// Helpers for DataLoader batch functions: one result per key, in order, with an Error in place of each failure.
export function loadEach<K, V>(keys: readonly K[], loadOne: (key: K) => Promise<V>): Promise<Array<V | Error>> {
  return Promise.all(keys.map((key) => loadOne(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
}
