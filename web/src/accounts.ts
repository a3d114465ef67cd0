// Loads accounts with one query per provider, all in parallel, so a slow or hung provider never holds the others
// back: each provider's cards render as soon as its own answer arrives. Errors are read per account from their
// paths: `["accounts", i]` means account i could not be read; `["accounts", i, "balances"]` with `extensions.leftOut`
// means account i was read but that many of its balances were left out (and so are in no total). Each provider's
// query stays watched in Apollo's cache, so a live update of an account (accountUpdated) re-renders its card.
import { useEffect, useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { AccountsDocument, type AccountCardFragment, type AccountProvider } from '../../client/gql/graphql.js';
import { PROVIDER_LABELS } from '../../client/assetIdentity.js';

export interface AccountError {
  message: string;
  code: string;
}

interface SlotBase {
  id: string;
  /** The provider the id's prefix names, or null for an id that names none. */
  provider: AccountProvider | null;
}

export type AccountSlot =
  | (SlotBase & { status: 'loading' })
  | (SlotBase & { status: 'loaded'; account: AccountCardFragment; leftOutBalances: number; notes: AccountError[] })
  /** `missing`: the id names no account (BAD_USER_INPUT, NOT_FOUND), so it holds nothing and no total misses it. */
  | (SlotBase & { status: 'failed'; error: AccountError; missing: boolean });

export interface ProviderProgress {
  key: string;
  provider: AccountProvider | null;
  label: string;
  count: number;
  state: 'loading' | 'done';
  /** Milliseconds from sending the provider's query to its answer. */
  ms?: number;
  failed: number;
}

const PROVIDERS = Object.keys(PROVIDER_LABELS) as AccountProvider[];
/** Codes that say the id names no account, rather than that an account could not be read. */
const NO_SUCH_ACCOUNT = new Set(['BAD_USER_INPUT', 'NOT_FOUND']);

/** The provider a global id's prefix names ("taler:alice" → TALER), or null. */
export function providerOf(id: string): AccountProvider | null {
  const prefix = id.slice(0, Math.max(0, id.indexOf(':'))).toUpperCase();
  return PROVIDERS.find((provider) => provider === prefix) ?? null;
}

interface Group {
  key: string;
  provider: AccountProvider | null;
  ids: string[];
}

/** The ids by provider, in the order providers first appear; ids naming no provider go together in one group. */
export function groupByProvider(ids: readonly string[]): Group[] {
  const groups = new Map<string, Group>();
  for (const id of ids) {
    const provider = providerOf(id);
    const key = provider ?? 'OTHER';
    const group = groups.get(key) ?? { key, provider, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  }
  return [...groups.values()];
}

interface GroupOutcome {
  slots: AccountSlot[];
  ms: number;
}

type QueryResult = { data?: { accounts: ReadonlyArray<AccountCardFragment | null> } | null; error?: unknown };

/** Each id of a group's answer as a slot: the account, or why it could not be read. */
export function slotsOf(group: Group, result: QueryResult): AccountSlot[] {
  const errors = CombinedGraphQLErrors.is(result.error) ? result.error.errors : [];
  const requestError =
    result.error && !CombinedGraphQLErrors.is(result.error)
      ? { message: `The request to the gateway failed: ${(result.error as Error).message ?? String(result.error)}`, code: 'REQUEST_FAILED' }
      : undefined;
  const accounts = result.data?.accounts;
  return group.ids.map((id, index): AccountSlot => {
    const provider = providerOf(id);
    const own = errors.filter((entry) => entry.path?.[0] === 'accounts' && entry.path[1] === index);
    const asError = (entry: (typeof errors)[number]): AccountError => ({ message: entry.message, code: String(entry.extensions?.code ?? 'ERROR') });
    const account = accounts?.[index];
    if (!account) {
      const first = own[0] ?? errors.find((entry) => !entry.path);
      const error = first ? asError(first) : (requestError ?? { message: 'This account could not be read.', code: 'ERROR' });
      return { status: 'failed', id, provider, error, missing: NO_SUCH_ACCOUNT.has(error.code) };
    }
    let leftOutBalances = 0;
    const notes: AccountError[] = [];
    for (const entry of own) {
      const leftOut = entry.extensions?.leftOut;
      if (entry.path?.length === 3 && entry.path[2] === 'balances' && typeof leftOut === 'number') leftOutBalances += leftOut;
      else notes.push(asError(entry));
    }
    return { status: 'loaded', id, provider, account, leftOutBalances, notes };
  });
}

/** The slots of `ids`, in their order, filled in provider by provider as each answers; and each provider's progress. */
export function useAccountsByProvider(ids: readonly string[]): { slots: AccountSlot[]; progress: ProviderProgress[] } {
  const client = useApolloClient();
  const [outcomes, setOutcomes] = useState<{ ids: readonly string[]; byGroup: ReadonlyMap<string, GroupOutcome> }>({ ids, byGroup: new Map() });

  useEffect(() => {
    let current = true;
    setOutcomes({ ids, byGroup: new Map() });
    const watching = groupByProvider(ids).map((group) => {
      const started = performance.now();
      // The first answer comes from the network and is written to the cache; later ones are the cache's, when a live
      // update (accountUpdated) changed one of these accounts there. They carry the data only: the first answer's
      // errors (which accounts failed, which balances were left out) still hold for them.
      let first: { error: unknown; ms: number } | undefined;
      const query = client.watchQuery({
        query: AccountsDocument,
        variables: { ids: group.ids },
        errorPolicy: 'all',
        fetchPolicy: 'network-only',
        nextFetchPolicy: 'cache-only',
      });
      return query.subscribe({
        next: (result) => {
          if (!current || result.loading || (first && result.dataState !== 'complete')) return;
          first ??= { error: result.error, ms: Math.round(performance.now() - started) };
          const slots = slotsOf(group, { data: result.data as QueryResult['data'], error: result.error ?? first.error });
          const { ms } = first;
          setOutcomes((previous) => (previous.ids === ids ? { ids, byGroup: new Map(previous.byGroup).set(group.key, { slots, ms }) } : previous));
        },
        error: (error: unknown) => {
          if (!current) return;
          const ms = first?.ms ?? Math.round(performance.now() - started);
          const slots = slotsOf(group, { error });
          setOutcomes((previous) => (previous.ids === ids ? { ids, byGroup: new Map(previous.byGroup).set(group.key, { slots, ms }) } : previous));
        },
      });
    });
    return () => {
      current = false;
      for (const subscription of watching) subscription.unsubscribe();
    };
  }, [client, ids]);

  const groups = groupByProvider(ids);
  const byId = new Map<string, AccountSlot>();
  const byGroup = outcomes.ids === ids ? outcomes.byGroup : new Map<string, GroupOutcome>();
  for (const outcome of byGroup.values()) for (const slot of outcome.slots) byId.set(slot.id, slot);
  const slots = ids.map((id): AccountSlot => byId.get(id) ?? { status: 'loading', id, provider: providerOf(id) });
  const progress = groups.map((group): ProviderProgress => {
    const outcome = byGroup.get(group.key);
    return {
      key: group.key,
      provider: group.provider,
      label: group.provider ? PROVIDER_LABELS[group.provider] : 'Other ids',
      count: group.ids.length,
      state: outcome ? 'done' : 'loading',
      ms: outcome?.ms,
      failed: outcome?.slots.filter((slot) => slot.status === 'failed').length ?? 0,
    };
  });
  return { slots, progress };
}
