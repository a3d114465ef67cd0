// What a provider module gives to follow an account live: new movements as the provider tells of them (a stream, a
// long poll). Providers without one are polled (polling.ts) through their activity feature, or not followed at all.
import type { ActivityModel } from '../activity/types.js';
import type { ProviderClient } from '../upstream/client.js';

/** New movements on an account, oldest first, and the provider position just after the last one (where to resume). */
export interface LiveBatch {
  entries: ActivityModel[];
  /** The provider's position after this batch (a paging token, a row id); undefined while the history is empty. */
  position: string | undefined;
  /** Movements the provider sent that could not be read exactly (left out, never guessed): subscribers are told. */
  omitted?: number;
}

/** How a follow waits: its signal, and the provider's settings. */
export interface FollowOptions {
  /** Aborted when nobody follows the account any more: the follow then returns. */
  signal: AbortSignal;
  /** `<PROVIDER>_POLL_INTERVAL_MS`: between polls, and the least wait before a dropped follow starts again. */
  pollIntervalMs: number;
  /** The provider's time limit (`<PROVIDER>_TIMEOUT_MS`): a long poll waits a little less than this. */
  timeoutMs: number;
}

/**
 * Follows an account's movements from `from` (the position of a previous batch; undefined: from now, never the past).
 * Its first batch may be empty: it tells the position it starts from. Throws a GatewayError when the provider
 * fails; the watcher then starts it again from the last position it yielded.
 */
export type Follow = (client: ProviderClient, nativeId: string, from: string | undefined, options: FollowOptions) => AsyncIterable<LiveBatch>;

/** A provider that tells of new movements itself: the account is read again only after it did. */
export interface LiveFeature {
  follow: Follow;
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
