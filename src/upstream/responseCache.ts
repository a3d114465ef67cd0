// The shared cache of one client's successful GET answers: entries in the shared store (memory or Redis), keyed by
// the path and an HMAC of the credentials in effect, and single flight (concurrent misses of a key make one call).
import { createHmac } from 'node:crypto';
import type { SharedStore } from '../cache/store.js';

export interface ResponseCacheSettings {
  store: SharedStore;
  /** How long an answer may be served, in ms. */
  ttlMs: number;
  /** Server secret keying the credential part of cache keys (HMAC): a leaked key reveals no credential. */
  keySecret: string;
}

/** An answer as cached: its body text (null for 204) and when the provider gave it. */
export interface CacheEntry {
  text: string | null;
  fetchedAt: string;
}

/** Credential sets whose HMAC is remembered; past this many the memory starts again. */
const MAX_IDENTITIES = 1_000;

export class ResponseCache {
  /** The HMAC of each credential set seen lately (one per call otherwise). */
  private readonly identities = new Map<string, string>();
  /** Cached resources being read right now, so concurrent misses make one call. */
  private readonly inFlight = new Map<string, Promise<CacheEntry>>();

  /** `namespace` keeps one provider's entries apart from another's (the provider's value). */
  constructor(
    private readonly namespace: string,
    private readonly settings: ResponseCacheSettings,
  ) {}

  /** Cache key: namespace, a digest of the credentials in effect (so no caller sees another's data), and the path. */
  key(path: string, credentials: Readonly<Record<string, string>>): string {
    const text = JSON.stringify(credentials);
    let identity = this.identities.get(text);
    if (identity === undefined) {
      // An HMAC under a server secret, not a plain digest: a cache key read from Redis cannot be tried against guesses.
      identity = createHmac('sha256', this.settings.keySecret).update(text).digest('base64url').slice(0, 22);
      // A few credential sets in practice (the configured ones, callers' own): bounded all the same.
      if (this.identities.size >= MAX_IDENTITIES) this.identities.clear();
      this.identities.set(text, identity);
    }
    return `response:${this.namespace}:${identity}:${path}`;
  }

  async read(key: string): Promise<CacheEntry | undefined> {
    const raw = await this.settings.store.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as CacheEntry);
  }

  async write(key: string, entry: CacheEntry): Promise<void> {
    await this.settings.store.set(key, JSON.stringify(entry), this.settings.ttlMs);
  }

  /** Drops a cached copy (a resource its caller just changed; other callers' copies expire with their TTL). */
  async forget(key: string): Promise<void> {
    await this.settings.store.delete(key);
  }

  /** The read of this key already on its way, if any: share it rather than start another. */
  pending(key: string): Promise<CacheEntry> | undefined {
    return this.inFlight.get(key);
  }

  /** Lets later misses of `key` share `loading` until it settles. */
  share(key: string, loading: Promise<CacheEntry>): void {
    const shared = loading.then(({ text, fetchedAt }) => ({ text, fetchedAt }));
    // Waiters rethrow a failure from `shared`; with none, it must not surface as an unhandled rejection.
    shared.catch(() => undefined);
    this.inFlight.set(key, shared);
    void loading.then(
      () => this.inFlight.delete(key),
      () => this.inFlight.delete(key),
    );
  }
}
