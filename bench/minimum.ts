// The fewest upstream calls a query can cost, from the providers' APIs: the yardstick the benchmark measures against.
import type { AccountProvider } from '../src/generated/resolvers-types.js';

export const PROVIDERS: readonly AccountProvider[] = ['INTERLEDGER', 'STELLAR', 'TALER', 'CONDUIT', 'MIDAZ'];

/** What a query asks for, as far as the minimum depends on it. */
export interface MinimumInput {
  /** Every global id the query names (root fields and list entries), repeats included. */
  ids: readonly string[];
  /** Whether balances are selected (Interledger and Midaz then need a call per account). */
  balances: boolean;
  /** Providers whose account calls time out: attempted, but nothing follows them. */
  timedOut?: readonly AccountProvider[];
  /** Taler's admin credentials are configured, so its account list is readable (default true). */
  talerAdmin?: boolean;
}

export interface Minimum {
  total: number;
  byProvider: Record<AccountProvider, number>;
}

/** Interledger answers this many distinct accounts or more with one `GET /accounts`. */
export const INTERLEDGER_LIST_FROM = 3;
/** Taler answers this many distinct accounts or more with one admin `GET /accounts?limit=…`. */
export const TALER_LIST_FROM = 5;

/** The provider of a global id, from its lower-case prefix. */
export function providerOf(id: string): AccountProvider {
  const provider = id.slice(0, id.indexOf(':')).toUpperCase() as AccountProvider;
  if (!PROVIDERS.includes(provider)) throw new Error(`not a global id: ${id}`);
  return provider;
}

/** The native id as the provider compares it (Interledger: lower case, dots removed; Midaz: lower case). */
export function canonicalId(id: string): string {
  const provider = providerOf(id);
  if (provider === 'INTERLEDGER') return id.toLowerCase().replaceAll('.', '');
  if (provider === 'MIDAZ') return id.toLowerCase();
  return id;
}

/** Distinct accounts asked for, per provider. */
export function distinctByProvider(ids: readonly string[]): Record<AccountProvider, number> {
  const sets = Object.fromEntries(PROVIDERS.map((p) => [p, new Set<string>()])) as Record<AccountProvider, Set<string>>;
  for (const id of ids) sets[providerOf(id)].add(canonicalId(id));
  return Object.fromEntries(PROVIDERS.map((p) => [p, sets[p].size])) as Record<AccountProvider, number>;
}

function accountCalls(provider: AccountProvider, distinct: number, talerAdmin: boolean): number {
  if (provider === 'INTERLEDGER' && distinct >= INTERLEDGER_LIST_FROM) return 1;
  if (provider === 'TALER' && talerAdmin && distinct >= TALER_LIST_FROM) return 1;
  return distinct;
}

function balanceCalls(provider: AccountProvider, distinct: number, input: MinimumInput): number {
  if (!input.balances || input.timedOut?.includes(provider)) return 0;
  return provider === 'INTERLEDGER' || provider === 'MIDAZ' ? distinct : 0;
}

/** The minimum upstream calls for one query, per provider and in total. */
export function minimumCalls(input: MinimumInput): Minimum {
  const distinct = distinctByProvider(input.ids);
  const talerAdmin = input.talerAdmin ?? true;
  const byProvider = Object.fromEntries(
    PROVIDERS.map((p) => [p, accountCalls(p, distinct[p], talerAdmin) + balanceCalls(p, distinct[p], input)]),
  ) as Record<AccountProvider, number>;
  return { total: PROVIDERS.reduce((sum, p) => sum + byProvider[p], 0), byProvider };
}

/** With a shared cache, one call per time-to-live window of the run, spread over the queries answered. */
export function cachedMinimumPerQuery(ttlMs: number, durationMs: number, queries: number): number {
  if (queries <= 0) return 0;
  return Math.max(1, Math.ceil(durationMs / ttlMs)) / queries;
}
