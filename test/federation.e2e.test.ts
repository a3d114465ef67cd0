// The accounts gateway as an Apollo Federation v2 subgraph: composed with a second subgraph (notes, through
// @interfaceObject) by @apollo/composition, served by @apollo/gateway in-process, checked end to end with call counts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountProvider } from '../src/generated/resolvers-types.js';
import type { RunningGateway } from '../src/server.js';
import { startFederationStack, type FederationStack } from './federation/stack.js';

const PROVIDERS = ['interledger', 'stellar', 'taler', 'conduit', 'midaz'] as const;
const ACCOUNT_TYPES = ['InterledgerAccount', 'StellarAccount', 'TalerAccount', 'ConduitAccount', 'MidazAccount'];

let stack: FederationStack;
let monolith: RunningGateway;
let notesData: Map<string, string[]>;

const idsOf = (prefix: string) => stack.fleet.sampleIds.filter((id) => id.startsWith(`${prefix}:`));
/** Two accounts per provider: below every list threshold, so each distinct account is one call. */
const twoPerProvider = () => PROVIDERS.flatMap((p) => idsOf(p).slice(0, 2));
const cycle = (ids: readonly string[], length: number) => Array.from({ length }, (_, i) => ids[i % ids.length] as string);
const callsByProvider = () =>
  Object.fromEntries(Object.entries(stack.fleet.byProvider).map(([provider, sim]) => [provider, sim.requests.length])) as Record<
    AccountProvider,
    number
  >;
const totalCalls = () => stack.fleet.totalRequests();

