// Interledger account activity end to end: the connector's STREAM payments (GET /accounts/{id}/payments) as
// InterledgerStreamPayment, over real HTTP. The replay server answers the payloads of each connector version family
// (src/providers/interledger/testdata/); the simulator keeps a history of 130 payments for alice (two connector pages)
// to page to the end, count calls and watch it move. Conduit, which keeps no per-account history, is NOT_SUPPORTED.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';
import { startReplayStack, type ReplayRoute, type ReplayStack } from './support/replay.js';
import { INTERLEDGER_FIXTURES, INTERLEDGER_PAYMENTS, type FixturePayment } from '../simulators/interledger/fixtures.js';
import { FIXTURE_ACCOUNTS } from '../simulators/conduit/fixtures.js';
import { scaleBaseUnits } from '../src/decimal.js';

const testdata = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../src/providers/interledger/testdata/${file}`, import.meta.url), 'utf8'));
const testdataText = (file: string): string => readFileSync(new URL(`../src/providers/interledger/testdata/${file}`, import.meta.url), 'utf8');

const PAYMENT_FIELDS = `
  __typename id accountId occurredAt direction amount asset { code } counterparty description
  ... on InterledgerStreamPayment {
    streamPaymentId type typeRaw status statusRaw sourceAddress destinationAddress assetScale expectedAmount
    deliveredAmount deliveredBaseUnits deliveredAsset { code } deliveredAssetScale packetCount updatedAt
  }`;

const FEED = `query ($ids: [ID!]!, $first: Int, $after: String) {
  activity(ids: $ids, first: $first, after: $after) {
    edges { cursor node { ${PAYMENT_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
    incompleteAccountIds
  }
}`;

const ACCOUNT = `query ($id: ID!, $first: Int, $after: String) {
  account(id: $id) {
    id capabilities
    activity(first: $first, after: $after) {
      nodes { ${PAYMENT_FIELDS} }
      pageInfo { hasNextPage hasPreviousPage endCursor }
      incompleteAccountIds
    }
  }
}`;

/** The signed major-unit amount the gateway must show for a fixture payment. */
const expectedAmount = (payment: FixturePayment): string => scaleBaseUnits(payment.amount, Number(payment.assetScale));
const newestFirst = (accountId: string) =>
  INTERLEDGER_PAYMENTS.filter((p) => p.accountId === accountId).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));

describe('Interledger activity from the connector’s real payloads (replay)', () => {
  let replay: ReplayStack | undefined;
  afterAll(() => replay?.close());
  const start = async (routes: ReplayRoute[], env: Record<string, string> = {}) => {
    await replay?.close();
    replay = await startReplayStack('INTERLEDGER', routes, env);
    return replay;
  };
  const paymentCalls = (stack: ReplayStack) => stack.replay.requests.filter((r) => r.url.split('?')[0]!.endsWith('/payments'));

  it('reads a 0.5.x page exactly: signed amounts at the asset scale, delivered amounts at the receiver’s, every field', async () => {
    const stack = await start([{ path: '/accounts/local_sender/payments', query: { page: '0' }, body: testdataText('v0.5-payments-page.json') }]);
    const result = await stack.query(FEED, { ids: ['interledger:local_sender'] });
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.activity.edges.map((edge: { node: unknown }) => edge.node);
    expect(nodes).toHaveLength(3);
    const [sent, pending, expired] = nodes;
    expect(sent).toMatchObject({
      __typename: 'InterledgerStreamPayment',
      accountId: 'interledger:local_sender',
      occurredAt: '2020-04-02T18:15:31.123456Z',
      direction: 'DEBIT',
      amount: '-67.388',
      asset: { code: 'USD' },
      counterparty: 'test.remote-peer.remote_receiver.~spsp.b6a1c0de',
      description: null,
      type: 'PAYMENT_SENT',
      typeRaw: 'PAYMENT_SENT',
      status: 'CLOSED_BY_STREAM',
      sourceAddress: 'test.bob.local_sender',
      assetScale: 3,
      expectedAmount: '-67.388',
      deliveredAmount: '0.67388',
      deliveredBaseUnits: '673880000',
      deliveredAsset: { code: 'XRP' },
      deliveredAssetScale: 9,
      packetCount: 7,
      updatedAt: '2020-04-02T18:15:33.908112Z',
    });
    expect(sent.id).toBe(`activity:interledger:local_sender:${sent.streamPaymentId}`);
    // Received, still open, from a sender that never told its address, to a receiver that sent no asset details.
    expect(pending).toMatchObject({
      direction: 'CREDIT',
      amount: '19.389',
      counterparty: null,
      sourceAddress: null,
      status: 'PENDING',
      expectedAmount: null,
      deliveredAmount: null,
      deliveredBaseUnits: '0',
      deliveredAsset: null,
      deliveredAssetScale: null,
    });
    // One base unit; the database's "unknown" asset code is no asset.
    expect(expired).toMatchObject({
      direction: 'CREDIT',
      amount: '0.001',
      status: 'CLOSED_BY_EXPIRATION',
      deliveredAmount: '0.001',
      deliveredAsset: null,
    });
    expect(result.data!.activity.pageInfo.hasNextPage).toBe(false);
    expect(result.data!.activity.incompleteAccountIds).toEqual([]);
    expect(paymentCalls(stack).map((r) => r.url)).toEqual(['/accounts/local_sender/payments?page=0']);
  });

  it('keeps amounts beyond any JS number exact when a connector writes real JSON numbers', async () => {
    const stack = await start([{ path: '/accounts/bigsender/payments', body: testdataText('numbers-payments-page.json') }]);
    const result = await stack.query(FEED, { ids: ['interledger:bigsender'] });
    expect(result.errors).toBeUndefined();
    expect(result.data!.activity.edges[0].node).toMatchObject({
      amount: '-123456789.012345678901234567',
      expectedAmount: '-123456789.012345678901234567',
      deliveredAmount: '18446744073.709551615',
      deliveredBaseUnits: '18446744073709551615',
      packetCount: 4096,
      assetScale: 18,
    });
  });

  it('takes the direction from the type, whatever sign the amount has, and the sign when the type is unknown', async () => {
    const page = testdata('v0.5-payments-page.json') as { payments: Array<Record<string, unknown>> };
    page.payments[0]!.amount = '67388'; // a sent payment written without its sign
    page.payments[1]!.type = 'PAYMENT_REFUNDED';
    page.payments[1]!.amount = '-19389';
    const stack = await start([{ path: '/accounts/local_sender/payments', json: page }]);
    const result = await stack.query(FEED, { ids: ['interledger:local_sender'] });
    const [sent, other] = result.data!.activity.edges.map((edge: { node: unknown }) => edge.node);
    expect(sent).toMatchObject({ direction: 'DEBIT', amount: '-67.388', type: 'PAYMENT_SENT' });
    expect(other).toMatchObject({ direction: 'DEBIT', amount: '-19.389', type: 'OTHER', typeRaw: 'PAYMENT_REFUNDED' });
  });

  it('leaves out an entry whose amount cannot be read exactly, with an error saying so, and keeps the others', async () => {
    const page = testdata('v0.5-payments-page.json') as { payments: Array<Record<string, unknown>> };
    page.payments[1]!.amount = '19.389';
    const stack = await start([{ path: '/accounts/local_sender/payments', json: page }]);
    const result = await stack.query(FEED, { ids: ['interledger:local_sender'] });
    expect(result.data!.activity.edges.map((edge: { node: { amount: string } }) => edge.node.amount)).toEqual(['-67.388', '0.001']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.path).toEqual(['activity']);
    expect(result.errors![0]!.extensions).toMatchObject({ leftOut: 1 });
  });

  it('says NOT_SUPPORTED for a connector before 0.5.0 (the payments route is denied), on the account and in the feed', async () => {
    const stack = await start([
      { path: '/accounts/alice', body: testdataText('v0.5-account.json').replace(/"accountId"\s*:\s*"[^"]*"/, '"accountId": "alice"') },
      {
        path: '/accounts/alice/payments',
        status: 403,
        headers: { 'content-type': 'application/problem+json' },
        body: testdataText('v0.4-payments-denied.json'),
      },
    ]);
    const account = await stack.query(ACCOUNT, { id: 'interledger:alice' });
    expect(account.data!.account.activity).toBeNull();
    expect(account.data!.account.capabilities).toEqual(['ACTIVITY', 'LIVE_UPDATES', 'UPDATE', 'DELETE']);
    expect(account.errors).toHaveLength(1);
    expect(account.errors![0]).toMatchObject({ path: ['account', 'activity'], extensions: { code: 'NOT_SUPPORTED' } });
    const feed = await stack.query(FEED, { ids: ['interledger:alice'] });
    expect(feed.data!.activity).toMatchObject({ edges: [], incompleteAccountIds: ['interledger:alice'], pageInfo: { hasNextPage: false } });
    expect(feed.errors![0]!.extensions).toMatchObject({ code: 'NOT_SUPPORTED' });
  });

  it('answers an empty history as empty for an account the connector has, and NOT_FOUND (404) for one it has not', async () => {
    const stack = await start([
      { path: '/accounts/carol', body: testdataText('v0.5-account.json').replace(/"accountId"\s*:\s*"[^"]*"/, '"accountId": "carol"') },
      { path: '/accounts/carol/payments', body: testdataText('v0.5-payments-empty-page.json') },
      { path: '/accounts/nobody/payments', body: testdataText('v0.5-payments-empty-page.json') },
      {
        path: '/accounts/nobody',
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
        json: { type: 'https://errors.interledger.org/accounts/account-not-found', status: 404 },
      },
    ]);
    const empty = await stack.query(FEED, { ids: ['interledger:carol'] });
    expect(empty.errors).toBeUndefined();
    expect(empty.data!.activity).toMatchObject({ edges: [], incompleteAccountIds: [], pageInfo: { hasNextPage: false, endCursor: null } });
    const unknown = await stack.query(FEED, { ids: ['interledger:nobody'] });
    expect(unknown.data!.activity.incompleteAccountIds).toEqual(['interledger:nobody']);
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('fails with the provider’s error on a 500, a body that is not JSON, a page of the wrong shape, and an unreachable connector', async () => {
    const cases: Array<[ReplayRoute, string]> = [
      [{ path: '/accounts/alice/payments', status: 500, json: { status: 500 } }, 'UPSTREAM_ERROR'],
      [{ path: '/accounts/alice/payments', body: '{"payments": [' }, 'UPSTREAM_ERROR'],
      [{ path: '/accounts/alice/payments', json: { payments: 'none', pageSize: '100' } }, 'UPSTREAM_ERROR'],
      [{ path: '/accounts/alice/payments', status: 401, json: { status: 401 } }, 'UNAUTHENTICATED'],
    ];
    for (const [route, code] of cases) {
      const stack = await start([route]);
      const result = await stack.query(FEED, { ids: ['interledger:alice'] });
      expect(result.data!.activity.incompleteAccountIds, JSON.stringify(route)).toEqual(['interledger:alice']);
      expect(result.errors![0]!.extensions!.code, JSON.stringify(route)).toBe(code);
      // A provider failure is not final: the end cursor still leads to the account, to try it again.
      expect(result.data!.activity.pageInfo.endCursor).not.toBeNull();
    }
    const stack = await start([]);
    await stack.replay.close();
    const result = await stack.query(FEED, { ids: ['interledger:alice'] });
    expect(result.errors![0]!.extensions!.code).toBe('UPSTREAM_ERROR');
    expect(result.data!.activity.incompleteAccountIds).toEqual(['interledger:alice']);
  });

  it('reads one payment for node(id:), and an unknown one (an empty 200) is NOT_FOUND', async () => {
    const payment = testdata('v0.5-payment.json') as { streamPaymentId: string };
    const stack = await start([
      { path: `/accounts/local_sender/payments/${payment.streamPaymentId}`, body: testdataText('v0.5-payment.json') },
      { path: '/accounts/local_sender/payments/0000', body: '' },
    ]);
    const id = `activity:interledger:local_sender:${payment.streamPaymentId}`;
    const found = await stack.query(`query ($id: ID!) { node(id: $id) { id ... on AccountActivity { ${PAYMENT_FIELDS} } } }`, { id });
    expect(found.errors).toBeUndefined();
    expect(found.data!.node).toMatchObject({ id, amount: '-67.388', type: 'PAYMENT_SENT', deliveredAmount: '0.67388' });
    const missing = await stack.query(`query ($id: ID!) { node(id: $id) { id } }`, { id: 'activity:interledger:local_sender:0000' });
    expect(missing.data!.node).toBeNull();
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('says hasNextPage after a full connector page, and the page after it is empty and last', async () => {
    const full = testdata('v0.5-payments-page.json') as { payments: Array<Record<string, unknown>> };
    const template = full.payments[0]!;
    const payments = Array.from({ length: 100 }, (_, i) => ({
      ...template,
      streamPaymentId: `p${String(i).padStart(3, '0')}`,
      createdAt: new Date(Date.parse('2020-04-02T18:00:00Z') - i * 1000).toISOString(),
    }));
    const stack = await start([
      { path: '/accounts/full/payments', query: { page: '0' }, json: { payments, pageNumber: '0', pageSize: '100' } },
      { path: '/accounts/full/payments', query: { page: '1' }, body: testdataText('v0.5-payments-empty-page.json') },
    ]);
    const first = await stack.query(FEED, { ids: ['interledger:full'], first: 100 });
    expect(first.data!.activity.edges).toHaveLength(100);
    expect(first.data!.activity.pageInfo.hasNextPage).toBe(true);
    const last = await stack.query(FEED, { ids: ['interledger:full'], first: 100, after: first.data!.activity.pageInfo.endCursor });
    expect(last.errors).toBeUndefined();
    expect(last.data!.activity.edges).toEqual([]);
    expect(last.data!.activity.pageInfo.hasNextPage).toBe(false);
    expect(paymentCalls(stack).map((r) => r.url)).toEqual(['/accounts/full/payments?page=0', '/accounts/full/payments?page=1']);
  });
});

describe('Interledger activity from the simulator', () => {
  let stack: Stack;
  const connector = () => stack.fleet.byProvider.INTERLEDGER;
  const paymentCalls = (accountId?: string) =>
    connector().requests.filter(
      (r) => r.method === 'GET' && (accountId ? r.url.split('?')[0] === `/accounts/${accountId}/payments` : /\/payments$/.test(r.url.split('?')[0]!)),
    );

  beforeAll(async () => {
    stack = await startStack();
  });
  beforeEach(() => stack.fleet.reset());
  afterAll(() => stack.close());

  /** Every page of one account's activity, following endCursor; with the connector calls each page made. */
  async function pageToTheEnd(id: string, first: number) {
    const pages: Array<{ nodes: Array<Record<string, any>>; calls: string[] }> = [];
    let after: string | undefined;
    for (;;) {
      stack.fleet.reset();
      const result = await stack.query(ACCOUNT, { id, first, after });
      expect(result.errors).toBeUndefined();
      const connection = result.data!.account.activity;
      pages.push({ nodes: connection.nodes, calls: paymentCalls().map((r) => r.url) });
      if (!connection.pageInfo.hasNextPage) return pages;
      after = connection.pageInfo.endCursor;
      expect(pages.length).toBeLessThan(20);
    }
  }

  it('pages alice’s 130 payments to the end, newest first, exact and signed, crossing the connector’s page of 100', async () => {
    const pages = await pageToTheEnd('interledger:alice', 30);
    expect(pages.map((page) => page.nodes.length)).toEqual([30, 30, 30, 30, 10]);
    // One connector call per page; the page holding entries 91 to 120 reads both connector pages.
    expect(pages.map((page) => page.calls)).toEqual([
      ['/accounts/alice/payments?page=0'],
      ['/accounts/alice/payments?page=0'],
      ['/accounts/alice/payments?page=0'],
      ['/accounts/alice/payments?page=0', '/accounts/alice/payments?page=1'],
      ['/accounts/alice/payments?page=1'],
    ]);
    const nodes = pages.flatMap((page) => page.nodes);
    const fixtures = newestFirst('alice');
    expect(nodes.map((node) => node.streamPaymentId)).toEqual(fixtures.map((p) => p.streamPaymentId));
    expect(nodes.map((node) => node.amount)).toEqual(fixtures.map(expectedAmount));
    expect(nodes.map((node) => node.occurredAt)).toEqual(fixtures.map((p) => p.createdAt));
    // Both directions, every status, amounts with both decimals.
    expect(nodes[0]).toMatchObject({ direction: 'CREDIT', amount: '1000.01', type: 'PAYMENT_RECEIVED' });
    expect(nodes[1]).toMatchObject({
      direction: 'DEBIT',
      amount: '-13345.68',
      type: 'PAYMENT_SENT',
      deliveredAmount: '13345.68',
      deliveredAsset: { code: 'XRP' },
    });
    expect(new Set(nodes.map((node) => node.status))).toEqual(new Set(['CLOSED_BY_STREAM', 'CLOSED_BY_EXPIRATION', 'PENDING']));
    for (const node of nodes) expect(node.amount.startsWith('-')).toBe(node.direction === 'DEBIT');
  });

  it('pages 100 at a time: a full page, then the rest; and a short history in one page without a next', async () => {
    const pages = await pageToTheEnd('interledger:alice', 100);
    expect(pages.map((page) => page.nodes.length)).toEqual([100, 30]);
    expect(pages.map((page) => page.calls)).toEqual([['/accounts/alice/payments?page=0'], ['/accounts/alice/payments?page=1']]);
    const bob = await pageToTheEnd('interledger:bob', 7);
    expect(bob.map((page) => page.nodes.length)).toEqual([7]);
    expect(bob[0]!.nodes.map((node) => node.amount)).toEqual(newestFirst('bob').map(expectedAmount));
    expect(bob[0]!.nodes[0]!.amount).toBe('0.000100001');
  });

  it('gives the same page again from the same cursor (a cursor is a place, not a state)', async () => {
    const first = await stack.query(ACCOUNT, { id: 'interledger:alice', first: 5 });
    const after = first.data!.account.activity.pageInfo.endCursor;
    const a = await stack.query(ACCOUNT, { id: 'interledger:alice', first: 5, after });
    const b = await stack.query(ACCOUNT, { id: 'interledger:alice', first: 5, after });
    expect(a.data!.account.activity.nodes).toEqual(b.data!.account.activity.nodes);
    expect(a.data!.account.activity.pageInfo.hasPreviousPage).toBe(true);
  });

  it('merges accounts newest first across a page boundary, lists Conduit as NOT_SUPPORTED, and reads a repeated id once', async () => {
    const conduitId = `conduit:${FIXTURE_ACCOUNTS[0]!.id}`;
    const ids = ['interledger:alice', 'interledger:bob', conduitId, 'interledger:alice'];
    const expected = [...newestFirst('alice'), ...newestFirst('bob')].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    const seen: Array<Record<string, any>> = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      stack.fleet.reset();
      const result = await stack.query(FEED, { ids, first: 25, after });
      const connection = result.data!.activity;
      // Conduit is NOT_SUPPORTED once, on the first page, and is done with after it.
      if (page === 0) {
        expect(connection.incompleteAccountIds).toEqual([conduitId]);
        expect(result.errors).toHaveLength(1);
        expect(result.errors![0]).toMatchObject({ path: ['activity'], extensions: { code: 'NOT_SUPPORTED', provider: 'CONDUIT' } });
        expect(stack.fleet.byProvider.CONDUIT.requests).toHaveLength(0);
      } else {
        expect(result.errors).toBeUndefined();
        expect(connection.incompleteAccountIds).toEqual([]);
      }
      // At most one connector page per account (two when alice crosses her connector page), never alice twice.
      expect(paymentCalls('alice').length).toBeLessThanOrEqual(2);
      expect(paymentCalls('bob').length).toBeLessThanOrEqual(1);
      seen.push(...connection.edges.map((edge: { node: unknown }) => edge.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen.map((node) => node.streamPaymentId)).toEqual(expected.map((p) => p.streamPaymentId));
    expect(seen.map((node) => node.amount)).toEqual(expected.map(expectedAmount));
    expect(seen.map((node) => node.accountId)).toContain('interledger:bob');
    // Bob's seven payments sit between alice's: the order holds across the 25-entry pages.
    const times = seen.map((node) => Date.parse(node.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('calls the connector once per account for a page of 5 accounts, and never when activity is not selected', async () => {
    const ids = INTERLEDGER_FIXTURES.map((f) => `interledger:${f.account.accountId}`);
    const query = `query ($ids: [ID!]!) { accounts(ids: $ids) { id capabilities activity(first: 3) { nodes { id amount } } } }`;
    const result = await stack.query(query, { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data!.accounts.map((a: { capabilities: string[] }) => a.capabilities)).toEqual(
      ids.map(() => ['ACTIVITY', 'LIVE_UPDATES', 'UPDATE', 'DELETE']),
    );
    const counts = result.data!.accounts.map((a: { activity: { nodes: unknown[] } }) => a.activity.nodes.length);
    expect(counts).toEqual(INTERLEDGER_FIXTURES.map((f) => Math.min(3, newestFirst(f.account.accountId).length)));
    expect(paymentCalls()).toHaveLength(ids.length);
    // The two empty histories are checked against their accounts (the connector lists nothing for an unknown id).
    expect(
      connector().requests.filter((r) => r.url.startsWith('/accounts/') && !r.url.includes('/payments') && !r.url.includes('/balance')).length,
    ).toBeLessThanOrEqual(2);

    stack.fleet.reset();
    const plain = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id capabilities } }`, { ids });
    expect(plain.errors).toBeUndefined();
    expect(paymentCalls()).toHaveLength(0);
  });

  it('NOT_FOUND for an account the connector does not have, in the feed, while the others’ entries stay', async () => {
    const result = await stack.query(FEED, { ids: ['interledger:nobody', 'interledger:bob'], first: 3 });
    expect(result.data!.activity.edges).toHaveLength(3);
    expect(result.data!.activity.incompleteAccountIds).toEqual(['interledger:nobody']);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', provider: 'INTERLEDGER' });
  });

  it('keeps the others’ entries when the connector fails for one account, and retries it on the next page', async () => {
    await connector().faults.set({ fault: { kind: 'status', status: 500 }, path: '^/accounts/bob/payments$', times: 1 });
    const first = await stack.query(FEED, { ids: ['interledger:alice', 'interledger:bob'], first: 5 });
    expect(first.data!.activity.incompleteAccountIds).toEqual(['interledger:bob']);
    expect(first.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'INTERLEDGER' });
    expect(first.data!.activity.edges.map((edge: { node: { accountId: string } }) => edge.node.accountId)).toEqual(
      Array(5).fill('interledger:alice'),
    );
    const next = await stack.query(FEED, { ids: ['interledger:alice', 'interledger:bob'], first: 5, after: first.data!.activity.pageInfo.endCursor });
    expect(next.errors).toBeUndefined();
    expect(next.data!.activity.edges.map((edge: { node: { accountId: string } }) => edge.node.accountId)).toContain('interledger:bob');
  });

  it('a time-out of the connector is UPSTREAM_TIMEOUT for that account', async () => {
    const slow = await startStack({ INTERLEDGER_TIMEOUT_MS: '300' });
    try {
      await slow.fleet.byProvider.INTERLEDGER.faults.set({ fault: { kind: 'hang' }, path: '/payments$' });
      const result = await slow.query(FEED, { ids: ['interledger:alice'] });
      expect(result.data!.activity.incompleteAccountIds).toEqual(['interledger:alice']);
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    } finally {
      await slow.close();
    }
  });
});

