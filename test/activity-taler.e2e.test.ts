// Taler account activity over real HTTP: libeufin-bank's history (`GET /accounts/{username}/transactions`) as each
// version family sends it (replayed from src/providers/taler/testdata), row-id paging to the end, exact signed
// amounts, the calls it costs, the bank's failures, and the merged feed across two accounts; then the simulator's
// books moving when a transfer is booked.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sumDecimals } from '../src/decimal.js';
import { startStack, type Stack } from './harness.js';
import { startReplayStack, type ReplayRoute, type ReplayStack } from './support/replay.js';

const testdata = (name: string): unknown => JSON.parse(readFileSync(new URL(`../src/providers/taler/testdata/${name}`, import.meta.url), 'utf8'));

const TRANSFER = `id accountId occurredAt direction amount asset { code issuer network } counterparty description
  ... on TalerTransfer { rowId subject creditorPaytoUri debtorPaytoUri counterpartyName }`;
const ACCOUNT_ACTIVITY = `query ($id: ID!, $first: Int, $after: String) {
  account(id: $id) {
    id capabilities
    balances { amount }
    activity(first: $first, after: $after) {
      edges { cursor node { __typename ${TRANSFER} } }
      pageInfo { hasNextPage hasPreviousPage endCursor }
      incompleteAccountIds
    }
  }
}`;
const FEED = `query ($ids: [ID!]!, $first: Int, $after: String) {
  activity(ids: $ids, first: $first, after: $after) {
    nodes { __typename ${TRANSFER} }
    pageInfo { hasNextPage endCursor }
    incompleteAccountIds
  }
}`;
const NODE = `query ($id: ID!) { node(id: $id) { __typename ... on AccountActivity { ${TRANSFER} } } }`;

interface Transfer {
  id: string;
  accountId: string;
  occurredAt: string;
  direction: 'CREDIT' | 'DEBIT';
  amount: string;
  counterparty: string | null;
  rowId: string;
  [field: string]: unknown;
}

const ALICE_BODY = testdata('account-alice.json');

