// Stellar account activity over real HTTP: Horizon's payments stream paged to its end through the gateway, exact signed
// amounts of every kind of movement, call counts, failures, the merged feed, and each Horizon version family's payload.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './harness.js';
import { startReplayStack, type ReplayRoute } from './support/replay.js';
import {
  NEW_ACCOUNT_ID,
  SEED_ACCOUNT_ID,
  TRADER_ACCOUNT_ID,
  UNKNOWN_ACCOUNT_ID,
  LIQUIDITY_PROVIDER_ACCOUNT_ID,
  ISSUER_ACCOUNT_ID,
} from '../simulators/stellar/fixtures.js';
import { MERGED_ACCOUNT_ID } from '../simulators/stellar/history.js';

const STELLAR = 'operationId pagingToken transactionHash transactionSuccessful sourceAccount memoType';
const ENTRY = `
  __typename id accountId occurredAt direction amount asset { code issuer } counterparty description
  ... on StellarPayment { ${STELLAR} from to fromMuxed toMuxed }
  ... on StellarPathPayment {
    ${STELLAR} kind operationType from to fromMuxed toMuxed sourceAmount sourceAsset { code issuer }
    destinationAmount destinationAsset { code issuer } sourceMax destinationMin path { code issuer }
  }
  ... on StellarAccountCreation { ${STELLAR} funder createdAccount startingBalance }
  ... on StellarAccountMerge { ${STELLAR} mergedAccount into intoMuxed }
`;

const ACCOUNT_ACTIVITY = `query ($id: ID!, $first: Int, $after: String) {
  account(id: $id) { id capabilities activity(first: $first, after: $after) { nodes { ${ENTRY} } pageInfo { hasNextPage endCursor } incompleteAccountIds } }
}`;

const FEED = `query ($ids: [ID!]!, $first: Int, $after: String) {
  activity(ids: $ids, first: $first, after: $after) {
    edges { cursor node { ${ENTRY} } } pageInfo { hasNextPage endCursor } incompleteAccountIds
  }
}`;

type Entry = Record<string, any>;
const global = (id: string) => `stellar:${id}`;

