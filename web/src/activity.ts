// Account activity for the dashboard: the last movements of each card, read per provider once that provider's cards
// are on screen (so they never hold a card back), and the merged feed across the chosen accounts, page by page with
// the gateway's one cursor. Amounts stay the gateway's exact strings; nothing here does arithmetic on them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ActivityFeedDocument, RecentActivityDocument, type AccountProvider, type ActivityEntryFragment } from '../../client/gql/graphql.js';
import { PROVIDER_LABELS } from '../../client/assetIdentity.js';
import { accountTitle } from '../../client/accountTitle.js';
import { providerOf, type AccountError, type AccountSlot } from './accounts.js';

/** Movements per card. */
export const RECENT_COUNT = 5;
/** Movements per page of the merged feed. */
export const FEED_PAGE = 10;

export type RecentActivity =
  | { status: 'loading' }
  | { status: 'loaded'; entries: ActivityEntryFragment[]; hasMore: boolean }
  /** The provider keeps no per-account history (no ACTIVITY capability, or NOT_SUPPORTED). */
  | { status: 'none'; message: string }
  | { status: 'failed'; error: AccountError };

type GraphQLErrorLike = { message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> };

const errorsOf = (error: unknown): ReadonlyArray<GraphQLErrorLike> => (CombinedGraphQLErrors.is(error) ? error.errors : []);
const codeOf = (entry: GraphQLErrorLike): string => String(entry.extensions?.code ?? 'ERROR');
const labelOf = (provider: AccountProvider | null): string => (provider ? PROVIDER_LABELS[provider] : 'This provider');

/** The note for an account without history: "Conduit keeps no history." */
export const noHistoryText = (provider: AccountProvider | null): string => `${labelOf(provider)} keeps no history.`;

type RecentResult = {
  data?: {
    accounts: ReadonlyArray<{ id: string; activity?: { nodes: ActivityEntryFragment[]; pageInfo: { hasNextPage: boolean } } | null } | null>;
  } | null;
  error?: unknown;
};

/** Each id's recent activity from one RecentActivity answer, its errors read by path (`["accounts", i, …]`). */
export function recentOf(ids: readonly string[], result: RecentResult): Map<string, RecentActivity> {
  const errors = errorsOf(result.error);
  const requestFailed = result.error && !CombinedGraphQLErrors.is(result.error);
  const out = new Map<string, RecentActivity>();
  ids.forEach((id, index) => {
    const account = result.data?.accounts?.[index];
    const own = errors.filter((entry) => entry.path?.[0] === 'accounts' && entry.path[1] === index);
    const activity = account?.activity;
    if (activity) {
      out.set(id, { status: 'loaded', entries: activity.nodes, hasMore: activity.pageInfo.hasNextPage });
      return;
    }
    const first = own[0] ?? errors.find((entry) => !entry.path);
    if (first && codeOf(first) === 'NOT_SUPPORTED') {
      out.set(id, { status: 'none', message: noHistoryText(providerOf(id)) });
      return;
    }
    const error = first
      ? { message: first.message, code: codeOf(first) }
      : requestFailed
        ? { message: `The request to the gateway failed: ${(result.error as Error).message ?? String(result.error)}`, code: 'REQUEST_FAILED' }
        : { message: 'The activity could not be read.', code: 'ERROR' };
    out.set(id, { status: 'failed', error });
  });
  return out;
}

/**
 * Each loaded card's recent activity: one RecentActivity query per provider, sent when that provider's cards have
 * rendered; accounts whose capabilities lack ACTIVITY get their note without any request.
 */
