// The contract suite over real HTTP: the gateway on port 0 against the five simulators.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';

const ACCOUNT = `id provider nativeId displayName createdAt __typename balances { asset { code issuer network } amount onHold }`;
const ACCOUNTS_QUERY = `query ($ids: [ID!]!) { accounts(ids: $ids) { ${ACCOUNT} } }`;

let stack: Stack;
const idsOf = (prefix: string) => stack.fleet.sampleIds.filter((id) => id.startsWith(`${prefix}:`));
const firstOf = (prefix: string) => {
  const id = idsOf(prefix)[0];
  if (!id) throw new Error(`no sample ${prefix} account`);
  return id;
};

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
beforeEach(() => stack.fleet.reset());

describe('reading accounts of all five providers', () => {
  it('answers every seeded account with its provider type and no error', async () => {
    const ids = stack.fleet.sampleIds;
    const result = await stack.query(ACCOUNTS_QUERY, { ids });
    expect(result.errors).toBeUndefined();
    const accounts = result.data?.accounts as Array<Record<string, any>>;
    expect(accounts.map((a) => a.id)).toEqual(ids);
    expect(new Set(accounts.map((a) => a.__typename))).toEqual(
      new Set(['InterledgerAccount', 'StellarAccount', 'TalerAccount', 'ConduitAccount', 'MidazAccount']),
    );
    for (const account of accounts) {
      expect(`${account.provider.toLowerCase()}:${account.nativeId}`).toBe(account.id);
      for (const balance of account.balances) expect(balance.amount).toMatch(/^-?\d+(\.\d+)?$/);
    }
  });

  it('answers node and nodes with the same accounts', async () => {
    const id = firstOf('stellar');
    const result = await stack.query(`query ($id: ID!) { node(id: $id) { id ... on StellarAccount { sequence } } nodes(ids: [$id]) { id } }`, { id });
    expect(result.errors).toBeUndefined();
    expect(result.data?.node.id).toBe(id);
    expect(result.data?.node.sequence).toMatch(/^\d+$/);
    expect(result.data?.nodes).toEqual([{ id }]);
  });
});

describe('upstream calls', () => {
  it('fetches an account once however it is asked for: account, accounts with duplicates, aliases and node', async () => {
    const id = firstOf('conduit');
    const result = await stack.query(
      `query ($id: ID!) {
        a: account(id: $id) { id }
        b: account(id: $id) { displayName }
        accounts(ids: [$id, $id, $id]) { id }
        node(id: $id) { id }
        nodes(ids: [$id]) { id }
      }`,
      { id },
    );
    expect(result.errors).toBeUndefined();
    expect(stack.fleet.totalRequests()).toBe(1);
  });

  it('makes one request per distinct account for 20 accounts across the five providers with repeats', async () => {
    const distinct = ['interledger', 'stellar', 'taler', 'conduit', 'midaz'].flatMap((p) => idsOf(p).slice(0, 2));
    const ids = Array.from({ length: 20 }, (_, i) => distinct[i % distinct.length] as string);
    const result = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id displayName } }`, { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data?.accounts).toHaveLength(20);
    expect(stack.fleet.totalRequests()).toBe(new Set(ids).size);
  });

  it('fetches Interledger and Midaz balances only when selected, once each', async () => {
    const ids = [firstOf('interledger'), firstOf('midaz')];
    await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id displayName } }`, { ids });
    expect(stack.fleet.totalRequests()).toBe(2);

    stack.fleet.reset();
    const result = await stack.query(
      `query ($ids: [ID!]!) {
        accounts(ids: $ids) {
          balances { amount }
          ... on InterledgerAccount { balance { net } again: balances { amount } }
          ... on MidazAccount { ledgerBalances { key } }
        }
      }`,
      { ids },
    );
    expect(result.errors).toBeUndefined();
    expect(stack.fleet.totalRequests()).toBe(4);
  });

  it('makes no upstream call for ids that fail validation', async () => {
    const result = await stack.query(ACCOUNTS_QUERY, {
      ids: [
        'stellar:GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVB',
        'conduit:acct_short',
        'midaz:1/2/3',
        'taler:../admin',
        'interledger:a/b',
      ],
    });
    expect(result.data?.accounts).toEqual([null, null, null, null, null]);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(Array(5).fill('BAD_USER_INPUT'));
    expect(stack.fleet.totalRequests()).toBe(0);
  });
});

