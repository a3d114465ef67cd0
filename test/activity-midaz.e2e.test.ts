// Midaz account activity over real HTTP: the simulator's histories paged to their end and merged across accounts
// (exact signed amounts, order across page boundaries, upstream calls counted, a recorded transfer showing at once),
// and each version family's payload (src/providers/midaz/testdata) with Midaz's failure modes through the replay server.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';
import { startReplayStack, type ReplayRoute, type ReplayStack } from './support/replay.js';
import { MIDAZ_NATIVE_IDS, MIDAZ_ORGANIZATION_ID, MIDAZ_LEDGER_IDS } from '../simulators/midaz/fixtures.js';

const NODE = `
  __typename id accountId occurredAt direction amount asset { code } counterparty description
  ... on MidazOperation {
    operationId transactionId type directionRaw accountAlias balanceKey balanceId statusCode statusDescription chartOfAccounts
    balanceAffected routeId routeCode routeDescription route updatedAt metadata { key value }
    balanceBefore { available onHold version overdraftUsed } balanceAfter { available onHold version overdraftUsed }
  }`;
const ACCOUNT_ACTIVITY = `query ($id: ID!, $first: Int, $after: String) {
  account(id: $id) { id capabilities activity(first: $first, after: $after) {
    edges { cursor node { ${NODE} } } pageInfo { hasNextPage hasPreviousPage endCursor } incompleteAccountIds } } }`;
const FEED = `query ($ids: [ID!]!, $first: Int, $after: String) {
  activity(ids: $ids, first: $first, after: $after) {
    nodes { ${NODE} } pageInfo { hasNextPage endCursor } incompleteAccountIds } }`;

const maria = `midaz:${MIDAZ_NATIVE_IDS.onHold}`;
const padaria = `midaz:${MIDAZ_NATIVE_IDS.twoKeys}`;
const envelope = `midaz:${MIDAZ_NATIVE_IDS.subAccount}`;
const operationsPath = (nativeId: string) => {
  const [org, ledger, account] = nativeId.split('/');
  return `/v1/organizations/${org}/ledgers/${ledger}/accounts/${account}/operations`;
};

type Node = Record<string, any>;

/** Every entry of one account's activity, `first` at a time, with the number of pages it took. */
async function pageAll(stack: Pick<Stack, 'query'>, id: string, first: number): Promise<{ nodes: Node[]; pages: number }> {
  const nodes: Node[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const result: { errors?: unknown; data?: Record<string, any> | null } = await stack.query(ACCOUNT_ACTIVITY, { id, first, after });
    expect(result.errors).toBeUndefined();
    const connection: Record<string, any> = result.data!.account.activity;
    pages += 1;
    nodes.push(...connection.edges.map((edge: { node: Node }) => edge.node));
    expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!connection.pageInfo.hasNextPage) return { nodes, pages };
    after = connection.pageInfo.endCursor;
    if (pages > 50) throw new Error('never ends');
  }
}

const newestFirst = (nodes: readonly Node[]) => {
  for (let i = 1; i < nodes.length; i += 1) expect(Date.parse(nodes[i - 1]!.occurredAt)).toBeGreaterThanOrEqual(Date.parse(nodes[i]!.occurredAt));
};