export function useRecentActivity(ids: readonly string[], slots: readonly AccountSlot[]): ReadonlyMap<string, RecentActivity> {
  const client = useApolloClient();
  const [state, setState] = useState<{ ids: readonly string[]; byId: ReadonlyMap<string, RecentActivity> }>({ ids, byId: new Map() });
  const sent = useRef<{ ids: readonly string[]; providers: Set<string> }>({ ids, providers: new Set() });

  // Which providers have all their cards read: their activity can be asked for now.
  const ready = new Map<string, string[]>();
  const waiting = new Set<string>();
  for (const slot of slots) {
    const key = slot.provider ?? 'OTHER';
    if (slot.status === 'loading') waiting.add(key);
    else if (slot.status === 'loaded' && slot.account.capabilities.includes('ACTIVITY')) ready.set(key, [...(ready.get(key) ?? []), slot.id]);
  }
  const readyKey = [...ready.keys()].filter((key) => !waiting.has(key)).join(',');

  useEffect(() => {
    if (sent.current.ids !== ids) sent.current = { ids, providers: new Set() };
    const batches: Array<[string, string[]]> = [];
    for (const key of readyKey ? readyKey.split(',') : []) {
      if (sent.current.providers.has(key)) continue;
      sent.current.providers.add(key);
      batches.push([key, ready.get(key) ?? []]);
    }
    for (const [, batch] of batches) {
      const unique = [...new Set(batch)];
      setState((previous) => {
        const byId = new Map(previous.ids === ids ? previous.byId : []);
        for (const id of unique) byId.set(id, { status: 'loading' });
        return { ids, byId };
      });
      client
        .query({ query: RecentActivityDocument, variables: { ids: unique, first: RECENT_COUNT }, errorPolicy: 'all', fetchPolicy: 'no-cache' })
        .then(
          (result) => recentOf(unique, result),
          (error: unknown) => recentOf(unique, { error }),
        )
        .then((found) => {
          setState((previous) => {
            if (previous.ids !== ids || sent.current.ids !== ids) return previous;
            const byId = new Map(previous.byId);
            for (const [id, recent] of found) byId.set(id, recent);
            return { ids, byId };
          });
        });
    }
    // `ready` is derived from `slots`; readyKey says when it changed in a way that matters.
  }, [client, ids, readyKey]);

  const byId = new Map(state.ids === ids ? state.byId : []);
  for (const slot of slots) {
    if (slot.status === 'loaded' && !slot.account.capabilities.includes('ACTIVITY'))
      byId.set(slot.id, { status: 'none', message: noHistoryText(slot.provider) });
  }
  return byId;
}

/** Why an account is missing from the feed: it keeps no history (NOT_SUPPORTED), or it could not be read. */
export interface FeedNote {
  accountId: string;
  provider: AccountProvider | null;
  code: string;
  message: string;
  /** False when the account keeps no history: nothing is missing, so the feed is not partial for it. */
  missing: boolean;
}

/**
 * The feed's notes for one page: each id of `incompleteAccountIds` with the error of its provider (the feed's errors
 * are at the path ["activity"], with `extensions.provider`).
 */
export function feedNotes(incompleteAccountIds: readonly string[], errors: ReadonlyArray<GraphQLErrorLike>): FeedNote[] {
  return incompleteAccountIds.map((accountId) => {
    const provider = providerOf(accountId);
    const error = errors.find((entry) => entry.extensions?.provider === provider) ?? errors.find((entry) => !entry.extensions?.provider);
    const code = error ? codeOf(error) : 'ERROR';
    return { accountId, provider, code, message: error?.message ?? 'This account could not be read.', missing: code !== 'NOT_SUPPORTED' };
  });
}

/** One line per provider and kind: "Conduit keeps no history (5 accounts)", "Taler could not be read (8 accounts)". */
export function feedNoteLines(
  notes: readonly FeedNote[],
): Array<{ key: string; provider: AccountProvider | null; missing: boolean; text: string; accountIds: string[] }> {
  const lines = new Map<string, { key: string; provider: AccountProvider | null; missing: boolean; accountIds: string[] }>();
  for (const note of notes) {
    const key = `${note.provider ?? 'OTHER'}:${note.missing ? 'missing' : 'none'}`;
    const line = lines.get(key) ?? { key, provider: note.provider, missing: note.missing, accountIds: [] };
    if (!line.accountIds.includes(note.accountId)) line.accountIds.push(note.accountId);
    lines.set(key, line);
  }
  return [...lines.values()].map((line) => {
    const count = line.accountIds.length === 1 ? '1 account' : `${line.accountIds.length} accounts`;
    const what = line.missing ? `${labelOf(line.provider)} could not be read` : `${labelOf(line.provider)} keeps no history`;
    return { ...line, text: `${what} (${count})` };
  });
}

