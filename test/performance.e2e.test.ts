// The call-count rules of issue 4: list calls, the shared cache in memory, naive mode and Cache-Control (with Redis: shared-cache.redis.e2e.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

const idsOf = (stack: Stack, prefix: string) => stack.fleet.sampleIds.filter((id) => id.startsWith(`${prefix}:`));
const ACCOUNTS = `query ($ids: [ID!]!) { accounts(ids: $ids) { id displayName fetchedAt balances { amount } } }`;
const paths = (stack: Stack, provider: 'INTERLEDGER' | 'TALER' | 'STELLAR') =>
  stack.fleet.byProvider[provider].requests.map((r) => r.url.split('?')[0]);

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe('list calls', () => {
  it('answers three or more Interledger accounts with one list call, balances still one call each', async () => {
    stack = await startStack();
    const ids = idsOf(stack, 'interledger').slice(0, 4);
    const result = await stack.query(ACCOUNTS, { ids: [...ids, ...ids] });
    expect(result.errors).toBeUndefined();
    expect(result.data?.accounts.map((a: { id: string }) => a.id)).toEqual([...ids, ...ids]);
    expect(paths(stack, 'INTERLEDGER').sort()).toEqual(
      ['/accounts', ...ids.map((id) => `/accounts/${id.slice('interledger:'.length)}/balance`)].sort(),
    );
  });

  it('asks for fewer Interledger accounts one by one', async () => {
    stack = await startStack();
    const ids = idsOf(stack, 'interledger').slice(0, 2);
    await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id } }`, { ids });
    expect(paths(stack, 'INTERLEDGER').sort()).toEqual(ids.map((id) => `/accounts/${id.slice('interledger:'.length)}`).sort());
  });

  it('falls back to one call per account when the list is refused', async () => {
    stack = await startStack();
    stack.fleet.byProvider.INTERLEDGER.faults.set({ fault: { kind: 'status', status: 404 }, path: '^/accounts$' });
    const ids = idsOf(stack, 'interledger').slice(0, 3);
    const result = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id } }`, { ids });
    expect(result.errors).toBeUndefined();
    expect(paths(stack, 'INTERLEDGER')).toHaveLength(4);
  });

  it('answers five or more Taler accounts from one page of the admin list, with balances', async () => {
    stack = await startStack();
    const ids = idsOf(stack, 'taler').slice(0, 6);
    const result = await stack.query(ACCOUNTS, { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data?.accounts.find((a: { id: string }) => a.id === 'taler:bob').balances).toEqual([{ amount: '-3' }]);
    expect(paths(stack, 'TALER')).toEqual(['/accounts']);
  });

  it('reads the account itself only for fields the Taler list lacks', async () => {
    stack = await startStack();
    const ids = idsOf(stack, 'taler').slice(0, 5);
    const result = await stack.query(
      `query ($ids: [ID!]!) { accounts(ids: $ids) { id ... on TalerAccount { paytoUri contact { email } tanChannels } } }`,
      { ids },
    );
    expect(result.errors).toBeUndefined();
    const carol = result.data?.accounts.find((a: { id: string }) => a.id === 'taler:carol');
    expect(carol?.contact?.email).toBeTruthy();
    expect(paths(stack, 'TALER').filter((p) => p === '/accounts')).toHaveLength(1);
    expect(paths(stack, 'TALER')).toHaveLength(1 + ids.length);
  });

  it('never lists with a caller’s own Taler credentials', async () => {
    stack = await startStack();
    const ids = idsOf(stack, 'taler').slice(0, 5);
    const basic = `Basic ${Buffer.from('admin:taler-demo-admin').toString('base64')}`;
    await stack.query(ACCOUNTS, { ids }, { 'x-taler-authorization': basic });
    expect(paths(stack, 'TALER')).not.toContain('/accounts');
    expect(paths(stack, 'TALER')).toHaveLength(ids.length);
  });
});