describe('libeufin-bank history as each version family sends it (replayed)', () => {
  let stack: ReplayStack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  /** A replayed bank with `username`'s account and the given answer to its history. */
  async function bank(username: string, history: Omit<ReplayRoute, 'path'>, extra: readonly ReplayRoute[] = []) {
    stack = await startReplayStack('TALER', [
      { path: `/accounts/${username}`, json: ALICE_BODY },
      { path: `/accounts/${username}/transactions`, ...history },
      ...extra,
    ]);
    return stack;
  }
  const historyCalls = (s: ReplayStack, username: string) =>
    s.replay.requests
      .filter((r) => r.url.split('?')[0] === `/accounts/${username}/transactions`)
      .map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams));
  const refusedLogs = (s: ReplayStack) =>
    s.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'upstream body refused');

  it('0.9.3 (API 0:0:1): payto URIs without receiver-name, KUDOS with 8 decimals, an empty subject', async () => {
    const s = await bank('bakery', { json: testdata('transactions-0.9.3.json') });
    const response = await s.query(ACCOUNT_ACTIVITY, { id: 'taler:bakery' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.capabilities).toEqual(['ACTIVITY', 'LIVE_UPDATES', 'UPDATE', 'DELETE']);
    const nodes = response.data?.account.activity.edges.map((edge: { node: Transfer }) => edge.node);
    expect(nodes).toEqual([
      {
        __typename: 'TalerTransfer',
        id: 'activity:taler:bakery:14',
        accountId: 'taler:bakery',
        occurredAt: '2023-11-24T08:40:00.000Z',
        direction: 'DEBIT',
        amount: '-3.5',
        asset: { code: 'KUDOS', issuer: null, network: null },
        counterparty: 'payto://iban/SANDBOXX/DE00000000000000000001',
        description: 'Flour, 25 kg',
        rowId: '14',
        subject: 'Flour, 25 kg',
        creditorPaytoUri: 'payto://iban/SANDBOXX/DE00000000000000000001',
        debtorPaytoUri: 'payto://iban/SANDBOXX/DE71500105170648489890',
        counterpartyName: null,
      },
      expect.objectContaining({
        id: 'activity:taler:bakery:9',
        direction: 'CREDIT',
        amount: '0.00000001',
        counterparty: 'payto://iban/SANDBOXX/DE00000000000000000002',
        description: null,
        subject: '',
      }),
      expect.objectContaining({ id: 'activity:taler:bakery:2', amount: '100', description: 'Registration bonus.' }),
    ]);
    expect(response.data?.account.activity.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    // One call, newest first under both names of the paging parameters, one row more than the page.
    expect(historyCalls(s, 'bakery')).toEqual([{ limit: '-21', delta: '-21' }]);
  });

  it('0.11 (API 4:8:0): x-taler-bank URIs with receiver-name; the counterparty is the other side', async () => {
    const s = await bank('harbour', { json: testdata('transactions-0.11.json') });
    const response = await s.query(ACCOUNT_ACTIVITY, { id: 'taler:harbour' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.activity.edges.map((edge: { node: Transfer }) => edge.node)).toEqual([
      expect.objectContaining({
        direction: 'DEBIT',
        amount: '-12.34567891',
        asset: { code: 'EUR', issuer: null, network: null },
        counterparty: 'payto://x-taler-bank/bank.example.com/exchange?receiver-name=Taler%20Exchange',
        counterpartyName: 'Taler Exchange',
        occurredAt: '2024-05-23T08:00:00.000Z',
      }),
      expect.objectContaining({
        direction: 'CREDIT',
        amount: '20',
        counterparty: 'payto://x-taler-bank/bank.example.com/mill?receiver-name=The%20Old%20Mill',
        counterpartyName: 'The Old Mill',
        rowId: '1190',
      }),
    ]);
  });

  it('v12 (1.x): IBAN URIs with encoded names, read the same', async () => {
    const s = await bank('alice', { json: testdata('transactions-v12.json') });
    const response = await s.query(ACCOUNT_ACTIVITY, { id: 'taler:alice', first: 5 });
    expect(response.errors).toBeUndefined();
    const nodes = response.data?.account.activity.edges.map((edge: { node: Transfer }) => edge.node);
    expect(nodes.map((n: Transfer) => [n.amount, n.counterpartyName])).toEqual([
      ['-7.77777777', 'Bob'],
      ['1.5', 'Carol Müller'],
    ]);
    expect(historyCalls(s, 'alice')).toEqual([{ limit: '-6', delta: '-6' }]);
  });

  it('pages by row id: one row more than asked says an older page follows, whose call starts below the last row', async () => {
    const all = (testdata('transactions-0.9.3.json') as { transactions: Array<{ row_id: number }> }).transactions;
    const s = await bank('bakery', {
      answer: (request) => {
        const query = new URL(request.url ?? '/', 'http://x').searchParams;
        const start = Number(query.get('start') ?? Number.MAX_SAFE_INTEGER);
        const rows = all.filter((row) => row.row_id < start).slice(0, -Number(query.get('delta')));
        return rows.length ? { json: { transactions: rows } } : { status: 204 };
      },
    });
    const first = await s.query(ACCOUNT_ACTIVITY, { id: 'taler:bakery', first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data?.account.activity.edges.map((e: { node: Transfer }) => e.node.rowId)).toEqual(['14', '9']);
    expect(first.data?.account.activity.pageInfo.hasNextPage).toBe(true);
    const second = await s.query(ACCOUNT_ACTIVITY, { id: 'taler:bakery', first: 2, after: first.data?.account.activity.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    expect(second.data?.account.activity.edges.map((e: { node: Transfer }) => e.node.rowId)).toEqual(['2']);
    expect(second.data?.account.activity.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(historyCalls(s, 'bakery')).toEqual([
      { limit: '-3', delta: '-3' },
      { limit: '-3', delta: '-3', offset: '9', start: '9' },
    ]);
  });

  it('an empty history (204, no body) is an empty page, never an error', async () => {
    const s = await bank('alice', { status: 204 });
    const response = await s.query(ACCOUNT_ACTIVITY, { id: 'taler:alice' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.activity).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: null },
      incompleteAccountIds: [],
    });
  });

  it('an entry with an unknown direction, a malformed amount or a date of "never" is left out with an error; the rest stand', async () => {
    const [good] = (testdata('transactions-0.11.json') as { transactions: Array<Record<string, unknown>> }).transactions;
    const s = await bank('alice', {
      json: {
        transactions: [
          { ...good, row_id: 40, direction: 'CREDIT' },
          { ...good, row_id: 39, amount: 'EUR:1.123456789' },
          { ...good, row_id: 38, date: { t_s: 'never' } },
          { ...good, row_id: 37, amount: 12 },
          { ...good, row_id: 36, subject: 42, creditor_payto_uri: null },
        ],
      },
    });
    const response = await s.query(ACCOUNT_ACTIVITY, { id: 'taler:alice' });
    const nodes = response.data?.account.activity.edges.map((e: { node: Transfer }) => e.node);
    // The last one only degrades: its subject and creditor URI were unreadable, its money is exact.
    expect(nodes).toEqual([
      expect.objectContaining({ rowId: '36', amount: '-12.34567891', subject: null, description: null, creditorPaytoUri: null, counterparty: null }),
    ]);
    expect(response.errors).toEqual([
      expect.objectContaining({ path: ['account', 'activity'], extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', leftOut: 4 }) }),
    ]);
    expect(refusedLogs(s).map((line) => line.fields)).toEqual(expect.arrayContaining([['direction'], ['amount'], ['date.t_s'], ['amount']]));
  });

  it.each([
    ['404 (no such account)', { status: 404, json: { code: 5106, hint: 'Account not found' } }, 'NOT_FOUND'],
    ['401 (credentials refused)', { status: 401, json: { code: 40, hint: 'Bad password' } }, 'UNAUTHENTICATED'],
    ['500', { status: 500, json: { code: 5000 } }, 'UPSTREAM_ERROR'],
    ['a body that is not a history', { json: ['not', 'an', 'object'] }, 'UPSTREAM_ERROR'],
  ] as const)('a history answered with %s: activity is null with %s, the account stands', async (_label, answer, code) => {
    const s = await bank('alice', answer);
    const response = await s.query(ACCOUNT_ACTIVITY, { id: 'taler:alice' });
    expect(response.data?.account).toMatchObject({ id: 'taler:alice', balances: [{ amount: '10.5' }], activity: null });
    expect(response.errors).toEqual([
      expect.objectContaining({ path: ['account', 'activity'], extensions: expect.objectContaining({ code, provider: 'TALER' }) }),
    ]);
  });

  it('node(id:) reads one transfer with GET /accounts/{username}/transactions/{row_id}; another row id is NOT_FOUND', async () => {
    const s = await bank('harbour', { status: 204 }, [
      { path: '/accounts/harbour/transactions/1190', json: testdata('transaction-0.11.json') },
      { path: '/accounts/harbour/transactions/7', status: 404, json: { code: 5107, hint: "Bank transaction '7' not found" } },
    ]);
    const found = await s.query(NODE, { id: 'activity:taler:harbour:1190' });
    expect(found.errors).toBeUndefined();
    expect(found.data?.node).toMatchObject({
      __typename: 'TalerTransfer',
      id: 'activity:taler:harbour:1190',
      amount: '20',
      counterpartyName: 'The Old Mill',
    });
    const missing = await s.query(NODE, { id: 'activity:taler:harbour:7' });
    expect(missing.data?.node).toBeNull();
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const malformed = await s.query(NODE, { id: 'activity:taler:harbour:x1' });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(s.replay.requests.filter((r) => r.url.includes('/transactions/')).map((r) => r.url)).toEqual([
      '/accounts/harbour/transactions/1190',
      '/accounts/harbour/transactions/7',
    ]);
  });
});

describe('the simulator bank: pages, call counts and the feed', () => {
  let stack: Stack;
  const bank = () => stack.fleet.byProvider.TALER;
  const historyCalls = (username?: string) =>
    bank().requests.filter(
      (r) =>
        r.method === 'GET' &&
        /^\/accounts\/[^/]+\/transactions$/.test(r.url.split('?')[0] ?? '') &&
        (!username || r.url.startsWith(`/accounts/${username}/`)),
    ).length;

  beforeAll(async () => {
    stack = await startStack();
  });
  beforeEach(() => {
    stack.fleet.reset();
    bank().faults.clear();
  });
  afterAll(() => stack.close());

  /** Every entry of an account's history, page by page, with the calls each page cost. */
  async function pageToEnd(id: string, first: number) {
    const entries: Transfer[] = [];
    const callsPerPage: number[] = [];
    let after: string | undefined;
    for (let page = 0; page < 50; page++) {
      const before = historyCalls();
      const response = await stack.query(ACCOUNT_ACTIVITY, { id, first, after });
      expect(response.errors).toBeUndefined();
      callsPerPage.push(historyCalls() - before);
      const activity = response.data?.account.activity;
      entries.push(...activity.edges.map((edge: { node: Transfer }) => edge.node));
      if (!activity.pageInfo.hasNextPage) return { entries, callsPerPage, balance: response.data?.account.balances[0].amount as string };
      after = activity.pageInfo.endCursor;
    }
    throw new Error('no end');
  }

  it("pages alice's history to its end, one call a page, newest first, and it sums to her balance exactly", async () => {
    const { entries, callsPerPage, balance } = await pageToEnd('taler:alice', 4);
    expect(entries).toHaveLength(11);
    expect(callsPerPage).toEqual([1, 1, 1]);
    const rowIds = entries.map((entry) => Number(entry.rowId));
    expect(rowIds).toEqual([...rowIds].sort((a, b) => b - a));
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(11);
    expect(entries.map((entry) => Date.parse(entry.occurredAt))).toEqual(entries.map((entry) => Date.parse(entry.occurredAt)).sort((a, b) => b - a));
    expect(sumDecimals(entries.map((entry) => entry.amount))).toBe(balance);
    expect(balance).toBe('10.5');
    // Credits positive, debits negative, every decimal kept.
    expect(entries.find((entry) => entry.description === 'Rounding check')).toMatchObject({
      direction: 'CREDIT',
      amount: '0.00000001',
      counterpartyName: 'Dave Kowalski',
    });
    expect(entries.find((entry) => entry.description === 'Concert tickets')).toMatchObject({
      direction: 'DEBIT',
      amount: '-7.77777777',
      counterparty: 'payto://iban/DE89370400440532013000?receiver-name=Bob',
      creditorPaytoUri: 'payto://iban/DE89370400440532013000?receiver-name=Bob',
      debtorPaytoUri: 'payto://iban/DE62370400440532013001?receiver-name=Alice%20Example',
    });
    expect(entries.at(-1)).toMatchObject({ description: 'Opening balance', direction: 'CREDIT', amount: '19.16937042' });
  });

  it("every account's history sums to its balance, the admin's included (the books balance)", async () => {
    for (const username of ['admin', 'bob', 'carol', 'exchange', 'dave.k', 'Frank_2']) {
      const { entries, balance } = await pageToEnd(`taler:${username}`, 100);
      expect(entries.length).toBeGreaterThan(0);
      expect(sumDecimals(entries.map((entry) => entry.amount)), username).toBe(balance);
    }
  });

  it('the simulator answers with the fields the real payloads of testdata carry, with the same types', async () => {
    const response = await fetch(`${bank().url}/accounts/alice/transactions?delta=-2`, {
      headers: { authorization: `Basic ${Buffer.from('alice:alice-password').toString('base64')}` },
    });
    const body = (await response.json()) as { transactions: Array<Record<string, unknown>> };
    const real = (testdata('transactions-v12.json') as { transactions: Array<Record<string, unknown>> }).transactions[0]!;
    expect(body.transactions).toHaveLength(2);
    for (const entry of body.transactions) {
      expect(Object.keys(entry).sort()).toEqual(Object.keys(real).sort());
      for (const key of Object.keys(real)) expect(typeof entry[key], key).toBe(typeof real[key]);
    }
  });

  it('selecting activity on several accounts costs one history call each, the same id once; not selecting it costs none', async () => {
    const ids = ['taler:alice', 'taler:bob', 'taler:carol', 'taler:alice', 'taler:exchange'];
    const withActivity = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id activity(first: 3) { nodes { id } } } }`, { ids });
    expect(withActivity.errors).toBeUndefined();
    expect(withActivity.data?.accounts.map((a: { activity: { nodes: unknown[] } }) => a.activity.nodes.length)).toEqual([3, 3, 3, 3, 3]);
    expect(historyCalls()).toBe(4);
    stack.fleet.reset();
    const without = await stack.query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id capabilities } }`, { ids });
    expect(without.errors).toBeUndefined();
    expect(historyCalls()).toBe(0);
  });

  it('merges alice and bob newest first across page boundaries, one call per account and page, to the same list as their histories', async () => {
    const alice = (await pageToEnd('taler:alice', 100)).entries;
    const bob = (await pageToEnd('taler:bob', 100)).entries;
    const expected = [...alice, ...bob]
      .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0))
      .map((entry) => entry.id);
    // The same transfer appears once in each history: alice's debit and bob's credit, at the same instant.
    expect(expected.filter((id) => id.startsWith('activity:taler:bob:'))).toHaveLength(bob.length);

    stack.fleet.reset();
    const merged: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (; pages < 20; pages++) {
      const response = await stack.query(FEED, { ids: ['taler:bob', 'taler:alice', 'taler:bob'], first: 3, after });
      expect(response.errors).toBeUndefined();
      expect(response.data?.activity.incompleteAccountIds).toEqual([]);
      merged.push(...(response.data?.activity.nodes ?? []).map((node: Transfer) => node.id));
      if (!response.data?.activity.pageInfo.hasNextPage) break;
      after = response.data?.activity.pageInfo.endCursor;
    }
    expect(merged).toEqual(expected);
    // At most one call per open account and page.
    expect(historyCalls('alice') + historyCalls('bob')).toBeLessThanOrEqual(2 * (pages + 1));
    expect(historyCalls('alice')).toBeGreaterThan(0);
  });

  it('a failing history leaves the other account in the feed, names it in incompleteAccountIds and errors, and the next page tries it again', async () => {
    bank().faults.set({ path: '^/accounts/bob/transactions$', fault: { kind: 'status', status: 500 }, times: 1 });
    const first = await stack.query(FEED, { ids: ['taler:alice', 'taler:bob'], first: 2 });
    expect(first.data?.activity.incompleteAccountIds).toEqual(['taler:bob']);
    expect(first.data?.activity.nodes.map((n: Transfer) => n.accountId)).toEqual(['taler:alice', 'taler:alice']);
    expect(first.errors).toEqual([
      expect.objectContaining({ path: ['activity'], extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', provider: 'TALER' }) }),
    ]);
    const second = await stack.query(FEED, { ids: ['taler:alice', 'taler:bob'], first: 2, after: first.data?.activity.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    expect(second.data?.activity.incompleteAccountIds).toEqual([]);
    expect(second.data?.activity.nodes.length).toBe(2);
  });

  it('an unknown account ends in the feed with NOT_FOUND; a deleted one the admin reads has an empty history', async () => {
    const response = await stack.query(FEED, { ids: ['taler:nobody', 'taler:erin', 'taler:alice'], first: 2 });
    expect(response.data?.activity.incompleteAccountIds).toEqual(['taler:nobody']);
    expect(response.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    expect(response.data?.activity.nodes.map((n: Transfer) => n.accountId)).toEqual(['taler:alice', 'taler:alice']);
  });

  it('node(id:) of a simulator entry reads the same transfer back', async () => {
    const page = await stack.query(ACCOUNT_ACTIVITY, { id: 'taler:bob', first: 1 });
    const entry = page.data?.account.activity.edges[0].node as Transfer;
    const node = await stack.query(NODE, { id: entry.id });
    expect(node.errors).toBeUndefined();
    expect(node.data?.node).toEqual(entry);
    const other = await stack.query(NODE, { id: entry.id.replace(/:\d+$/, ':999999') });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the simulator books transfers: histories and balances move', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  const bankUrl = () => stack.fleet.byProvider.TALER.url;

  it('POST /__simulator/transfers books a debit and a credit, newest first in both histories', async () => {
    const reply = await fetch(`${bankUrl()}/__simulator/transfers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ debtor: 'alice', creditor: 'bob', amount: 'EUR:0.12345678', subject: 'Test transfer' }),
    });
    expect(reply.status).toBe(200);
    const alice = await stack.query(ACCOUNT_ACTIVITY, { id: 'taler:alice', first: 1 });
    expect(alice.data?.account.balances).toEqual([{ amount: '10.37654322' }]);
    expect(alice.data?.account.activity.edges[0].node).toMatchObject({ direction: 'DEBIT', amount: '-0.12345678', description: 'Test transfer' });
    const bob = await stack.query(ACCOUNT_ACTIVITY, { id: 'taler:bob', first: 1 });
    expect(bob.data?.account.balances).toEqual([{ amount: '-2.87654322' }]);
    expect(bob.data?.account.activity.edges[0].node).toMatchObject({ direction: 'CREDIT', amount: '0.12345678', counterpartyName: 'Alice Example' });

    const refused = await fetch(`${bankUrl()}/__simulator/transfers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ debtor: 'alice', creditor: 'bob', amount: 'EUR:1000', subject: 'Too much' }),
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 5102 });
  });

  it("the bank's own POST /accounts/{username}/transactions books a transfer the holder makes", async () => {
    const reply = await fetch(`${bankUrl()}/accounts/bob/transactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('bob:bob-password').toString('base64')}` },
      body: JSON.stringify({ payto_uri: 'payto://iban/DE62370400440532013001?message=Thanks&amount=EUR:1' }),
    });
    expect(reply.status).toBe(200);
    const { row_id: rowId } = (await reply.json()) as { row_id: number };
    const bob = await stack.query(ACCOUNT_ACTIVITY, { id: 'taler:bob', first: 1 });
    expect(bob.data?.account.activity.edges[0].node).toMatchObject({ rowId: String(rowId), direction: 'DEBIT', amount: '-1', description: 'Thanks' });
    // Booked within the last seconds, the four movements of both tests lead the feed.
    const feed = await stack.query(FEED, { ids: ['taler:alice', 'taler:bob'], first: 4 });
    expect(feed.data?.activity.nodes.map((n: Transfer) => [n.accountId, n.amount]).sort()).toEqual([
      ['taler:alice', '-0.12345678'],
      ['taler:alice', '1'],
      ['taler:bob', '-1'],
      ['taler:bob', '0.12345678'],
    ]);
  });
});
