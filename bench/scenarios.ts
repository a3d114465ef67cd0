// The benchmark's scenarios: each query, the gateway settings it runs with, and how to tell a right answer.
import type { AccountProvider } from '../src/generated/resolvers-types.js';
import { SIMULATORS } from '../simulators/index.js';
import { canonicalId, minimumCalls, providerOf, type MinimumInput } from './minimum.js';

export interface Scenario {
  name: string;
  description: string;
  /** The request body autocannon sends. */
  body: string;
  /** Body for the warm-up (and the check before the run); the same as body unless a cache must stay cold. */
  warmupBody: string;
  /** Every id the query names, in order: list entries first, then aliased root fields. */
  ids: readonly string[];
  /** The ids warmupBody names. */
  warmupIds: readonly string[];
  minimum: MinimumInput;
  /** Extra gateway environment. */
  env: Readonly<Record<string, string>>;
  /** Upstream latency per provider, overriding the run's default. */
  latencyMs?: Partial<Record<AccountProvider, number>>;
  /** Most concurrent clients for this scenario (heavy queries). */
  maxConnections?: number;
  /** Shared cache time to live, when the scenario measures the cache. */
  cacheTtlMs?: number;
  /** Problems with a parsed response; empty when it is right. `first`: the fresh gateway's first query. */
  check(response: GraphQLBody, ids: readonly string[], first: boolean): string[];
  /** Cheap check of every response under load (autocannon verifyBody). */
  verify(text: string): boolean;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

/** Which ids the 50-account scenarios use, for the output. */
export interface IdMix {
  distinctByProvider: Record<string, number>;
  repeatsByProvider: Record<string, number>;
  listEntries: number;
  aliasedRootFields: number;
}

const ACCOUNT_FIELDS =
  'id displayName balances { asset { code } amount onHold } ' +
  '... on InterledgerAccount { balance { net } } ... on MidazAccount { ledgerBalances { key available } }';

const body = (query: string): string => JSON.stringify({ query });
const quote = (ids: readonly string[]) => ids.map((id) => JSON.stringify(id)).join(', ');
const noErrors = (text: string) => !text.includes('"errors"');

/** The distinct ids per provider for the 50-account query: up to 8 seeded accounts each, Conduit filled up to 40 from generated ones. */
export function fiftyDistinct(conduitGenerated: readonly string[]): Record<AccountProvider, string[]> {
  const seeded = (p: AccountProvider) => SIMULATORS[p].sampleIds.slice(0, 8);
  const others = ['INTERLEDGER', 'STELLAR', 'TALER', 'MIDAZ'] as const;
  const used = others.reduce((sum, p) => sum + seeded(p).length, 0);
  const conduit = [...new Set([...seeded('CONDUIT'), ...conduitGenerated])].slice(0, Math.max(8, 40 - used));
  return { INTERLEDGER: seeded('INTERLEDGER'), STELLAR: seeded('STELLAR'), TALER: seeded('TALER'), CONDUIT: conduit, MIDAZ: seeded('MIDAZ') };
}

/** 40 distinct ids and 10 repeats (two per provider): 45 in `accounts(ids:)`, 5 aliased `account(id:)` fields. */
export function fiftyIds(distinct: Record<AccountProvider, string[]>): { list: string[]; aliases: string[] } {
  const providers = Object.keys(distinct) as AccountProvider[];
  const longest = Math.max(...providers.map((p) => distinct[p].length));
  const interleaved = Array.from({ length: longest }, (_, i) => providers.flatMap((p) => distinct[p][i] ?? []));
  const list = interleaved.flat();
  const listRepeats = providers.map((p) => distinct[p][1] ?? distinct[p][0] ?? '');
  list.splice(7, 0, ...listRepeats.slice(0, 2));
  list.splice(23, 0, ...listRepeats.slice(2));
  return { list, aliases: providers.map((p) => distinct[p][0] ?? '') };
}

export function idMix(list: readonly string[], aliases: readonly string[]): IdMix {
  const all = [...list, ...aliases];
  const seen = new Set<string>();
  const distinctByProvider: Record<string, number> = {};
  const repeatsByProvider: Record<string, number> = {};
  for (const id of all) {
    const p = providerOf(id);
    const bucket = seen.has(canonicalId(id)) ? repeatsByProvider : distinctByProvider;
    bucket[p] = (bucket[p] ?? 0) + 1;
    seen.add(canonicalId(id));
  }
  return { distinctByProvider, repeatsByProvider, listEntries: list.length, aliasedRootFields: aliases.length };
}

function fiftyQuery(list: readonly string[], aliases: readonly string[]): string {
  const roots = aliases.map((id, i) => `a${i}: account(id: ${JSON.stringify(id)}) { ${ACCOUNT_FIELDS} }`).join(' ');
  return `{ accounts(ids: [${quote(list)}]) { ${ACCOUNT_FIELDS} } ${roots} }`;
}

/** What a timed-out provider's entries may carry: the first query sees the timeout, later ones may find the circuit open. */
export interface Outage {
  providers: readonly AccountProvider[];
  /** Error codes allowed at those entries. */
  codes: readonly string[];
  /** A code that must appear at least once. */
  required?: string;
}

/** Checks ids in order (list, then aliases a0…), null and only the allowed errors where a provider is out. */
function checkAccounts(response: GraphQLBody, list: readonly string[], aliases: readonly string[], outage?: Outage): string[] {
  const problems: string[] = [];
  const data = response.data ?? {};
  const accounts = (data.accounts as Array<Record<string, unknown> | null> | undefined) ?? [];
  if (list.length && accounts.length !== list.length) problems.push(`accounts: ${accounts.length} entries, expected ${list.length}`);
  const entries = [...list.map((id, i) => [id, accounts[i]] as const), ...aliases.map((id, i) => [id, data[`a${i}`]] as const)];
  const out = outage?.providers ?? [];
  const wrong = entries.flatMap(([id, entry]) => checkEntry(id, entry as Record<string, unknown> | null | undefined, out));
  if (wrong.length) problems.push(`${wrong.length} of ${entries.length} entries wrong, e.g. ${wrong.slice(0, 3).join(', ')}`);
  return [...checkErrors(response, list, aliases, outage), ...problems];
}

/** Every error must sit at an entry of a provider that is out, with an allowed code. */
function checkErrors(response: GraphQLBody, list: readonly string[], aliases: readonly string[], outage?: Outage): string[] {
  const idAt = (path: ReadonlyArray<string | number> = []) =>
    path[0] === 'accounts' ? list[Number(path[1])] : /^a\d+$/.test(String(path[0])) ? aliases[Number(String(path[0]).slice(1))] : undefined;
  const wrong = (response.errors ?? []).filter((e) => {
    const id = idAt(e.path);
    return !outage || !id || !outage.providers.includes(providerOf(id)) || !outage.codes.includes(e.extensions?.code ?? '');
  });
  const problems = wrong.length
    ? [`unexpected errors: ${[...new Set(wrong.map((e) => `${e.extensions?.code ?? ''} ${e.message}`))].join(' | ')}`]
    : [];
  const required = outage?.required;
  if (required && !(response.errors ?? []).some((e) => e.extensions?.code === required)) problems.push(`expected ${required} errors, got none`);
  return problems;
}

function checkEntry(id: string, entry: Record<string, unknown> | null | undefined, timedOut: readonly AccountProvider[]): string[] {
  if (timedOut.includes(providerOf(id))) return entry === null ? [] : [`${id}: expected null (timed out)`];
  if (!entry) return [`${id}: missing`];
  if (canonicalId(String(entry.id)) !== canonicalId(id)) return [`${id}: came back as ${String(entry.id)}`];
  return Array.isArray(entry.balances) ? [] : [`${id}: no balances`];
}

function oneAccount(): Scenario {
  const id = 'taler:alice';
  return {
    name: 'one-account',
    description: 'one Taler account with its balances',
    body: body(`{ account(id: ${JSON.stringify(id)}) { id balances { asset { code } amount } } }`),
    warmupBody: body(`{ account(id: ${JSON.stringify(id)}) { id balances { asset { code } amount } } }`),
    ids: [id],
    warmupIds: [id],
    minimum: { ids: [id], balances: true },
    env: {},
    check: (response) => checkAccounts({ ...response, data: { a0: response.data?.account ?? null } }, [], [id]),
    verify: noErrors,
  };
}

function fifty(list: readonly string[], aliases: readonly string[]): Scenario {
  const text = body(fiftyQuery(list, aliases));
  return {
    name: 'fifty-accounts',
    description:
      '50 accounts across the five providers (40 distinct, 10 repeats), 45 in accounts(ids:) and 5 aliased account(id:), balances selected',
    body: text,
    warmupBody: text,
    ids: [...list, ...aliases],
    warmupIds: [...list, ...aliases],
    minimum: { ids: [...list, ...aliases], balances: true },
    env: {},
    check: (response) => checkAccounts(response, list, aliases),
    verify: noErrors,
  };
}

/** The same query from one client at a time: its p50 minus two upstream round trips is the time the gateway adds. */
function fiftyOneClient(list: readonly string[], aliases: readonly string[]): Scenario {
  return {
    ...fifty(list, aliases),
    name: 'fifty-accounts-one-client',
    description:
      'the 50-account query from a single client: the critical path is one upstream round trip (selected lazy balances start with their accounts)',
    maxConnections: 1,
  };
}

function fiftyOneSlow(list: readonly string[], aliases: readonly string[]): Scenario {
  const base = fifty(list, aliases);
  return {
    ...base,
    name: 'fifty-accounts-one-slow',
    description: 'the same 50 accounts with Midaz answering in 2 s and MIDAZ_TIMEOUT_MS=500 (Midaz entries null with UPSTREAM_TIMEOUT)',
    minimum: { ...base.minimum, timedOut: ['MIDAZ'] },
    env: { MIDAZ_TIMEOUT_MS: '500' },
    latencyMs: { MIDAZ: 2000 },
    check: (response, _ids, first) =>
      checkAccounts(response, list, aliases, {
        providers: ['MIDAZ'],
        ...(first ? { codes: ['UPSTREAM_TIMEOUT'], required: 'UPSTREAM_TIMEOUT' } : { codes: ['UPSTREAM_TIMEOUT', 'UPSTREAM_ERROR'] }),
      }),
    verify: (text) => /"UPSTREAM_(TIMEOUT|ERROR)"/.test(text) && !/"provider":"(?!MIDAZ")/.test(text) && text.includes('"accounts":['),
  };
}

