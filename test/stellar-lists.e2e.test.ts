// Stellar account lists end to end: one filter at a time, Horizon's cursors behind signed ones, paging to the end.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';
import {
  COSIGNER_ID,
  ISSUER_ACCOUNT_ID,
  LIQUIDITY_PROVIDER_ACCOUNT_ID,
  MEMBER_COUNT,
  POOL_ID,
  SEED_ACCOUNT_ID,
  SPONSOR_ID,
  TRADER_ACCOUNT_ID,
} from '../simulators/stellar/fixtures.js';

const LIST = `query ($signer: String, $sponsor: String, $asset: String, $liquidityPool: String, $first: Int, $after: String) {
  stellarAccounts(signer: $signer, sponsor: $sponsor, asset: $asset, liquidityPool: $liquidityPool, first: $first, after: $after) {
    edges { cursor node { id sequence balances { asset { code issuer } amount } } }
    nodes { id }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

let stack: Stack;
const horizon = () => stack.fleet.byProvider.STELLAR;
const listCalls = () => horizon().requests.filter((r) => r.url.split('?')[0] === '/accounts');

beforeAll(async () => {
  stack = await startStack();
});
beforeEach(() => stack.fleet.reset());
afterAll(() => stack.close());

/** Every page of a list, following endCursor until hasNextPage is false. */
async function allPages(variables: Record<string, unknown>): Promise<Array<Array<{ id: string }>>> {
  const pages: Array<Array<{ id: string }>> = [];
  let after: string | undefined;
  for (;;) {
    const result = await stack.query(LIST, { ...variables, after });
    expect(result.errors).toBeUndefined();
    const connection = result.data?.stellarAccounts;
    pages.push(connection.nodes);
    if (!connection.pageInfo.hasNextPage) return pages;
    after = connection.pageInfo.endCursor;
    expect(pages.length).toBeLessThan(20);
  }
}

describe('stellarAccounts', () => {
  it('pages through every account a signer signs for, in account id order, to the end', async () => {
    const pages = await allPages({ signer: COSIGNER_ID, first: 20 });
    const ids = pages.flat().map((node) => node.id);
    expect(pages.map((page) => page.length)).toEqual([20, 20, MEMBER_COUNT + 2 - 40]);
    expect(new Set(ids).size).toBe(MEMBER_COUNT + 2);
    expect(ids).toContain(`stellar:${TRADER_ACCOUNT_ID}`);
    expect(ids).toContain(`stellar:${ISSUER_ACCOUNT_ID}`);
    expect([...ids].sort()).toEqual(ids);
    expect(listCalls()).toHaveLength(3);
  });

  it('asks Horizon for one record more than the page, in ascending order, with Horizon’s cursor after the first page', async () => {
    const first = await stack.query(LIST, { asset: `GOLDBAR:${ISSUER_ACCOUNT_ID}`, first: 5 });
    await stack.query(LIST, { asset: `GOLDBAR:${ISSUER_ACCOUNT_ID}`, first: 5, after: first.data?.stellarAccounts.pageInfo.endCursor });
    const [one, two] = listCalls().map((r) => new URL(r.url, 'http://x').searchParams);
    expect(Object.fromEntries(one ?? [])).toEqual({ asset: `GOLDBAR:${ISSUER_ACCOUNT_ID}`, limit: '6', order: 'asc' });
    const lastOfFirst = first.data?.stellarAccounts.nodes.at(-1).id.slice('stellar:'.length);
    expect(two?.get('cursor')).toBe(lastOfFirst);
    expect(first.data?.stellarAccounts.pageInfo.endCursor).not.toContain(lastOfFirst);
  });

  it('lists by asset, sponsor and liquidity pool', async () => {
    const byAsset = await allPages({ asset: `GOLDBAR:${ISSUER_ACCOUNT_ID}`, first: 200 });
    expect(byAsset.flat()).toHaveLength(MEMBER_COUNT + 1);
    const bySponsor = await allPages({ sponsor: SPONSOR_ID, first: 50 });
    expect(bySponsor.flat().map((n) => n.id)).toContain(`stellar:${LIQUIDITY_PROVIDER_ACCOUNT_ID}`);
    expect(bySponsor.flat().map((n) => n.id)).toContain(`stellar:${TRADER_ACCOUNT_ID}`);
    const byPool = await allPages({ liquidityPool: POOL_ID.toUpperCase() });
    expect(byPool.flat().map((n) => n.id)).toEqual([`stellar:${LIQUIDITY_PROVIDER_ACCOUNT_ID}`]);
    expect(listCalls().at(-1)?.url).toContain(`liquidity_pool=${POOL_ID}`);
  });

  it('answers an empty page when nothing matches', async () => {
    const none = await stack.query(LIST, { sponsor: SEED_ACCOUNT_ID });
    expect(none.data?.stellarAccounts).toEqual({
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('reads a whole page, every field of every account, in one call', async () => {
    const result = await stack.query(
      `query ($signer: String) { stellarAccounts(signer: $signer, first: 30) { nodes { id sequence thresholds { low } trustlines { limit } signers { key } data { key } fetchedAt } } }`,
      { signer: COSIGNER_ID },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.stellarAccounts.nodes).toHaveLength(30);
    expect(horizon().requests.map((r) => r.url.split('?')[0])).toEqual(['/accounts']);
  });

  it.each([
    ['no filter', {}, /exactly one filter/],
    ['two filters', { signer: COSIGNER_ID, sponsor: SPONSOR_ID }, /exactly one filter.*signer, sponsor/],
    ['a malformed signer', { signer: 'GABC' }, /`signer` must be a Stellar account id/],
    ['a sponsor with a bad checksum', { sponsor: `${SPONSOR_ID.slice(0, 55)}${SPONSOR_ID.endsWith('A') ? 'B' : 'A'}` }, /sponsor/],
    ['the native asset', { asset: 'native' }, /native asset/],
    ['an asset without an issuer', { asset: 'USD' }, /CODE:ISSUER/],
    ['an asset with a bad issuer', { asset: 'USD:GBAD' }, /issuer/],
    ['a short pool id', { liquidityPool: 'abc' }, /64 hexadecimal/],
    ['a page over 200', { signer: COSIGNER_ID, first: 201 }, /between 1 and 200/],
    ['a page of 0', { signer: COSIGNER_ID, first: 0 }, /between 1 and 200/],
  ])('refuses %s with BAD_USER_INPUT before calling Horizon', async (_what, variables, message) => {
    const result = await stack.query(LIST, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(horizon().requests).toHaveLength(0);
  });

  it('refuses a forged cursor, and a cursor used with another filter, with BAD_USER_INPUT', async () => {
    const page = await stack.query(LIST, { signer: COSIGNER_ID, first: 2 });
    const cursor: string = page.data?.stellarAccounts.pageInfo.endCursor;
    horizon().reset();
    for (const variables of [
      { signer: COSIGNER_ID, after: `${cursor}x` },
      { signer: COSIGNER_ID, after: 'not-a-cursor' },
      { signer: SPONSOR_ID, after: cursor },
      { asset: `GOLDBAR:${ISSUER_ACCOUNT_ID}`, after: cursor },
    ]) {
      const result = await stack.query(LIST, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.data).toBeNull();
    }
    expect(horizon().requests).toHaveLength(0);
  });

  it('keeps Horizon’s answers out of errors when it refuses a page', async () => {
    horizon().faults.set({ fault: { kind: 'status', status: 503 }, path: '^/accounts$' });
    try {
      const result = await stack.query(LIST, { signer: COSIGNER_ID });
      expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
      expect(result.raw).not.toContain(horizon().url);
    } finally {
      horizon().faults.clear();
    }
  });
});
