// What the dashboard follows live. `accountUpdated` events are written into Apollo's cache by the client (each one
// is an AccountCard of a normalised `<Type>:<id>` entry), so every watched Accounts query, and with it the cards,
// totals and chart, re-renders with the new balances. `activityAdded` events are new movements, newest last: the
// page puts them on top of the feed and of their account's card, each once.
import { useContext, useEffect, useRef, useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { AccountUpdatedDocument, ActivityAddedDocument, type ActivityEntryFragment } from '../../client/gql/graphql.js';
import { LiveContext, useLiveGeneration } from './live.js';
import type { AccountSlot } from './accounts.js';

/** Ids per subscription: the gateway's MAX_IDS_PER_REQUEST default. */
export const IDS_PER_SUBSCRIPTION = 100;

/** `ids` in chunks of `size`, in order. */
export function chunks<T>(ids: readonly T[], size = IDS_PER_SUBSCRIPTION): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** The ids to follow: every read account's own id (as the gateway returns it), and those whose history can be followed. */
export function followedIds(slots: readonly AccountSlot[]): { accounts: string[]; activity: string[] } {
  const accounts = new Set<string>();
  const activity = new Set<string>();
  for (const slot of slots) {
    if (slot.status !== 'loaded') continue;
    accounts.add(slot.account.id);
    if (slot.account.capabilities.includes('ACTIVITY')) activity.add(slot.account.id);
  }
  return { accounts: [...accounts].sort(), activity: [...activity].sort() };
}

/** `live` (newest first) on top of `entries`, each id once; at most `limit` when given. */
export function withLive(entries: readonly ActivityEntryFragment[], live: readonly ActivityEntryFragment[], limit?: number): ActivityEntryFragment[] {
  if (live.length === 0) return limit === undefined ? [...entries] : entries.slice(0, limit);
  const seen = new Set<string>();
  const out = [...live, ...entries].filter((entry) => !seen.has(entry.id) && (seen.add(entry.id), true));
  return limit === undefined ? out : out.slice(0, limit);
}

type Follow = { unsubscribe(): void };

/**
 * Keeps one subscription per group of ids (`groups`: one key per group, its ids joined by newlines) while the group
 * is wanted: a group that appears is subscribed, one that goes is ended, the others are left alone; all start over
 * on retry.
 */
function useFollowGroups(groups: readonly string[], start: (ids: string[]) => Follow): void {
  const live = useContext(LiveContext);
  const generation = useLiveGeneration();
  const following = useRef<{ generation: number; byKey: Map<string, Follow> }>({ generation, byKey: new Map() });
  const startRef = useRef(start);
  startRef.current = start;
  const wanted = groups.join('\n\n');

  useEffect(() => {
    const current = following.current;
    if (current.generation !== generation) {
      for (const follow of current.byKey.values()) follow.unsubscribe();
      following.current = { generation, byKey: new Map() };
    }
    const byKey = following.current.byKey;
    const keys = new Set(live && wanted ? wanted.split('\n\n') : []);
    for (const [key, follow] of byKey) {
      if (keys.has(key)) continue;
      follow.unsubscribe();
      byKey.delete(key);
    }
    for (const key of keys) if (!byKey.has(key)) byKey.set(key, startRef.current(key.split('\n')));
  }, [live, wanted, generation]);

  useEffect(
    () => () => {
      for (const follow of following.current.byKey.values()) follow.unsubscribe();
      following.current.byKey.clear();
    },
    [],
  );
}

/** Groups of ids to follow, one per provider (so a provider's cards arriving starts its own and restarts no other). */
export function groupsOf(ids: readonly string[]): string[] {
  const byProvider = new Map<string, string[]>();
  for (const id of ids) {
    const provider = id.slice(0, id.indexOf(':'));
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), id]);
  }
  return [...byProvider.values()].flatMap((group) => chunks(group).map((chunk) => chunk.join('\n')));
}

/** Follows `ids`' balances: each event lands in the cache, so nothing is kept here. */
export function useLiveAccounts(ids: readonly string[]): void {
  const client = useApolloClient();
  useFollowGroups(groupsOf(ids), (chunk) =>
    client.subscribe({ query: AccountUpdatedDocument, variables: { ids: chunk }, errorPolicy: 'all' }).subscribe({
      // An id that fails has its own event (accountUpdated: null, its error with extensions.accountId): its card
      // keeps what HTTP read. Nothing else to do: the cache has the rest.
      next: () => undefined,
      error: () => undefined,
    }),
  );
}

/** The new movements of `ids` since they were shown, newest first; cleared when `scope` (the chosen ids) changes. */
export function useLiveActivity(ids: readonly string[], scope: string): ActivityEntryFragment[] {
  const client = useApolloClient();
  const [state, setState] = useState<{ scope: string; entries: ActivityEntryFragment[] }>({ scope, entries: [] });
  // The scope at the time of each event (a subscription may outlive a change of scope over the same ids).
  const scopeRef = useRef(scope);
  scopeRef.current = scope;
  useFollowGroups(groupsOf(ids), (chunk) =>
    client.subscribe({ query: ActivityAddedDocument, variables: { ids: chunk }, errorPolicy: 'all' }).subscribe({
      next: ({ data }) => {
        const entry = data?.activityAdded;
        if (!entry) return;
        const now = scopeRef.current;
        setState((previous) => {
          const entries = previous.scope === now ? previous.entries : [];
          return entries.some((seen) => seen.id === entry.id) ? previous : { scope: now, entries: [entry, ...entries] };
        });
      },
      error: () => undefined,
    }),
  );
  return state.scope === scope ? state.entries : [];
}