describe('errors', () => {
  it('keeps the neighbours of a failed id and puts one error at its path', async () => {
    const good = firstOf('taler');
    const result = await stack.query(ACCOUNTS_QUERY, { ids: [good, 'STELLAR:GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA', good] });
    const accounts = result.data?.accounts as Array<Record<string, unknown> | null>;
    expect(accounts[0]?.id).toBe(good);
    expect(accounts[1]).toBeNull();
    expect(accounts[2]?.id).toBe(good);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['accounts', 1], extensions: { code: 'BAD_USER_INPUT' } });
  });

  it.each([
    ['unknown prefix', 'paypal:alice'],
    ['upper-case prefix', 'TALER:alice'],
    ['no prefix', 'alice'],
    ['dots only', 'taler:..'],
  ])('answers BAD_USER_INPUT for an id with %s', async (_case, id) => {
    const result = await stack.query(`query ($id: ID!) { account(id: $id) { id } }`, { id });
    expect(result.data?.account).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['interledger', 'interledger:nobody'],
    ['stellar', 'stellar:GCEZWKCA5VLDNRLN3RPRJMRZOX3Z6G5CHCGSNFHEYVXM3XOJMDS674JZ'],
    ['taler', 'taler:nobody'],
    ['conduit', 'conduit:acct_000000000000000000000000000'],
    ['midaz', 'midaz:00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000000'],
  ])('answers NOT_FOUND with the provider for an unknown %s account', async (provider, id) => {
    const result = await stack.query(`query ($id: ID!) { account(id: $id) { id } }`, { id });
    expect(result.data?.account).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', provider: provider.toUpperCase() });
  });

  it('returns the normalised Interledger id', async () => {
    const nativeId = firstOf('interledger').slice('interledger:'.length);
    const mixed = `${nativeId.slice(0, 1).toUpperCase()}${nativeId.slice(1)}`;
    const result = await stack.query(`query ($id: ID!) { account(id: $id) { id nativeId } }`, { id: `interledger:${mixed}` });
    expect(result.errors).toBeUndefined();
    expect(result.data?.account).toEqual({ id: `interledger:${nativeId}`, nativeId });
  });

  it('leaks no upstream URL, credential or stack trace in any error', async () => {
    const result = await stack.query(ACCOUNTS_QUERY, {
      ids: ['interledger:nobody', 'taler:nobody', 'conduit:acct_000000000000000000000000000', 'paypal:x', 'taler:..'],
    });
    expect(result.errors?.length).toBe(5);
    const simulatorPorts = Object.values(stack.fleet.byProvider).map((sim) => new URL(sim.url).port);
    for (const port of simulatorPorts) expect(result.raw).not.toContain(`:${port}`);
    for (const secret of Object.values(stack.fleet.env).filter((v) => !v.startsWith('http'))) expect(result.raw).not.toContain(secret);
    expect(result.raw).not.toMatch(/stacktrace|Basic |Bearer |at \w+ \(/);
  });

  it('writes no credential to the logs', async () => {
    await stack.query(ACCOUNTS_QUERY, { ids: [...stack.fleet.sampleIds, 'taler:nobody'] });
    const secrets = Object.values(stack.fleet.env).filter((v) => !v.startsWith('http'));
    const text = stack.logs.join('\n');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

describe('HTTP endpoints', () => {
  it('answers /healthz with 200 and JSON', async () => {
    const response = await fetch(`${stack.gateway.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('serves GraphiQL from the gateway itself to a browser GET /graphql', async () => {
    const response = await fetch(`${stack.gateway.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('GraphiQL');
    expect(page).not.toMatch(/src="https?:|href="https?:/);
    for (const asset of page.match(/\/playground\/[\w.-]+/g) ?? []) {
      expect((await fetch(`${stack.gateway.url}${asset}`)).status).toBe(200);
    }
  });

  it('refuses an oversized request body with a JSON error and no stack trace', async () => {
    const response = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(200_000) } }),
    });
    expect(response.status).toBe(413);
    const text = await response.text();
    expect(JSON.parse(text).errors[0].message).toBe('Request body too large.');
    expect(text).not.toMatch(/node_modules|at \w+/);
  });
});