const BULK_QUERY = 'query Bulk($ids: [ID!]!) { accounts(ids: $ids) { id balances { asset { code } amount } } }';

function thousandIds(conduitIds: readonly string[]): Scenario {
  // The ids travel as a variable: inline they would pass MAX_QUERY_BYTES (32 KiB), as a real client's would.
  const text = JSON.stringify({ query: BULK_QUERY, variables: { ids: conduitIds } });
  return {
    name: 'thousand-ids',
    description: `${conduitIds.length} distinct Conduit ids in one accounts(ids:), MAX_IDS_PER_REQUEST=1000; the simulator refuses beyond 64 in flight (429)`,
    body: text,
    warmupBody: text,
    ids: conduitIds,
    warmupIds: conduitIds,
    minimum: { ids: conduitIds, balances: true },
    env: { MAX_IDS_PER_REQUEST: '1000' },
    maxConnections: 1,
    check: (response) => checkAccounts(response, conduitIds, []),
    verify: noErrors,
  };
}

/**
 * The bulk case: 1 000 distinct ids across the five providers in one `accounts(ids:)` (every seeded account of
 * Interledger, Stellar, Taler and Midaz, Conduit's seeded and generated ones for the rest), balances selected.
 * The gateway's per-provider connection cap (UPSTREAM_MAX_CONNECTIONS, 32) must keep the Conduit simulator under
 * its 64-in-flight limit: its 429s are reported and must be 0.
 */