describe('Stellar activity against the Horizon simulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ STELLAR_TIMEOUT_MS: '600' });
  });
  afterAll(() => stack.close());
  afterEach(() => stack.fleet.byProvider.STELLAR.faults.clear());
  const horizon = () => stack.fleet.byProvider.STELLAR;

  /** Every entry of an account's history, page by page, and the number of pages. */
  async function wholeHistory(accountId: string, first: number): Promise<{ entries: Entry[]; pages: number }> {
    const entries: Entry[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const response: { data?: Entry | null; errors?: unknown } = await stack.query(ACCOUNT_ACTIVITY, { id: global(accountId), first, after });
      expect(response.errors).toBeUndefined();
      const activity: Entry = response.data!.account.activity;
      entries.push(...activity.nodes);
      pages += 1;
      if (!activity.pageInfo.hasNextPage) break;
      after = activity.pageInfo.endCursor;
      expect(pages).toBeLessThan(20);
    }
    return { entries, pages };
  }

  it('pages the trader’s history to its end, newest first, one Horizon call per page and one per merge', async () => {
    horizon().reset();
    const { entries, pages } = await wholeHistory(TRADER_ACCOUNT_ID, 10);
    expect(pages).toBe(3);
    expect(entries).toHaveLength(25);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(25);
    const times = entries.map((entry) => Date.parse(entry.occurredAt));
    expect(times).toStrictEqual([...times].sort((a, b) => b - a));
    expect(horizon().count('GET', `/accounts/${TRADER_ACCOUNT_ID}/payments`)).toBe(3);
    expect(horizon().requests.filter((r) => /^\/operations\/\d+\/effects/.test(r.url))).toHaveLength(1);
    // Each query asked Horizon for newest first, one more than the page, no failed transactions, with memos.
    const queries = horizon()
      .requests.filter((r) => r.url.includes('/payments'))
      .map((r) => new URL(r.url, 'http://h').searchParams);
    expect(queries.map((q) => [q.get('order'), q.get('limit'), q.get('include_failed'), q.get('join')])).toStrictEqual(
      Array(3).fill(['desc', '11', 'false', 'transactions']),
    );
    expect(queries[0]!.get('cursor')).toBeNull();
    expect(queries[1]!.get('cursor')).toBe(entries[9]!.pagingToken);

    const oldest = entries.slice(-9).reverse();
    expect(oldest.map((entry) => [entry.__typename, entry.direction, entry.amount, entry.asset.code])).toStrictEqual([
      ['StellarAccountCreation', 'CREDIT', '100', 'XLM'],
      ['StellarPayment', 'CREDIT', '250.5', 'XLM'],
      ['StellarPayment', 'CREDIT', '1000.0000001', 'USDC'],
      ['StellarPathPayment', 'DEBIT', '-10.1234567', 'XLM'],
      ['StellarPathPayment', 'CREDIT', '25', 'XLM'],
      ['StellarAccountMerge', 'CREDIT', '12.3456789', 'XLM'],
      ['StellarPayment', 'DEBIT', '-0.0000001', 'XLM'],
      ['StellarAccountCreation', 'DEBIT', '-5', 'XLM'],
      ['StellarPayment', 'CREDIT', '92233720368.547758', 'GOLDBAR'],
    ]);
    const [creation, rent, , strictSend, strictReceive, merge, stroop, funded] = oldest;
    expect(creation).toMatchObject({
      funder: SEED_ACCOUNT_ID,
      createdAccount: TRADER_ACCOUNT_ID,
      startingBalance: '100',
      counterparty: SEED_ACCOUNT_ID,
      description: 'welcome',
    });
    expect(rent).toMatchObject({
      from: SEED_ACCOUNT_ID,
      to: TRADER_ACCOUNT_ID,
      memoType: 'text',
      description: 'rent share',
      transactionSuccessful: true,
    });
    expect(rent!.transactionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rent!.id).toBe(`activity:stellar:${TRADER_ACCOUNT_ID}:${rent!.operationId}`);
    expect(strictSend).toMatchObject({
      kind: 'STRICT_SEND',
      operationType: 'path_payment_strict_send',
      counterparty: LIQUIDITY_PROVIDER_ACCOUNT_ID,
      sourceAmount: '10.1234567',
      sourceAsset: { code: 'XLM', issuer: null },
      destinationAmount: '1.2345678',
      destinationAsset: { code: 'USDC' },
      destinationMin: '1.2',
      sourceMax: null,
      path: [],
    });
    expect(strictReceive).toMatchObject({
      kind: 'STRICT_RECEIVE',
      sourceAmount: '3.3',
      sourceMax: '3.5',
      destinationMin: null,
      path: [{ code: 'GOLDBAR', issuer: ISSUER_ACCOUNT_ID }],
    });
    expect(merge).toMatchObject({ mergedAccount: MERGED_ACCOUNT_ID, into: TRADER_ACCOUNT_ID, counterparty: MERGED_ACCOUNT_ID, intoMuxed: null });
    expect(stroop).toMatchObject({ counterparty: SEED_ACCOUNT_ID, description: 'one stroop' });
    expect(funded).toMatchObject({ createdAccount: NEW_ACCOUNT_ID, counterparty: NEW_ACCOUNT_ID, description: null });
    // The run of invoices alternates: the newest (16) is a credit, 15 a debit, with all seven decimals.
    expect(entries.slice(0, 2).map((entry) => [entry.direction, entry.amount, entry.description])).toStrictEqual([
      ['CREDIT', '16.9753072', 'invoice 16'],
      ['DEBIT', '-15.8518505', 'invoice 15'],
    ]);
  });

  it('reads the other side of the same operations with the opposite sign, and says the account supports activity', async () => {
    const response = await stack.query(ACCOUNT_ACTIVITY, { id: global(SEED_ACCOUNT_ID), first: 10 });
    expect(response.errors).toBeUndefined();
    const account = response.data!.account;
    expect(account.capabilities).toStrictEqual(['ACTIVITY', 'LIVE_UPDATES']);
    expect(account.activity.nodes.map((entry: Entry) => [entry.__typename, entry.amount, entry.counterparty])).toStrictEqual([
      ['StellarPayment', '0.0000001', TRADER_ACCOUNT_ID],
      ['StellarPayment', '-250.5', TRADER_ACCOUNT_ID],
      ['StellarAccountCreation', '-100', TRADER_ACCOUNT_ID],
    ]);
    expect(account.activity.pageInfo.hasNextPage).toBe(false);
  });

  it('calls Horizon once per account when activity is selected on several, and never when it is not', async () => {
    const ids = [SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID, NEW_ACCOUNT_ID, LIQUIDITY_PROVIDER_ACCOUNT_ID, ISSUER_ACCOUNT_ID].map(global);
    horizon().reset();
    const selected = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id activity(first: 5) { nodes { id amount } } } }`, { ids });
    expect(selected.errors).toBeUndefined();
    const paymentCalls = () => horizon().requests.filter((r) => r.url.split('?')[0]!.endsWith('/payments')).length;
    expect(paymentCalls()).toBe(5);
    expect(selected.data!.accounts.map((a: Entry) => a.activity.nodes.length)).toStrictEqual([3, 5, 5, 2, 1]);

    horizon().reset();
    const plain = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id capabilities balances { amount } } }`, { ids });
    expect(plain.errors).toBeUndefined();
    expect(paymentCalls()).toBe(0);
    expect(horizon().requests).toHaveLength(5);
  });

  it('answers an account Horizon has no history of with NOT_FOUND on its activity', async () => {
    const response = await stack.query(`query ($id: ID!) { account(id: $id) { id } } `, { id: global(UNKNOWN_ACCOUNT_ID) });
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const feed = await stack.query(FEED, { ids: [global(UNKNOWN_ACCOUNT_ID), global(SEED_ACCOUNT_ID)] });
    expect(feed.data!.activity.edges).toHaveLength(3);
    expect(feed.data!.activity.incompleteAccountIds).toStrictEqual([global(UNKNOWN_ACCOUNT_ID)]);
    expect(feed.errors?.map((e) => [e.extensions?.code, e.extensions?.provider, e.path])).toStrictEqual([['NOT_FOUND', 'STELLAR', ['activity']]]);
    // A merged account has no ledger entry but keeps its history.
    const merged = await stack.query(FEED, { ids: [global(MERGED_ACCOUNT_ID)] });
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.activity.edges.map((e: Entry) => [e.node.__typename, e.node.amount, e.node.counterparty])).toStrictEqual([
      ['StellarAccountMerge', '-12.3456789', TRADER_ACCOUNT_ID],
    ]);
  });

  it('keeps the other accounts’ entries when Horizon fails one history with a 5xx, and says which account is missing', async () => {
    horizon().faults.set({ fault: { kind: 'status', status: 500 }, path: `^/accounts/${TRADER_ACCOUNT_ID}/payments$` });
    const feed = await stack.query(FEED, { ids: [global(TRADER_ACCOUNT_ID), global(SEED_ACCOUNT_ID)], first: 10 });
    expect(feed.data!.activity.edges.map((e: Entry) => e.node.accountId)).toStrictEqual(Array(3).fill(global(SEED_ACCOUNT_ID)));
    expect(feed.data!.activity.incompleteAccountIds).toStrictEqual([global(TRADER_ACCOUNT_ID)]);
    expect(feed.errors?.map((e) => [e.extensions?.code, e.extensions?.provider])).toStrictEqual([['UPSTREAM_ERROR', 'STELLAR']]);
    // The account keeps its place: the next page tries it again, from its newest entry.
    horizon().faults.clear();
    const next = await stack.query(FEED, {
      ids: [global(TRADER_ACCOUNT_ID), global(SEED_ACCOUNT_ID)],
      first: 10,
      after: feed.data!.activity.pageInfo.endCursor,
    });
    expect(next.errors).toBeUndefined();
    expect(next.data!.activity.edges).toHaveLength(10);
    expect(next.data!.activity.edges.every((e: Entry) => e.node.accountId === global(TRADER_ACCOUNT_ID))).toBe(true);
  });

  it('answers a Horizon that does not answer in time with UPSTREAM_TIMEOUT on the account’s activity, the account itself still read', async () => {
    horizon().faults.set({ fault: { kind: 'hang' }, path: `/payments$` });
    const response = await stack.query(ACCOUNT_ACTIVITY, { id: global(SEED_ACCOUNT_ID), first: 5 });
    expect(response.data!.account.id).toBe(global(SEED_ACCOUNT_ID));
    expect(response.data!.account.activity).toBeNull();
    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.provider, e.path])).toStrictEqual([
      ['UPSTREAM_TIMEOUT', 'STELLAR', ['account', 'activity']],
    ]);
  });

  it('merges two accounts newest first across page boundaries with one cursor, reading the same id once', async () => {
    horizon().reset();
    const ids = [global(TRADER_ACCOUNT_ID), global(SEED_ACCOUNT_ID), global(TRADER_ACCOUNT_ID)];
    const seen: Entry[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const response: { data?: Entry | null; errors?: unknown } = await stack.query(FEED, { ids, first: 4, after });
      expect(response.errors).toBeUndefined();
      if (pages === 0) expect(horizon().count('GET', `/accounts/${TRADER_ACCOUNT_ID}/payments`)).toBe(1);
      const { edges, pageInfo }: Entry = response.data!.activity;
      seen.push(...edges.map((e: Entry) => e.node));
      pages += 1;
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
      expect(pages).toBeLessThan(20);
    }
    expect(seen).toHaveLength(28);
    expect(new Set(seen.map((e) => e.id)).size).toBe(28);
    const times = seen.map((e) => Date.parse(e.occurredAt));
    expect(times).toStrictEqual([...times].sort((a, b) => b - a));
    // The seed's three entries sit among the trader's by time, and the same operations appear once for each side.
    const shared = seen.filter((e) => e.operationId && seen.filter((o) => o.operationId === e.operationId).length === 2);
    expect(shared.map((e) => e.amount).sort()).toStrictEqual(['-0.0000001', '-100', '-250.5', '0.0000001', '100', '250.5']);
  });

  it('reads one movement by its id through node(id:), the merge’s amount from its effects', async () => {
    const history = await stack.query(ACCOUNT_ACTIVITY, { id: global(MERGED_ACCOUNT_ID), first: 1 });
    // The merged account has no ledger entry: account() is NOT_FOUND, so read the id from the trader's side.
    expect(history.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const { entries } = await wholeHistory(TRADER_ACCOUNT_ID, 50);
    const merge = entries.find((e) => e.__typename === 'StellarAccountMerge')!;
    const node = await stack.query(`query ($id: ID!) { node(id: $id) { id ... on AccountActivity { ${ENTRY} } } }`, { id: merge.id });
    expect(node.errors).toBeUndefined();
    expect(node.data!.node).toStrictEqual(merge);
    const other = await stack.query(`query ($id: ID!) { node(id: $id) { id } }`, { id: merge.id.replace(TRADER_ACCOUNT_ID, SEED_ACCOUNT_ID) });
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('moves the histories when the simulator records a payment, and the balances with them', async () => {
    const response = await fetch(`${horizon().url}/simulator/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: TRADER_ACCOUNT_ID, to: SEED_ACCOUNT_ID, amount: '1.2345678', memo: 'lunch' }),
    });
    expect(response.status).toBe(201);
    const feed = await stack.query(FEED, { ids: [global(SEED_ACCOUNT_ID), global(TRADER_ACCOUNT_ID)], first: 2 });
    expect(feed.errors).toBeUndefined();
    expect(feed.data!.activity.edges.map((e: Entry) => [e.node.accountId, e.node.direction, e.node.amount, e.node.description])).toStrictEqual([
      [global(SEED_ACCOUNT_ID), 'CREDIT', '1.2345678', 'lunch'],
      [global(TRADER_ACCOUNT_ID), 'DEBIT', '-1.2345678', 'lunch'],
    ]);
    const balances = await stack.query(`{ account(id: "${global(SEED_ACCOUNT_ID)}") { balances { asset { code } amount } } }`);
    expect(balances.data!.account.balances.find((b: Entry) => b.asset.code === 'XLM').amount).toBe('74.090947');
    const refused = await fetch(`${horizon().url}/simulator/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: SEED_ACCOUNT_ID, to: TRADER_ACCOUNT_ID, amount: '1000000.0000000' }),
    });
    expect(refused.status).toBe(400);
  });
});