async function monolithQuery(query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${monolith.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
}

/** Per-provider simulator calls the monolith makes for a query (the baseline the supergraph must match). */
async function monolithCalls(query: string, variables: Record<string, unknown>) {
  stack.fleet.reset();
  const result = await monolithQuery(query, variables);
  expect(result.errors).toBeUndefined();
  const calls = callsByProvider();
  stack.fleet.reset();
  return calls;
}

beforeAll(async () => {
  notesData = new Map();
  stack = await startFederationStack(notesData);
  for (const id of stack.fleet.sampleIds) notesData.set(id, [`note on ${id}`, 'second note']);
  notesData.delete(idsOf('conduit')[1] as string); // an account without notes: an empty list
  monolith = await stack.startMonolith();
}, 30_000);
afterAll(() => stack?.close());
beforeEach(() => {
  stack.fleet.reset();
  stack.subgraphRequests.length = 0;
  stack.notes.entityBatches.length = 0;
});

describe('subgraph mode', () => {
  it('publishes its SDL with the @link header and @key on Account and all five account types', async () => {
    const result = await stack.querySubgraph(`{ _service { sdl } }`);
    expect(result.errors).toBeUndefined();
    const sdl: string = result.data?._service.sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.4"');
    expect(sdl).toMatch(/interface Account implements Node\s+@key\(fields: "id"\)/);
    for (const type of ACCOUNT_TYPES) expect(sdl).toMatch(new RegExp(`type ${type} implements Account & Node\\s+@key\\(fields: "id"\\)`));
    for (const scalar of ['Decimal', 'BigInt', 'DateTime']) expect(sdl).toContain(`scalar ${scalar}`);
    expect(totalCalls()).toBe(0);
  });

  it('answers the monolith queries unchanged, scalars included', async () => {
    const ids = twoPerProvider();
    const query = `query ($ids: [ID!]!) { accounts(ids: $ids) { id __typename displayName createdAt fetchedAt balances { amount onHold } ... on StellarAccount { sequence } } node(id: "${ids[0]}") { id } }`;
    const federated = await stack.querySubgraph(query, { ids });
    expect(federated.errors).toBeUndefined();
    const plain = await monolithQuery(query, { ids });
    const strip = (data: any) => ({ ...data, accounts: data.accounts.map(({ fetchedAt: _f, ...rest }: any) => rest) });
    expect(strip(federated.data)).toEqual(strip(plain.data));
    expect(federated.data?.accounts.find((a: any) => a.__typename === 'StellarAccount').sequence).toMatch(/^\d+$/);
  });

  it('resolves 50 _entities references through the loaders: one call per distinct account', async () => {
    const distinct = twoPerProvider();
    const typename = (id: string) => ACCOUNT_TYPES[PROVIDERS.findIndex((p) => id.startsWith(`${p}:`))];
    const representations = cycle(distinct, 50).map((id, i) => ({ __typename: i % 2 ? 'Account' : typename(id), id }));
    const result = await stack.querySubgraph(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Account { id displayName } } }`,
      { representations },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities.map((e: any) => e.id)).toEqual(representations.map((r) => r.id));
    expect(result.data?._entities.map((e: any) => e.__typename)).toEqual(representations.map((r) => typename(r.id)));
    expect(totalCalls()).toBe(distinct.length);
  });

  it('lets the loaders batch a list call for _entities as for accounts(ids:)', async () => {
    // Interledger answers three or more distinct accounts with one list call: proof the loader got them as one batch.
    const interledger = idsOf('interledger');
    expect(interledger.length).toBeGreaterThanOrEqual(3);
    const representations = cycle(interledger, 50).map((id) => ({ __typename: 'InterledgerAccount', id }));
    const result = await stack.querySubgraph(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id } } }`, {
      r: representations,
    });
    expect(result.errors).toBeUndefined();
    const calls = stack.fleet.byProvider.INTERLEDGER.requests.length;
    const baseline = await monolithCalls(`query ($ids: [ID!]!) { accounts(ids: $ids) { id } }`, { ids: cycle(interledger, 50) });
    expect(calls).toBe(baseline.INTERLEDGER);
    expect(calls).toBe(1);
  });

  it('refuses a reference whose type does not match its id, and more references than MAX_IDS_PER_REQUEST, before any call', async () => {
    const stellar = idsOf('stellar')[0] as string;
    const wrong = await stack.querySubgraph(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id } } }`, {
      r: [{ __typename: 'TalerAccount', id: stellar }, { __typename: 'Account', id: 'paypal:x' }, { __typename: 'Account' }],
    });
    expect(wrong.data?._entities).toEqual([null, null, null]);
    expect(wrong.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    const tooMany = await stack.querySubgraph(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id } } }`, {
      r: cycle([stellar], 101).map((id) => ({ __typename: 'Account', id })),
    });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(totalCalls()).toBe(0);
  });

  it('answers a reference to a type it does not hold as the caller’s mistake, not a server error', async () => {
    const before = stack.logs.length;
    const unknown = await stack.querySubgraph(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id } } }`, {
      r: [{ __typename: 'Invoice', id: idsOf('stellar')[0] }],
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.logs.slice(before).some((line) => /"level":50/.test(line))).toBe(false);
    expect(totalCalls()).toBe(0);
  });
});

describe('the supergraph (accounts + notes, @apollo/gateway in-process)', () => {
  it('composes with no errors', () => {
    expect(stack.compositionErrors).toBe(0);
    expect(stack.supergraphSdl).toContain('isInterfaceObject: true');
    expect(stack.supergraphSdl).toMatch(/interface Account implements Node[\s\S]*?@join__type\(graph: ACCOUNTS, key: "id"\)/);
  });

  it('answers accounts of all five providers with balances and notes, with the monolith’s minimal calls', async () => {
    const distinct = twoPerProvider();
    const ids = cycle(distinct, 20);
    const fields = `id __typename displayName balances { asset { code } amount } ... on StellarAccount { sequence }`;
    const result = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { ${fields} notes } }`, { ids });
    expect(result.errors).toBeUndefined();
    const accounts = result.data?.accounts as Array<Record<string, any>>;
    expect(accounts.map((a) => a.id)).toEqual(ids);
    expect(new Set(accounts.map((a) => a.__typename))).toEqual(new Set(ACCOUNT_TYPES));
    for (const account of accounts) {
      expect(account.notes).toEqual(notesData.get(account.id) ?? []);
      expect(account.balances.length).toBeGreaterThan(0);
      for (const balance of account.balances) expect(balance.amount).toMatch(/^-?\d+(\.\d+)?$/);
    }
    expect(accounts.some((a) => a.notes.length === 0)).toBe(true);

    const calls = callsByProvider();
    // One call per distinct account, plus the lazy balance call of each Interledger and Midaz account.
    expect(totalCalls()).toBe(distinct.length + 2 + 2);
    expect(calls).toEqual(await monolithCalls(`query ($ids: [ID!]!) { accounts(ids: $ids) { ${fields} } }`, { ids }));
    // One fetch per subgraph: accounts first, then one batched _entities to notes.
    expect(stack.subgraphRequests.map((r) => r.subgraph)).toEqual(['accounts', 'notes']);
    expect(stack.notes.entityBatches).toHaveLength(1);
  });

  it('resolves 50 Account references from the notes subgraph in one _entities fetch with minimal calls', async () => {
    const distinct = twoPerProvider();
    const ids = cycle(distinct, 50);
    stack.notes.setNoted(ids);
    const fields = `id __typename displayName balances { amount }`;
    const result = await stack.query(`{ notedAccounts { ${fields} notes } }`);
    expect(result.errors).toBeUndefined();
    const accounts = result.data?.notedAccounts as Array<Record<string, any>>;
    expect(accounts.map((a) => a.id)).toEqual(ids);
    expect(new Set(accounts.map((a) => a.__typename))).toEqual(new Set(ACCOUNT_TYPES));
    for (const account of accounts) expect(account.notes).toEqual(notesData.get(account.id) ?? []);

    const toAccounts = stack.subgraphRequests.filter((r) => r.subgraph === 'accounts');
    expect(toAccounts).toHaveLength(1);
    expect(toAccounts[0]?.query).toContain('_entities');
    expect(toAccounts[0]?.representations).toBeGreaterThanOrEqual(distinct.length);
    expect(toAccounts[0]?.representations).toBeLessThanOrEqual(50);
    const calls = callsByProvider();
    expect(totalCalls()).toBe(distinct.length + 2 + 2);
    expect(calls).toEqual(await monolithCalls(`query ($ids: [ID!]!) { accounts(ids: $ids) { ${fields} } }`, { ids }));
  });

  it('matches the monolith for 50 references over every seeded account, list calls included', async () => {
    const ids = cycle(stack.fleet.sampleIds, 50);
    stack.notes.setNoted(ids);
    const result = await stack.query(`{ notedAccounts { id displayName notes } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.notedAccounts.map((a: any) => a.id)).toEqual(ids);
    const calls = callsByProvider();
    expect(totalCalls()).toBeLessThanOrEqual(new Set(ids).size);
    expect(calls).toEqual(await monolithCalls(`query ($ids: [ID!]!) { accounts(ids: $ids) { id displayName } }`, { ids }));
  });
});