describe('shared cache', () => {
  it('serves a repeated public Stellar query from the cache, with its original fetchedAt and a Cache-Control hint', async () => {
    stack = await startStack({ STELLAR_CACHE_TTL_MS: '5000' });
    const id = idsOf(stack, 'stellar')[0] as string;
    const first = await stack.query(ACCOUNTS, { ids: [id] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await stack.query(ACCOUNTS, { ids: [id] });
    expect(second.data?.accounts[0].fetchedAt).toBe(first.data?.accounts[0].fetchedAt);
    expect(stack.fleet.byProvider.STELLAR.requests).toHaveLength(1);
    const response = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ACCOUNTS, variables: { ids: [id] } }),
    });
    expect(response.headers.get('cache-control')).toBe('max-age=5, private');
  });

  it('makes one call for concurrent misses of the same cached resource', async () => {
    stack = await startStack({ STELLAR_CACHE_TTL_MS: '5000' });
    stack.fleet.byProvider.STELLAR.faults.set({ fault: { kind: 'latency', ms: 100 } });
    const id = idsOf(stack, 'stellar')[0] as string;
    const results = await Promise.all(Array.from({ length: 10 }, () => stack!.query(ACCOUNTS, { ids: [id] })));
    expect(results.every((r) => r.data?.accounts[0]?.id === id)).toBe(true);
    expect(stack.fleet.byProvider.STELLAR.requests).toHaveLength(1);
  });

  it('drops the cached copy of an account the caller changed', async () => {
    stack = await startStack({ TALER_CACHE_TTL_MS: '60000' });
    const read = () => stack!.query(`{ account(id: "taler:alice") { displayName } }`);
    expect((await read()).data?.account.displayName).toBe('Alice Example');
    const update = await stack.query(
      `mutation { talerAccountUpdate(id: "taler:alice", input: { name: "Alice Renamed" }) { account { displayName } userErrors { code } } }`,
    );
    expect(update.data?.talerAccountUpdate.account.displayName).toBe('Alice Renamed');
    expect((await read()).data?.account.displayName).toBe('Alice Renamed');
  });

  it('reads again once the time to live has passed', async () => {
    stack = await startStack({ STELLAR_CACHE_TTL_MS: '100' });
    const id = idsOf(stack, 'stellar')[0] as string;
    await stack.query(ACCOUNTS, { ids: [id] });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await stack.query(ACCOUNTS, { ids: [id] });
    expect(stack.fleet.byProvider.STELLAR.requests).toHaveLength(2);
  });

  it('keys the cache by the caller’s credentials, so no caller sees another’s data', async () => {
    stack = await startStack({ TALER_CACHE_TTL_MS: '60000' });
    const asAlice = { 'x-taler-authorization': `Basic ${Buffer.from('alice:alice-password').toString('base64')}` };
    const asBob = { 'x-taler-authorization': `Basic ${Buffer.from('bob:bob-password').toString('base64')}` };
    const query = `{ account(id: "taler:alice") { id } }`;
    expect((await stack.query(query, undefined, asAlice)).data?.account?.id).toBe('taler:alice');
    const bob = await stack.query(query, undefined, asBob);
    expect(bob.data?.account).toBeNull();
    expect(bob.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await stack.query(query, undefined, asAlice)).data?.account?.id).toBe('taler:alice');
    expect(stack.fleet.byProvider.TALER.requests).toHaveLength(2);
  });

  it('says no-store when a response holds uncacheable data', async () => {
    stack = await startStack();
    const response = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ account(id: "taler:alice") { id } }` }),
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('naive mode (the benchmark baseline)', () => {
  it('makes one call per field occurrence, with no loaders, lists or cache', async () => {
    stack = await startStack({ GATEWAY_NAIVE: 'true', STELLAR_CACHE_TTL_MS: '5000' });
    const id = idsOf(stack, 'stellar')[0] as string;
    await stack.query(`query ($id: ID!) { a: account(id: $id) { id } b: account(id: $id) { id } accounts(ids: [$id, $id]) { id } }`, { id });
    expect(stack.fleet.byProvider.STELLAR.requests).toHaveLength(4);
  });

  it('does not start lazy balances early: one account call and one balance call per field', async () => {
    stack = await startStack({ GATEWAY_NAIVE: 'true' });
    const id = idsOf(stack, 'interledger')[0] as string;
    await stack.query(`query ($id: ID!) { account(id: $id) { id ... on InterledgerAccount { balance { net } } } }`, { id });
    expect(stack.fleet.byProvider.INTERLEDGER.requests).toHaveLength(2);
  });
});

describe('Cache-Control of lists and mutations', () => {
  it('says no-store for a list, even beside a cacheable account', async () => {
    stack = await startStack({ STELLAR_CACHE_TTL_MS: '5000' });
    const id = idsOf(stack, 'stellar')[0] as string;
    const response = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `query ($id: ID!) { account(id: $id) { id } talerAccounts(first: 2) { nodes { id } } }`, variables: { id } }),
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