const A = 'GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA';
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../src/providers/stellar/testdata/${name}`, import.meta.url), 'utf8'));

/** A replay of one payments page (and the merge effects), and the account's activity read through the gateway. */
async function replayHistory(page: unknown, extra: ReplayRoute[] = [], effects: unknown = fixture('effects-account-merge.json')) {
  const records = (page as { _embedded?: { records: Array<{ id: string }> } })._embedded?.records ?? [];
  const routes: ReplayRoute[] = [
    { path: `/accounts/${A}/payments`, json: page },
    ...records.map((record) => ({ path: `/operations/${record.id}/effects`, json: effects })),
    ...extra,
  ];
  const stack = await startReplayStack('STELLAR', routes);
  try {
    const response = await stack.query(ACCOUNT_ACTIVITY, {
      id: global(A),
      first: 20,
    });
    return { response, requests: stack.replay.requests.map((r) => r.url) };
  } finally {
    await stack.close();
  }
}

describe('Stellar activity from each Horizon version family’s payments page', () => {
  // Account.activity reads the account first: the replay serves it too.
  const withAccount: ReplayRoute[] = [
    { path: `/accounts/${A}`, json: { ...(fixture('account-horizon-22-protocol-22.json') as object), id: A, account_id: A } },
  ];

  it('Horizon 0.15 (protocol 10): no success flag, no joined transaction, `path_payment`; the merge’s amount from its effects', async () => {
    const { response, requests } = await replayHistory(fixture('payments-horizon-0.15-protocol-10.json'), withAccount);
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.account.activity.nodes as Entry[];
    expect(nodes.map((n) => [n.__typename, n.direction, n.amount, n.asset.code, n.counterparty, n.description])).toStrictEqual([
      ['StellarPayment', 'CREDIT', '20', 'XLM', 'GAP5LETOV6YIE62YAM56STDANPRDO7ZFDBGSNHJQIYGGKSMOZAHOOS2S', null],
      ['StellarPathPayment', 'DEBIT', '-4.9999999', 'XLM', 'GBSTRUSD7IRX73RQZBL3RQUH6KS3O4NYFY3QCALDLZD77XMZOPWAVTUK', null],
      ['StellarAccountMerge', 'CREDIT', '1234.5678901', 'XLM', 'GBSTRUSD7IRX73RQZBL3RQUH6KS3O4NYFY3QCALDLZD77XMZOPWAVTUK', null],
      ['StellarAccountCreation', 'CREDIT', '72.8563792', 'XLM', 'GAP5LETOV6YIE62YAM56STDANPRDO7ZFDBGSNHJQIYGGKSMOZAHOOS2S', null],
    ]);
    expect(nodes[0]!.transactionSuccessful).toBe(true);
    expect(nodes[1]).toMatchObject({
      kind: 'STRICT_RECEIVE',
      operationType: 'path_payment',
      destinationAmount: '2',
      destinationAsset: { code: 'USD' },
      sourceMax: '5',
    });
    expect(response.data!.account.activity.pageInfo.hasNextPage).toBe(false);
    // One page call and one effects call (for the merge only).
    expect(requests.filter((url) => url.includes('/payments'))).toHaveLength(1);
    expect(requests.filter((url) => url.includes('/effects'))).toStrictEqual([`/operations/81604387213938689/effects?limit=200&order=asc`]);
  });

  it('Horizon 1.2 (protocol 13): both path payment kinds, memos of every type from the joined transaction', async () => {
    const { response } = await replayHistory(fixture('payments-horizon-1.2-protocol-13.json'), withAccount);
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.account.activity.nodes as Entry[];
    expect(nodes.map((n) => [n.__typename, n.direction, n.amount, n.asset.code, n.description])).toStrictEqual([
      ['StellarPathPayment', 'CREDIT', '0.9876543', 'EURT', 'yhsBIfYwRe+PVDT0Tga3d0I5yBfQ0Bq3wd7P0tfKRC0='],
      ['StellarPathPayment', 'DEBIT', '-0.1234567', 'USD', '42'],
      ['StellarPayment', 'DEBIT', '-100', 'XLM', 'coffee'],
      ['StellarPayment', 'CREDIT', '0.0000001', 'XLM', null],
    ]);
    expect(nodes[0]).toMatchObject({
      kind: 'STRICT_SEND',
      sourceAmount: '10',
      sourceAsset: { code: 'USD', issuer: 'GDUKMGUGDZQK6YHYA5Z6AY2G4XDSZPSZ3SW5UN3ARVMO6QSRDWP5YLEX' },
      destinationMin: '0.9',
      path: [
        { code: 'XLM', issuer: null },
        { code: 'GOLDBAR', issuer: 'GBSTRUSD7IRX73RQZBL3RQUH6KS3O4NYFY3QCALDLZD77XMZOPWAVTUK' },
      ],
    });
    expect(nodes[1]).toMatchObject({ kind: 'STRICT_RECEIVE', destinationAmount: '1', destinationAsset: { code: 'XLM' }, sourceMax: '0.2' });
    expect(nodes[3]!.memoType).toBeNull();
  });

  it('Horizon 2.8 (protocol 18): muxed destinations, a merge out of the account debited from its effects', async () => {
    const OTHER = 'GBSTRUSD7IRX73RQZBL3RQUH6KS3O4NYFY3QCALDLZD77XMZOPWAVTUK';
    // The stored effects are of a merge of OTHER into A: swapped, they are those of this merge of A into OTHER.
    const swapped = JSON.parse(
      JSON.stringify(fixture('effects-account-merge.json')).replaceAll(OTHER, '__SWAP__').replaceAll(A, OTHER).replaceAll('__SWAP__', A),
    );
    const { response } = await replayHistory(fixture('payments-horizon-2.8-protocol-18.json'), withAccount, swapped);
    const nodes = response.data!.account.activity.nodes as Entry[];
    expect(response.errors).toBeUndefined();
    expect(nodes[0]).toMatchObject({
      __typename: 'StellarPayment',
      amount: '15.5',
      toMuxed: 'MAAAAAAAAAAAAAB7BQ2L7E5NBWMXDUCMZSIPOBKRDSBYVLMXGSSKF6YNPIB7Y77ITLVL6',
      description: 'invoice 7',
    });
    expect(nodes[1]).toMatchObject({
      __typename: 'StellarAccountMerge',
      direction: 'DEBIT',
      amount: '-1234.5678901',
      mergedAccount: A,
      into: OTHER,
      counterparty: OTHER,
      description: null,
    });

    // Effects that name no amount for this account leave the merge out, with an error: never a guessed amount.
    const unswapped = await replayHistory(fixture('payments-horizon-2.8-protocol-18.json'), withAccount);
    expect((unswapped.response.data!.account.activity.nodes as Entry[]).map((n) => n.__typename)).toStrictEqual(['StellarPayment']);
    expect(unswapped.response.errors?.map((e) => e.extensions?.leftOut)).toStrictEqual([1]);
  });

  it('stellar-horizon 22 (protocol 22): an invoke_host_function record is left out with an error, the rest read', async () => {
    const { response } = await replayHistory(fixture('payments-horizon-22-protocol-22.json'), withAccount);
    const nodes = response.data!.account.activity.nodes as Entry[];
    expect(nodes.map((n) => [n.__typename, n.amount, n.memoType, n.description])).toStrictEqual([
      ['StellarPayment', '-922337203685.4775807', 'text', 'all of it'],
      ['StellarAccountCreation', '-1', 'return', 'yhsBIfYwRe+PVDT0Tga3d0I5yBfQ0Bq3wd7P0tfKRC0='],
    ]);
    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.leftOut, e.path])).toStrictEqual([
      ['UPSTREAM_ERROR', 1, ['account', 'activity']],
    ]);
  });

  it('refuses a page that is not one, and leaves out a record whose amount is not exact', async () => {
    const page = structuredClone(fixture('payments-horizon-1.2-protocol-13.json')) as { _embedded: { records: Array<Record<string, unknown>> } };
    page._embedded.records[2]!.amount = '100.5';
    const { response } = await replayHistory(page, withAccount);
    expect((response.data!.account.activity.nodes as Entry[]).map((n) => n.amount)).toStrictEqual(['0.9876543', '-0.1234567', '0.0000001']);
    expect(response.errors?.map((e) => e.extensions?.leftOut)).toStrictEqual([1]);

    const broken = await replayHistory({ records: [] }, withAccount);
    expect(broken.response.data!.account.activity).toBeNull();
    expect(broken.response.errors?.map((e) => [e.extensions?.code, e.extensions?.provider])).toStrictEqual([['UPSTREAM_ERROR', 'STELLAR']]);
  });
});