describe('Midaz activity against the simulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });
  const midaz = () => stack.fleet.byProvider.MIDAZ;

  it('pages an account to its end, newest first, with exact signed amounts and one operations call per page', async () => {
    midaz().reset();
    const { nodes, pages } = await pageAll(stack, maria, 10);
    expect(pages).toBe(3);
    expect(nodes).toHaveLength(26);
    expect(new Set(nodes.map((node) => node.id)).size).toBe(26);
    newestFirst(nodes);
    expect(midaz().count('GET', operationsPath(MIDAZ_NATIVE_IDS.onHold))).toBe(3);
    // Each request asks newest first, in a window Midaz would not narrow to the last month.
    const urls = midaz()
      .requests.filter((r) => r.url.startsWith(operationsPath(MIDAZ_NATIVE_IDS.onHold)))
      .map((r) => new URL(r.url, 'http://x'));
    for (const url of urls) {
      expect(url.searchParams.get('sort_order')).toBe('desc');
      expect(url.searchParams.get('start_date')).toBe('2000-01-01');
      expect(url.searchParams.get('end_date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // The pending purchase: a DEBIT (-112.31) then ON_HOLD (+112.31 on hold, direction credit), newest first.
    expect(nodes.slice(0, 2).map((node) => [node.type, node.direction, node.amount, node.statusCode])).toEqual([
      ['ON_HOLD', 'CREDIT', '112.31', 'PENDING'],
      ['DEBIT', 'DEBIT', '-112.31', 'PENDING'],
    ]);
    expect(nodes[0]!.balanceAfter).toEqual({ available: '23212.31', onHold: '112.31', version: '7', overdraftUsed: '0' });
    expect(nodes[0]!.balanceBefore).toEqual({ available: '23212.31', onHold: '0', version: '6', overdraftUsed: '0' });
    const amounts = nodes.map((node) => node.amount);
    for (const amount of ['0.01', '1005.83', '2000', '3000.3', '-0.99', '-120.5', '-300.03', '-250']) expect(amounts).toContain(amount);
    // The oldest operation starts from zero, and each operation's balance after is the next one's before.
    expect(nodes.at(-1)!.balanceBefore.available).toBe('0');
    for (let i = 1; i < nodes.length; i += 1) expect(nodes[i]!.balanceAfter.available).toBe(nodes[i - 1]!.balanceBefore.available);
    for (const node of nodes) {
      expect(node.__typename).toBe('MidazOperation');
      expect(node.accountId).toBe(maria);
      expect(node.id).toBe(`activity:midaz:${MIDAZ_NATIVE_IDS.onHold}:${node.operationId}`);
      expect(node.asset).toEqual({ code: 'BRL' });
      expect(node.balanceKey).toBe('default');
      expect(node.direction === 'DEBIT').toBe(node.amount.startsWith('-'));
    }
  });

  it('gives the same sequence with any page size, resuming inside a Midaz page', async () => {
    const reference = (await pageAll(stack, maria, 10)).nodes.map((node) => node.id);
    for (const first of [1, 7, 26, 100]) {
      midaz().reset();
      const { nodes, pages } = await pageAll(stack, maria, first);
      expect(nodes.map((node) => node.id)).toEqual(reference);
      expect(pages).toBe(Math.max(1, Math.ceil(26 / first)));
      expect(midaz().count('GET', operationsPath(MIDAZ_NATIVE_IDS.onHold))).toBe(pages);
    }
  });

  it('lists capabilities, and reads one operation again by its id', async () => {
    const first = await stack.query(ACCOUNT_ACTIVITY, { id: maria, first: 1 });
    expect(first.data!.account.capabilities).toEqual(['ACTIVITY', 'LIVE_UPDATES', 'UPDATE', 'DELETE']);
    const node = first.data!.account.activity.edges[0].node;
    const again = await stack.query(`query ($id: ID!) { node(id: $id) { ... on AccountActivity { ${NODE} } } }`, { id: node.id });
    expect(again.errors).toBeUndefined();
    expect(again.data!.node).toEqual(node);
    const missing = await stack.query(`query ($id: ID!) { node(id: $id) { id } }`, {
      id: `activity:midaz:${MIDAZ_NATIVE_IDS.onHold}:01980000-0000-7000-8000-000000000000`,
    });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('merges two accounts newest first across page boundaries, with one cursor resuming both', async () => {
    const single = new Map<string, string[]>();
    for (const id of [maria, padaria])
      single.set(
        id,
        (await pageAll(stack, id, 100)).nodes.map((node) => node.id),
      );
    expect(single.get(padaria)).toHaveLength(16);
    const merged: Node[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      midaz().reset();
      const result: { errors?: unknown; data?: Record<string, any> | null } = await stack.query(FEED, {
        ids: [maria, padaria, maria],
        first: 5,
        after,
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.activity.incompleteAccountIds).toEqual([]);
      // At most one operations call per account and page.
      expect(midaz().count('GET', operationsPath(MIDAZ_NATIVE_IDS.onHold))).toBeLessThanOrEqual(1);
      expect(midaz().count('GET', operationsPath(MIDAZ_NATIVE_IDS.twoKeys))).toBeLessThanOrEqual(1);
      merged.push(...result.data!.activity.nodes);
      pages += 1;
      if (!result.data!.activity.pageInfo.hasNextPage) break;
      after = result.data!.activity.pageInfo.endCursor;
    }
    expect(merged).toHaveLength(42);
    expect(pages).toBe(9);
    newestFirst(merged);
    // Each account's entries keep their own order, and none is repeated or lost at a page boundary.
    for (const id of [maria, padaria]) expect(merged.filter((node) => node.accountId === id).map((node) => node.id)).toEqual(single.get(id));
    // A purchase shows on both sides with opposite signs.
    const purchase = merged.find((node) => node.accountId === padaria && node.amount === '88.88')!;
    const other = merged.find((node) => node.transactionId === purchase.transactionId && node.accountId === maria)!;
    expect(other.amount).toBe('-88.88');
  });

  it('shows a transfer the simulator records at once, on both accounts, with the balances it moved', async () => {
    const [org, ledger] = [MIDAZ_ORGANIZATION_ID, MIDAZ_LEDGER_IDS.brazil];
    const response = await fetch(`${midaz().url}/v1/organizations/${org}/ledgers/${ledger}/transactions/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.fleet.env.MIDAZ_TOKEN}` },
      body: JSON.stringify({
        description: 'Café da manhã',
        send: {
          asset: 'BRL',
          value: '7.05',
          source: { from: [{ accountAlias: '@maria_oliveira', amount: { asset: 'BRL', value: '7.05' } }] },
          distribute: { to: [{ accountAlias: '@padaria_estrela', amount: { asset: 'BRL', value: '7.05' } }] },
        },
      }),
    });
    expect(response.status).toBe(201);
    const result = await stack.query(FEED, { ids: [maria, padaria], first: 2 });
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.activity.nodes;
    expect(nodes.map((node: Node) => [node.accountId, node.amount, node.description])).toEqual(
      expect.arrayContaining([
        [maria, '-7.05', 'Café da manhã'],
        [padaria, '7.05', 'Café da manhã'],
      ]),
    );
    const mine = nodes.find((node: Node) => node.accountId === maria);
    expect(mine.balanceBefore.available).toBe('23212.31');
    expect(mine.balanceAfter.available).toBe('23205.26');
    const balances = await stack.query(`query ($id: ID!) { account(id: $id) { balances { amount } } }`, { id: maria });
    expect(balances.data!.account.balances[0].amount).toBe('23205.26');
    // A transfer Midaz would refuse moves nothing.
    const refused = await fetch(`${midaz().url}/v1/organizations/${org}/ledgers/${ledger}/transactions/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.fleet.env.MIDAZ_TOKEN}` },
      body: JSON.stringify({
        send: {
          asset: 'BRL',
          value: '1000000',
          source: { from: [{ accountAlias: '@padaria_estrela', amount: { asset: 'BRL', value: '1000000' } }] },
          distribute: { to: [{ accountAlias: '@maria_oliveira', amount: { asset: 'BRL', value: '1000000' } }] },
        },
      }),
    });
    expect(refused.status).toBe(422);
  });

  it('answers an account without operations with an empty page, and an unknown account with NOT_FOUND beside the others', async () => {
    const empty = await stack.query(ACCOUNT_ACTIVITY, { id: envelope, first: 5 });
    expect(empty.errors).toBeUndefined();
    expect(empty.data!.account.activity).toMatchObject({ edges: [], pageInfo: { hasNextPage: false }, incompleteAccountIds: [] });
    const unknown = `midaz:${MIDAZ_ORGANIZATION_ID}/${MIDAZ_LEDGER_IDS.brazil}/01980000-0000-7000-8000-00000000dead`;
    const feed = await stack.query(FEED, { ids: [unknown, padaria], first: 3 });
    expect(feed.data!.activity.nodes).toHaveLength(3);
    expect(feed.data!.activity.incompleteAccountIds).toEqual([unknown]);
    expect(feed.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('leaves a failing Midaz call out of the feed and says so, and tries it again on the next page', async () => {
    midaz().faults.set({ fault: { kind: 'status', status: 503 }, path: `^${operationsPath(MIDAZ_NATIVE_IDS.onHold)}$`, times: 10 });
    try {
      const result = await stack.query(FEED, { ids: [maria, padaria], first: 4 });
      expect(result.data!.activity.nodes.map((node: Node) => node.accountId)).toEqual([padaria, padaria, padaria, padaria]);
      expect(result.data!.activity.incompleteAccountIds).toEqual([maria]);
      expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    } finally {
      midaz().faults.clear();
    }
  });

  it('calls nothing for activity unless it is selected, and one history call per account when it is', async () => {
    midaz().reset();
    const ids = [maria, padaria, envelope];
    const plain = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id capabilities } }`, { ids });
    expect(plain.errors).toBeUndefined();
    expect(midaz().requests.filter((r) => r.url.includes('/operations')).length).toBe(0);
    midaz().reset();
    const selected = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id activity(first: 3) { nodes { id amount } } } }`, { ids });
    expect(selected.errors).toBeUndefined();
    expect(midaz().requests.filter((r) => r.url.includes('/operations')).length).toBe(3);
  });
});

// ——— Each version family's payload, and the failure modes, through the replay server ———

const ORG = '01980000-aaaa-7000-8000-000000000001';
const LEDGER = '01980000-bbbb-7000-8000-000000000002';
const ACCOUNT = '01980000-0001-7000-8000-000000000011';
const NATIVE = `${ORG}/${LEDGER}/${ACCOUNT}`;
const ID = `midaz:${NATIVE}`;
const OPS = `/v1/organizations/${ORG}/ledgers/${LEDGER}/accounts/${ACCOUNT}/operations`;
const ACCOUNT_PATH = `/v1/organizations/${ORG}/ledgers/${LEDGER}/accounts/${ACCOUNT}`;
const testdata = (name: string): any => JSON.parse(readFileSync(new URL(`../src/providers/midaz/testdata/${name}`, import.meta.url), 'utf8'));
const FEED_ONE = `query ($first: Int, $after: String) { activity(ids: ["${ID}"], first: $first, after: $after) {
  nodes { ${NODE} } pageInfo { hasNextPage endCursor } incompleteAccountIds } }`;
const accountBody = {
  id: ACCOUNT,
  name: 'Loja Aurora',
  assetCode: 'BRL',
  organizationId: ORG,
  ledgerId: LEDGER,
  status: { code: 'ACTIVE', description: null },
  alias: '@loja_aurora',
  type: 'deposit',
  createdAt: '2026-05-04T13:10:27.731906Z',
  updatedAt: '2026-05-04T13:10:27.731906Z',
  deletedAt: null,
};

describe('Midaz activity: version families and failure modes over HTTP', () => {
  let replay: ReplayStack | undefined;
  afterEach(async () => {
    await replay?.close();
    replay = undefined;
  });
  const start = async (routes: ReplayRoute[]) => (replay = await startReplayStack('MIDAZ', routes));
  const opsCalls = () => replay!.replay.requests.filter((r) => r.url.split('?')[0] === OPS).map((r) => new URL(r.url, 'http://x'));

  it('v3.8: pages to the end and back to the start, signed by direction, every field read', async () => {
    const first = testdata('operations-v3.8.json');
    await start([
      { path: OPS, json: first },
      { path: OPS, query: { cursor: first.next_cursor }, json: testdata('operations-v3.8-last.json') },
    ]);
    const page1 = await replay!.query(FEED_ONE, { first: 3 });
    expect(page1.errors).toBeUndefined();
    expect(page1.data!.activity.nodes.map((node: Node) => [node.type, node.direction, node.amount])).toEqual([
      ['ON_HOLD', 'CREDIT', '49.99'],
      ['DEBIT', 'DEBIT', '-49.99'],
      ['CREDIT', 'CREDIT', '1000.005'],
    ]);
    expect(page1.data!.activity.nodes[2]).toEqual({
      __typename: 'MidazOperation',
      id: `activity:midaz:${NATIVE}:01980000-0f00-7000-8000-000000000004`,
      accountId: ID,
      occurredAt: '2026-05-05T18:02:11.5Z',
      direction: 'CREDIT',
      amount: '1000.005',
      asset: { code: 'BRL' },
      counterparty: null,
      description: 'Recebimento PIX',
      operationId: '01980000-0f00-7000-8000-000000000004',
      transactionId: '01980000-7a00-7000-8000-000000000004',
      type: 'CREDIT',
      directionRaw: 'credit',
      accountAlias: '@loja_aurora',
      balanceKey: 'default',
      balanceId: '01980000-cccc-7000-8000-000000000001',
      statusCode: 'APPROVED',
      statusDescription: null,
      chartOfAccounts: null,
      balanceAffected: true,
      routeId: '01980000-d000-7000-8000-000000000001',
      routeCode: 'PIX-IN',
      routeDescription: 'Entrada PIX',
      route: null,
      updatedAt: '2026-05-05T18:02:11.5Z',
      metadata: [{ key: 'e2eId', value: 'E1234567820260505180211' }],
      balanceBefore: { available: '249.99', onHold: '0', version: '4', overdraftUsed: '0' },
      balanceAfter: { available: '1249.995', onHold: '0', version: '5', overdraftUsed: '0' },
    });
    expect(page1.data!.activity.pageInfo.hasNextPage).toBe(true);
    const [call] = opsCalls();
    expect(Object.fromEntries(call!.searchParams)).toMatchObject({ limit: '3', sort_order: 'desc', start_date: '2000-01-01' });
    const end = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect([end, new Date().toISOString().slice(0, 10)]).toContain(call!.searchParams.get('end_date'));

    const page2 = await replay!.query(FEED_ONE, { first: 3, after: page1.data!.activity.pageInfo.endCursor });
    expect(page2.errors).toBeUndefined();
    expect(page2.data!.activity.nodes.map((node: Node) => node.amount)).toEqual(['-0.01', '250']);
    expect(page2.data!.activity.pageInfo.hasNextPage).toBe(false);
    expect(opsCalls()[1]!.searchParams.get('cursor')).toBe(first.next_cursor);
    expect(opsCalls()).toHaveLength(2);
  });

  it('v3.8: resumes inside a page by reading it again from its own cursor', async () => {
    const first = testdata('operations-v3.8.json');
    await start([
      { path: OPS, json: first },
      { path: OPS, query: { cursor: first.next_cursor }, json: testdata('operations-v3.8-last.json') },
    ]);
    const page1 = await replay!.query(FEED_ONE, { first: 2 });
    expect(page1.data!.activity.nodes.map((node: Node) => node.amount)).toEqual(['49.99', '-49.99']);
    const page2 = await replay!.query(FEED_ONE, { first: 2, after: page1.data!.activity.pageInfo.endCursor });
    expect(page2.data!.activity.nodes.map((node: Node) => node.amount)).toEqual(['1000.005']);
    expect(opsCalls()[1]!.searchParams.has('cursor')).toBe(false);
    expect(opsCalls()[1]!.searchParams.get('limit')).toBe('4');
    const page3 = await replay!.query(FEED_ONE, { first: 2, after: page2.data!.activity.pageInfo.endCursor });
    expect(page3.data!.activity.nodes.map((node: Node) => node.amount)).toEqual(['-0.01', '250']);
    expect(page3.data!.activity.pageInfo.hasNextPage).toBe(false);
  });

  it('v3.3: no direction: ON_HOLD is a debit and RELEASE a credit, as Midaz infers them', async () => {
    await start([{ path: OPS, json: testdata('operations-v3.3.json') }]);
    const result = await replay!.query(FEED_ONE, { first: 10 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.activity.nodes.map((node: Node) => [node.type, node.direction, node.amount, node.directionRaw, node.balanceKey])).toEqual([
      ['RELEASE', 'CREDIT', '10.5', null, 'default'],
      ['ON_HOLD', 'DEBIT', '-10.5', null, 'default'],
    ]);
    expect(result.data!.activity.nodes[0].balanceBefore).toEqual({ available: '89.5', onHold: '10.5', version: null, overdraftUsed: null });
    expect(result.data!.activity.nodes[0].chartOfAccounts).toBe('1000');
  });

  it('v3.0: 20-digit amounts and millionths exact, no balance key (default), a blank description null', async () => {
    await start([{ path: OPS, json: testdata('operations-v3.0.json') }]);
    const result = await replay!.query(FEED_ONE, { first: 10 });
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.activity.nodes;
    expect(nodes.map((node: Node) => [node.amount, node.description, node.balanceKey, node.balanceAffected])).toEqual([
      ['-0.000001', null, 'default', true],
      ['12345678901234567890.000001', 'Aporte', 'default', true],
    ]);
    expect(nodes[0].balanceBefore.available).toBe('12345678901234567890.000001');
    expect(result.data!.activity.pageInfo.hasNextPage).toBe(true);
  });

  it('v2: integer amounts at their scale', async () => {
    await start([{ path: OPS, json: testdata('operations-v2.json') }]);
    const result = await replay!.query(FEED_ONE, { first: 10 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.activity.nodes.map((node: Node) => [node.amount, node.balanceBefore.available, node.balanceAfter.available])).toEqual([
      ['-15.05', '100', '84.95'],
      ['100', '0', '100'],
    ]);
  });

  it('JSON numbers as amounts read exactly', async () => {
    const body = testdata('operations-v3.0.json');
    const text = JSON.stringify(body).replace('"value":"12345678901234567890.000001"', '"value":12345678901234567890.000001');
    await start([{ path: OPS, body: text }]);
    const result = await replay!.query(FEED_ONE, { first: 10 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.activity.nodes[1].amount).toBe('12345678901234567890.000001');
  });

  for (const [label, route] of [
    ['items: []', { json: testdata('operations-v3.8-empty.json') }],
    ['items: null', { json: { items: null, limit: 10 } }],
    ['204', { status: 204 }],
    ['404 0069', { status: 404, json: testdata('error-operations-0069.json') }],
  ] as const) {
    it(`an empty history (${label}) is an empty page once the account is known to exist`, async () => {
      await start([
        { path: OPS, ...route },
        { path: ACCOUNT_PATH, json: accountBody },
      ]);
      const result = await replay!.query(FEED_ONE, { first: 10 });
      expect(result.errors).toBeUndefined();
      expect(result.data!.activity).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, incompleteAccountIds: [] });
      expect(replay!.replay.requests.map((r) => r.url.split('?')[0])).toEqual([OPS, ACCOUNT_PATH]);
    });
  }

  it('an account Midaz does not know is NOT_FOUND (its list is empty, its read 404)', async () => {
    await start([
      { path: OPS, json: { items: [], limit: 10 } },
      { path: ACCOUNT_PATH, status: 404, json: { code: '0052', title: 'Account ID Not Found', message: '…' } },
    ]);
    const result = await replay!.query(FEED_ONE, { first: 10 });
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(result.data!.activity.incompleteAccountIds).toEqual([ID]);
    const direct = await replay!.query(`{ account(id: "${ID}") { id activity { nodes { id } } } }`);
    expect(direct.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('v3.0–v3.2: a window wider than the ledger allows (0079) is asked again within its limit', async () => {
    await start([
      { path: OPS, query: { start_date: '2000-01-01' }, status: 400, json: testdata('error-operations-0079-v3.0.json') },
      { path: OPS, json: testdata('operations-v3.0.json') },
    ]);
    const result = await replay!.query(FEED_ONE, { first: 10 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.activity.nodes).toHaveLength(2);
    const [wide, narrow] = opsCalls();
    expect(wide!.searchParams.get('start_date')).toBe('2000-01-01');
    const months = (Date.parse(narrow!.searchParams.get('end_date')!) - Date.parse(narrow!.searchParams.get('start_date')!)) / (30.5 * 86_400_000);
    expect(months).toBeGreaterThan(2.5);
    expect(months).toBeLessThanOrEqual(3);
  });

  it('an entry that cannot be read exactly is left out with an error; the others stay', async () => {
    const body = testdata('operations-v3.8.json');
    body.items[0].amount.value = '49,99';
    body.items[1].type = 'SWAP';
    body.items[1].direction = 'sideways';
    await start([{ path: OPS, json: body }]);
    const result = await replay!.query(FEED_ONE, { first: 3 });
    expect(result.data!.activity.nodes.map((node: Node) => node.amount)).toEqual(['1000.005']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toMatch(/2/);
    expect(replay!.logs.join('\n')).toContain('items[].amount');
  });

  it('an optional field that cannot be read degrades to null, logged', async () => {
    const body = testdata('operations-v3.8.json');
    body.items[2].balanceAfter = { available: 'lots', onHold: '0' };
    body.items[2].routeCode = { code: 7 };
    await start([{ path: OPS, json: body }]);
    const result = await replay!.query(FEED_ONE, { first: 3 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.activity.nodes[2]).toMatchObject({ amount: '1000.005', balanceAfter: null, routeCode: null });
    expect(replay!.logs.join('\n')).toContain('degraded');
  });

  for (const [label, route, code] of [
    ['500', { status: 500, json: {} }, 'UPSTREAM_ERROR'],
    ['401', { status: 401, json: { code: '0041', title: 'Token Missing', message: '…' } }, 'UNAUTHENTICATED'],
    ['403', { status: 403, json: { code: '0042', title: 'Insufficient privileges', message: '…' } }, 'FORBIDDEN'],
    ['429', { status: 429, headers: { 'retry-after': '3' }, json: {} }, 'RATE_LIMITED'],
    ['400 (another refusal)', { status: 400, json: { code: '0080', title: 'Pagination Limit Exceeded', message: '…' } }, 'UPSTREAM_ERROR'],
    ['not JSON', { body: '<html>gateway</html>' }, 'UPSTREAM_ERROR'],
    ['no items', { json: { limit: 10 } }, 'UPSTREAM_ERROR'],
    ['an unreadable next_cursor', { json: { items: [], limit: 10, next_cursor: { id: 'x' } } }, 'UPSTREAM_ERROR'],
    ['a 404 that is not Midaz', { status: 404, body: 'Cannot GET /v1/…', headers: { 'content-type': 'text/plain' } }, 'NOT_FOUND'],
  ] as const) {
    it(`Midaz ${label} is ${code}, and the feed says which account is missing`, async () => {
      await start([{ path: OPS, ...route }]);
      const result = await replay!.query(FEED_ONE, { first: 3 });
      expect(result.errors?.[0]?.extensions?.code).toBe(code);
      expect(result.data!.activity).toMatchObject({ nodes: [], incompleteAccountIds: [ID] });
    });
  }

  it('an operation of another account refuses the page', async () => {
    const body = testdata('operations-v3.8.json');
    body.items[1].accountId = '01980000-0001-7000-8000-000000000099';
    await start([{ path: OPS, json: body }]);
    const result = await replay!.query(FEED_ONE, { first: 3 });
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
  });

  it('a cursor that is not one of this account is refused before any call', async () => {
    await start([{ path: OPS, json: testdata('operations-v3.8.json') }]);
    const result = await replay!.query(FEED_ONE, { first: 3, after: 'not-a-cursor' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(opsCalls()).toHaveLength(0);
  });

  it('node(id:) reads one operation (v3.8), and 0069 is NOT_FOUND', async () => {
    const one = testdata('operation-v3.8.json');
    await start([
      { path: `${OPS}/${one.id}`, json: one },
      { path: `${OPS}/01980000-0f00-7000-8000-000000000099`, status: 404, json: testdata('error-operations-0069.json') },
    ]);
    const result = await replay!.query(`query ($id: ID!) { node(id: $id) { ... on AccountActivity { ${NODE} } } }`, {
      id: `activity:midaz:${NATIVE}:${one.id}`,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.node).toMatchObject({ amount: '1000.005', direction: 'CREDIT', routeCode: 'PIX-IN', transactionId: one.transactionId });
    const missing = await replay!.query(`query ($id: ID!) { node(id: $id) { id } }`, {
      id: `activity:midaz:${NATIVE}:01980000-0f00-7000-8000-000000000099`,
    });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
