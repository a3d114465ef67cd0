// Conduit client account lists end to end over HTTP: gateway paging, cursors, lazy createdAt, and no mutations.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MANY_ACCOUNTS, MANY_ACCOUNTS_CLIENT_ID } from '../simulators/conduit/fixtures.js';
import { startStack, type GraphQLResponse, type Stack } from './harness.js';

let stack: Stack;
type Result = GraphQLResponse<Record<string, any>>;
type Page = {
  edges: Array<{ node: { id: string } }>;
  nodes: Array<{ id: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
};
const sim = () => stack.fleet.byProvider.CONDUIT;
const calls = () => sim().requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => sim().reset());

const ACME = 'client_2ofTA13AD0xBtbEvBl20aEb1hEu';

const LIST = `query ($clientId: ID!, $first: Int, $after: String) {
  conduitClientAccounts(clientId: $clientId, first: $first, after: $after) {
    edges { cursor node { id } }
    nodes { id nativeId displayName balances { asset { code network } amount onHold } availableBalances { amount country } fetchedAt }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe('the conduitClientAccounts list', () => {
  it('pages to the end of a client’s long list in account-id order, one list call per page and no account call', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: Result = await stack.query(LIST, { clientId: MANY_ACCOUNTS_CLIENT_ID, first: 10, after });
      expect(result.errors).toBeUndefined();
      const page: Page = result.data?.conduitClientAccounts;
      pages += 1;
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(page.nodes.map((n: { id: string }) => n.id));
      ids.push(...page.nodes.map((n: { id: string }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(10);
    }
    expect(pages).toBe(5);
    expect(ids).toEqual(MANY_ACCOUNTS.map((a) => `conduit:${a.id}`).sort());
    expect(calls()).toEqual(Array.from({ length: 5 }, () => `GET /clients/${MANY_ACCOUNTS_CLIENT_ID}/accounts`));
  });

  it('maps each item’s accountId (not its id, the client’s) to the same account a single read gives', async () => {
    const listed = await stack.query(LIST, { clientId: ACME });
    const nodes = listed.data?.conduitClientAccounts.nodes as Array<{ id: string; fetchedAt: string }>;
    expect(nodes.map((n) => n.id)).toEqual(['conduit:acct_2ofTA5mz0T91pBmD3tMTeLE7T4X', 'conduit:acct_2xaFtbjxsMof8nXblNShrbgNIMH']);
    const read = await stack.query(
      `query ($ids: [ID!]!) { accounts(ids: $ids) { id nativeId displayName balances { asset { code network } amount onHold } ... on ConduitAccount { availableBalances { amount country } } } }`,
      {
        ids: nodes.map((n) => n.id),
      },
    );
    expect(nodes.map(({ fetchedAt: _f, ...rest }) => rest)).toEqual(read.data?.accounts);
  });

  it('reads an account itself only when createdAt, which the list lacks, is selected', async () => {
    const result = await stack.query(`{ conduitClientAccounts(clientId: "${ACME}") { nodes { nativeId createdAt } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.conduitClientAccounts.nodes).toEqual([
      { nativeId: 'acct_2ofTA5mz0T91pBmD3tMTeLE7T4X', createdAt: '2024-11-04T15:22:41.318Z' },
      { nativeId: 'acct_2xaFtbjxsMof8nXblNShrbgNIMH', createdAt: '2025-03-02T18:04:12.000Z' },
    ]);
    expect(calls().sort()).toEqual(
      [`GET /clients/${ACME}/accounts`, 'GET /accounts/acct_2ofTA5mz0T91pBmD3tMTeLE7T4X', 'GET /accounts/acct_2xaFtbjxsMof8nXblNShrbgNIMH'].sort(),
    );
  });

  it('refuses a cursor reused for another client with BAD_USER_INPUT, without any upstream call', async () => {
    const first = await stack.query(LIST, { clientId: MANY_ACCOUNTS_CLIENT_ID, first: 2 });
    sim().reset();
    const reused = await stack.query(LIST, { clientId: ACME, after: first.data?.conduitClientAccounts.pageInfo.endCursor });
    expect(reused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(sim().requests).toHaveLength(0);
  });

  it.each([
    ['a malformed client id', { clientId: 'client_short' }],
    ['an account id as client id', { clientId: 'acct_2fvietuCNSu8unMNLsEGBrDTVFn' }],
    ['a forged cursor', { clientId: ACME, after: 'WyJjb25kdWl0Q2xpZW50QWNjb3VudHMiLCJ4Il0.forged' }],
    ['a cursor of another list', { clientId: ACME, after: 'interledger' }],
    ['a page size above 100', { clientId: ACME, first: 101 }],
    ['a negative page size', { clientId: ACME, first: -1 }],
  ])('refuses %s with BAD_USER_INPUT, without any upstream call', async (_name, variables) => {
    let args = variables as Record<string, unknown>;
    if (args.after === 'interledger') {
      const other = await stack.query(`{ interledgerAccounts(first: 1) { pageInfo { endCursor } } }`);
      args = { ...args, after: other.data?.interledgerAccounts.pageInfo.endCursor };
      sim().reset();
    }
    const result = await stack.query(LIST, args);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data).toBeNull();
    expect(sim().requests).toHaveLength(0);
  });

  it('reports an unknown client as NOT_FOUND from CONDUIT, in the gateway’s own words', async () => {
    const result = await stack.query(LIST, { clientId: 'client_2ZZZZZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'CONDUIT' });
    expect(result.errors?.[0]?.message).toBe('Conduit has no client `client_2ZZZZZZZZZZZZZZZZZZZZZZZZZZ`.');
    expect(result.raw).not.toContain(sim().url);
  });

  it('answers a page past the end as empty, with a previous page', async () => {
    const last = await stack.query(LIST, { clientId: ACME, first: 2 });
    const after = last.data?.conduitClientAccounts.pageInfo.endCursor;
    const past = await stack.query(LIST, { clientId: ACME, after });
    expect(past.data?.conduitClientAccounts).toMatchObject({
      nodes: [],
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    });
  });
});

describe('account changes', () => {
  it('offers no Conduit or Stellar account mutations, as their APIs have none', async () => {
    const result = await stack.query(`{ __schema { mutationType { fields { name } } } }`);
    const names = (result.data?.__schema.mutationType?.fields ?? []).map((f: { name: string }) => f.name);
    expect(names.filter((name: string) => /^(conduit|stellar)/.test(name))).toEqual([]);
    const type = await stack.query(`{ __type(name: "ConduitAccount") { description } }`);
    expect(type.data?.__type.description).toMatch(/no endpoint to create, change or delete an account/);
  });
});