export interface FeedState {
  entries: ActivityEntryFragment[];
  /** Notes gathered over every page read so far, one per account (the latest). */
  notes: FeedNote[];
  hasMore: boolean;
  loading: boolean;
  /** The request itself failed (not one account): what to say, and "Load more" tries the same page again. */
  error: AccountError | null;
  pages: number;
}

type FeedResult = {
  data?: {
    activity: {
      edges: ReadonlyArray<{ cursor: string; node: ActivityEntryFragment }>;
      incompleteAccountIds: readonly string[];
      pageInfo: { hasNextPage: boolean; endCursor?: string | null };
    };
  } | null;
  error?: unknown;
};

const EMPTY: FeedState = { entries: [], notes: [], hasMore: false, loading: false, error: null, pages: 0 };

/** The next feed state from one page's answer: entries appended (an id already shown is not shown twice), notes merged. */
export function nextFeedState(previous: FeedState, result: FeedResult): { state: FeedState; cursor: string | null } {
  const page = result.data?.activity;
  if (!page) {
    const first = errorsOf(result.error)[0];
    const error = first
      ? { message: first.message, code: codeOf(first) }
      : { message: `The request to the gateway failed: ${(result.error as Error | undefined)?.message ?? 'no answer'}`, code: 'REQUEST_FAILED' };
    return { state: { ...previous, loading: false, error }, cursor: null };
  }
  const seen = new Set(previous.entries.map((entry) => entry.id));
  const added = page.edges.map((edge) => edge.node).filter((node) => !seen.has(node.id) && (seen.add(node.id), true));
  const notes = new Map(previous.notes.map((note) => [note.accountId, note]));
  for (const note of feedNotes(page.incompleteAccountIds, errorsOf(result.error))) notes.set(note.accountId, note);
  return {
    state: {
      entries: [...previous.entries, ...added],
      notes: [...notes.values()],
      hasMore: page.pageInfo.hasNextPage,
      loading: false,
      error: null,
      pages: previous.pages + 1,
    },
    cursor: page.pageInfo.endCursor ?? null,
  };
}

/** The merged feed of `ids` (once `enabled`), and `loadMore` for the next page. */
export function useActivityFeed(ids: readonly string[], enabled: boolean): FeedState & { loadMore: () => void } {
  const client = useApolloClient();
  const [feed, setFeed] = useState<FeedState>(EMPTY);
  // The feed being read: a new generation for each new set of ids, so an answer for older ids is dropped.
  const current = useRef<{ generation: number; ids: readonly string[]; after: string | null; busy: boolean; feed: FeedState }>({
    generation: 0,
    ids,
    after: null,
    busy: false,
    feed: EMPTY,
  });

  const load = useCallback(() => {
    const reading = current.current;
    if (reading.busy || reading.ids.length === 0) return;
    reading.busy = true;
    reading.feed = { ...reading.feed, loading: true, error: null };
    setFeed(reading.feed);
    client
      .query({
        query: ActivityFeedDocument,
        variables: { ids: [...reading.ids], first: FEED_PAGE, after: reading.after },
        errorPolicy: 'all',
        fetchPolicy: 'no-cache',
      })
      .then(
        (result) => result as FeedResult,
        (error: unknown) => ({ error }) as FeedResult,
      )
      .then((result) => {
        if (current.current.generation !== reading.generation) return;
        const next = nextFeedState(reading.feed, result);
        if (next.cursor) reading.after = next.cursor;
        reading.feed = next.state;
        reading.busy = false;
        setFeed(next.state);
      });
  }, [client]);

  useEffect(() => {
    current.current = { generation: current.current.generation + 1, ids, after: null, busy: false, feed: EMPTY };
    setFeed(EMPTY);
    if (enabled) load();
  }, [ids, enabled, load]);

  return { ...feed, loadMore: load };
}

/** A short title for the account of a movement: its card's title when the card is read, else one from its id. */
export function titleFor(accountId: string, slots: readonly AccountSlot[]): string {
  const slot = slots.find((entry) => entry.id === accountId);
  if (slot?.status === 'loaded') return accountTitle(slot.account);
  const provider = providerOf(accountId);
  return provider ? accountTitle({ id: accountId, provider, nativeId: accountId.slice(accountId.indexOf(':') + 1) }) : accountId;
}
