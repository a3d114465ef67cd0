// Following a provider that cannot tell of new movements: its newest page of history read every poll interval, and
// the entries above the last one seen handed on, oldest first. Entries are recognised by their ids: a provider's
// paging positions may depend on the page they were read in (Midaz, Interledger), its entry ids do not.
import type { ActivityFeature, PagedEntry } from '../activity/types.js';
import type { ProviderClient } from '../upstream/client.js';
import { pause, type Follow } from './types.js';

/** Entries read per poll; more new ones than this are read page by page, up to MAX_PAGES. */
const PAGE_SIZE = 20;
const MAX_PAGES = 5;

/** The entries newer than the one with id `seen`, oldest first (all of them when undefined: the history was empty). */
async function newerThan(
  activity: ActivityFeature,
  client: ProviderClient,
  nativeId: string,
  seen: string | undefined,
): Promise<{ found: PagedEntry[]; omitted: number }> {
  const found: PagedEntry[] = [];
  let omitted = 0;
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const read = await activity.page(client, nativeId, { size: PAGE_SIZE, after });
    omitted += read.omitted;
    const seenAt = seen === undefined ? -1 : read.entries.findIndex((item) => item.entry.id === seen);
    found.push(...(seenAt >= 0 ? read.entries.slice(0, seenAt) : read.entries));
    if (seenAt >= 0 || !read.hasMore || read.entries.length === 0) break;
    after = read.entries.at(-1)!.position;
  }
  return { found: found.reverse(), omitted };
}

/**
 * A Follow that polls `activity` every pollIntervalMs: one history read per poll while nothing moves. Its positions
 * are entry ids (the newest seen).
 */
export function pollingFollow(activity: ActivityFeature): Follow {
  return async function* (client, nativeId, from, { signal, pollIntervalMs }) {
    let seen = from ?? (await activity.page(client, nativeId, { size: 1 })).entries[0]?.entry.id;
    yield { entries: [], position: seen };
    while (!signal.aborted) {
      await pause(pollIntervalMs, signal);
      if (signal.aborted) return;
      const { found, omitted } = await newerThan(activity, client, nativeId, seen);
      if (found.length === 0 && omitted === 0) continue;
      seen = found.at(-1)?.entry.id ?? seen;
      yield { entries: found.map((item) => item.entry), position: seen, omitted };
    }
  };
}