function bulkMixed(conduitGenerated: readonly string[], total = 1000): Scenario {
  const others = (['INTERLEDGER', 'STELLAR', 'TALER', 'MIDAZ'] as const).flatMap((p) => SIMULATORS[p].sampleIds);
  const conduit = [...new Set([...SIMULATORS.CONDUIT.sampleIds, ...conduitGenerated])].slice(0, total - others.length);
  // Interleaved, so every provider's calls overlap from the start.
  const ids = [...others, ...conduit].map((id, i, all) => all[(i * 7) % all.length] ?? id);
  const distinct = new Set(ids).size === ids.length ? ids : [...others, ...conduit];
  const text = JSON.stringify({ query: BULK_QUERY, variables: { ids: distinct } });
  return {
    name: 'bulk-mixed',
    description: `${distinct.length} distinct ids across the five providers in one accounts(ids:), MAX_IDS_PER_REQUEST=1000, 1 connection; the Conduit simulator refuses beyond 64 in flight (429)`,
    body: text,
    warmupBody: text,
    ids: distinct,
    warmupIds: distinct,
    minimum: { ids: distinct, balances: true },
    env: { MAX_IDS_PER_REQUEST: '1000' },
    maxConnections: 1,
    check: (response) => checkAccounts(response, distinct, []),
    verify: noErrors,
  };
}

function stellarCached(measured: string, warmup: string, ttlMs: number): Scenario {
  const query = (id: string) => body(`{ account(id: ${JSON.stringify(id)}) { id balances { amount } ... on StellarAccount { sequence } } }`);
  return {
    name: 'stellar-cached',
    description: `one public Stellar account queried over and over, STELLAR_CACHE_TTL_MS=${ttlMs} (warm-up on another account, so the cache starts cold)`,
    body: query(measured),
    warmupBody: query(warmup),
    ids: [measured],
    warmupIds: [warmup],
    minimum: { ids: [measured], balances: true },
    env: { STELLAR_CACHE_TTL_MS: String(ttlMs) },
    cacheTtlMs: ttlMs,
    check: (response, ids) => checkAccounts({ ...response, data: { a0: response.data?.account ?? null } }, [], ids),
    verify: noErrors,
  };
}

/** Every scenario, in run order; `conduitGenerated` are the load Conduit simulator's generated ids. */
export function buildScenarios(conduitGenerated: readonly string[]): { scenarios: Scenario[]; mix: IdMix } {
  const { list, aliases } = fiftyIds(fiftyDistinct(conduitGenerated));
  const stellar = SIMULATORS.STELLAR.sampleIds;
  const scenarios = [
    oneAccount(),
    fifty(list, aliases),
    fiftyOneClient(list, aliases),
    fiftyOneSlow(list, aliases),
    thousandIds(conduitGenerated.slice(0, 1000)),
    bulkMixed(conduitGenerated),
    stellarCached(stellar[0] ?? '', stellar[1] ?? '', 5000),
  ];
  return { scenarios, mix: idMix(list, aliases) };
}

/** The per-query minimum of a scenario without a cache. */
export const scenarioMinimum = (scenario: Scenario): number => minimumCalls(scenario.minimum).total;