describe('Conduit activity', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('is null with NOT_SUPPORTED (Conduit 2024-12-01 lists no transactions per account), with only LIVE_UPDATES and no call', async () => {
    const id = `conduit:${FIXTURE_ACCOUNTS[0]!.id}`;
    stack.fleet.reset();
    const result = await stack.query(ACCOUNT, { id });
    expect(result.data!.account).toMatchObject({ id, capabilities: ['LIVE_UPDATES'], activity: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({ path: ['account', 'activity'], extensions: { code: 'NOT_SUPPORTED', provider: 'CONDUIT' } });
    // The account itself was read; no history was asked for.
    expect(stack.fleet.byProvider.CONDUIT.requests.every((r) => !/transactions/.test(r.url))).toBe(true);
  });
});

describe('a payment recorded on the simulator moves the history and the balance', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const send = async (accountId: string, body: unknown) => {
    const { INTERLEDGER_USERNAME: user = '', INTERLEDGER_PASSWORD: password = '' } = stack.fleet.env;
    return fetch(`${stack.fleet.byProvider.INTERLEDGER.url}/accounts/${accountId}/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
      body: JSON.stringify(body),
    });
  };

  it('shows a local payment as a debit of the sender and a credit of the receiver, and the next page neither repeats nor skips', async () => {
    const first = await stack.query(ACCOUNT, { id: 'interledger:alice', first: 10 });
    const firstIds = first.data!.account.activity.nodes.map((node: { streamPaymentId: string }) => node.streamPaymentId);
    const before = await stack.query(`{ account(id: "interledger:alice") { ... on InterledgerAccount { balance { clearing } } } }`);

    // Carol holds EUR: the simulator delivers only between accounts of the same asset, so she is a remote receiver here.
    const response = await send('alice', { amount: '12345', destinationPaymentPointer: '$connie.example/carol' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ type: 'PAYMENT_SENT', amount: '-12345', amountSent: '12345', successfulPayment: true });

    // The page after the first one goes on where it stopped although a payment came in at the front.
    const next = await stack.query(ACCOUNT, { id: 'interledger:alice', first: 10, after: first.data!.account.activity.pageInfo.endCursor });
    const nextIds = next.data!.account.activity.nodes.map((node: { streamPaymentId: string }) => node.streamPaymentId);
    expect(nextIds).toEqual(
      newestFirst('alice')
        .slice(10, 20)
        .map((p) => p.streamPaymentId),
    );
    expect(nextIds.filter((id: string) => firstIds.includes(id))).toEqual([]);

    const fresh = await stack.query(ACCOUNT, { id: 'interledger:alice', first: 2 });
    const [sent, previous] = fresh.data!.account.activity.nodes;
    expect(sent).toMatchObject({
      direction: 'DEBIT',
      amount: '-123.45',
      type: 'PAYMENT_SENT',
      status: 'CLOSED_BY_STREAM',
      expectedAmount: '-123.45',
    });
    expect(sent.counterparty).toMatch(/^test\.remote\./);
    expect(previous.streamPaymentId).toBe(firstIds[0]);
    const after = await stack.query(`{ account(id: "interledger:alice") { ... on InterledgerAccount { balance { clearing } } } }`);
    expect(before.data!.account.balance.clearing).toBe('1');
    expect(after.data!.account.balance.clearing).toBe('-122.45');

    // Between two XRP accounts of the connector both sides are recorded: a debit of bob, a credit of connieparent.
    expect((await send('bob', { amount: '2500000001', destinationPaymentPointer: '$connie.example/connieparent' })).status).toBe(200);
    const feed = await stack.query(FEED, { ids: ['interledger:bob', 'interledger:connieparent'], first: 2 });
    const sides = feed.data!.activity.edges.map((edge: { node: Record<string, unknown> }) => edge.node);
    expect(sides.map((node: Record<string, unknown>) => [node.accountId, node.direction, node.amount])).toEqual(
      expect.arrayContaining([
        ['interledger:bob', 'DEBIT', '-2.500000001'],
        ['interledger:connieparent', 'CREDIT', '2.500000001'],
      ]),
    );
    expect(sides[0].streamPaymentId).toBe(sides[1].streamPaymentId);
  });

  it('refuses a payment without an amount as the connector does', async () => {
    const response = await send('alice', { destinationPaymentPointer: '$connie.example/bob' });
    expect(response.status).toBe(400);
  });
});
