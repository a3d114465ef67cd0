// Conduit (API 2024-12-01) as its OpenAPI allows a server to answer, over real HTTP: one payload per shape family
// (src/providers/conduit/testdata), the tolerant-reading rule (only the account id and each balance's asset and
// amount are required; anything else degrades visibly), unreadable balances and list items left out with an error at
// their path, values beyond the spec's enums kept with their raw value, and empty client lists as empty pages.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { GraphQLResponse } from './harness.js';
import { expandCaseQuery, startReplayStack, type ReplayRoute, type ReplayStack } from './support/replay.js';

let stack: ReplayStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

type Body = Record<string, any>;
const testdata = (name: string): Body => JSON.parse(readFileSync(new URL(`../src/providers/conduit/testdata/${name}`, import.meta.url), 'utf8'));

const ACCOUNT = expandCaseQuery('query($id: ID!) { account(id: $id) { ${COMMON} ${CONDUIT} } }');
const ROUTE = 'GET /accounts/{id}';
const LIST_ROUTE = 'GET /clients/{client_id}/accounts';
const CLIENT = 'client_2uV8xY1zB4dF7hJ0kM3nP6qS9tW';
const LIST = `query ($clientId: ID!, $first: Int, $after: String) {
  conduitClientAccounts(clientId: $clientId, first: $first, after: $after) {
    nodes { id balances { asset { code network } amount } availableBalances { assetCode network amount country } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Serves `body` as the account `id` (an object as JSON, or exact text) and reads it through the gateway. */
async function readAccount(body: Body | string, id: string = typeof body === 'string' ? '' : body.id, route: Partial<ReplayRoute> = {}) {
  const answer: ReplayRoute =
    typeof body === 'string' ? { path: `/accounts/${id}`, body, ...route } : { path: `/accounts/${id}`, json: body, ...route };
  stack = await startReplayStack('CONDUIT', [answer]);
  return stack.query(ACCOUNT, { id: `conduit:${id}` });
}

async function readList(answer: Omit<ReplayRoute, 'path'>, variables: Record<string, unknown> = {}) {
  stack = await startReplayStack('CONDUIT', [{ path: `/clients/${CLIENT}/accounts`, ...answer }]);
  return stack.query(LIST, { clientId: CLIENT, ...variables });
}

/** The gateway's log lines that say what a read left out. */
const wireLogs = (s: ReplayStack) =>
  s.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'upstream fields degraded' || line.msg === 'upstream body refused');

const amounts = (balances: Array<{ asset: { code: string; network: string | null }; amount: string }>) =>
  balances.map((b) => [b.asset.code, b.asset.network, b.amount]);

describe('each Conduit 2024-12-01 shape family, read through the gateway', () => {
  it('the docs example: fiat without a network, stablecoins with one, six-decimal amounts and "0"', async () => {
    const body = testdata('get-account.seed.json');
    const response = await readAccount(body);
    expect(response.errors).toBeUndefined();
    expect(response.data?.account).toMatchObject({
      id: `conduit:${body.id}`,
      provider: 'CONDUIT',
      displayName: null,
      createdAt: '2024-10-27T00:00:00.000Z',
    });
    expect(amounts(response.data?.account.balances)).toEqual([
      ['USD', null, '150.32'],
      ['USDC', 'ethereum', '90'],
      ['USDT', 'ethereum', '0'],
      ['USDT', 'tron', '150.32'],
    ]);
    expect(response.data?.account.availableBalances.map((b: Body) => [b.assetCode, b.network])).toEqual([
      ['USD', null],
      ['USDC', 'ETHEREUM'],
      ['USDT', 'ETHEREUM'],
      ['USDT', 'TRON'],
    ]);
    expect(wireLogs(stack!)).toEqual([]);
  });

  it('every value the spec enumerates: each asset code and network, integer and decimal amounts, countries', async () => {
    const body = testdata('get-account.every-documented-value.json');
    const response = await readAccount(body);
    expect(response.errors).toBeUndefined();
    const available = response.data?.account.availableBalances as Body[];
    expect(available.map((b) => b.assetCode)).toEqual([
      'USD',
      'MXN',
      'BRL',
      'COP',
      'EUR',
      'NGN',
      'ARS',
      'GBP',
      'AED',
      'SGD',
      'HKD',
      'USDT',
      'USDT',
      'USDC',
      'USDC',
      'USDC',
      'RLUSD',
    ]);
    expect(available.slice(11).map((b) => b.network)).toEqual(['ETHEREUM', 'TRON', 'SOLANA', 'POLYGON', 'BASE', 'XRPL']);
    expect(available.slice(0, 11).every((b) => b.network === null && /^[A-Z]{2}$/.test(b.country))).toBe(true);
    expect(available.map((b) => b.amount)).toEqual([
      '1500',
      '25000.5',
      '0',
      '1000000',
      '99.99',
      '750000',
      '12.34',
      '0.01',
      '3672.5',
      '134',
      '780.25',
      '10',
      '20',
      '30',
      '40',
      '50.000001',
      '60',
    ]);
    expect(wireLogs(stack!)).toEqual([]);
  });

  it('what the spec does not list: codes and networks beyond its enums (OTHER, raw value kept), null optionals, extra properties', async () => {
    const body = testdata('get-account.beyond-the-spec.json');
    const response = await readAccount(body);
    expect(response.errors).toBeUndefined();
    expect(amounts(response.data?.account.balances)).toEqual([
      ['PYUSD', 'solana', '5.5'],
      ['USDC', 'arbitrum', '7.25'],
      ['EUR', null, '100'],
      ['CHF', null, '12'],
    ]);
    expect(response.data?.account.availableBalances).toMatchObject([
      { assetCode: 'OTHER', network: 'SOLANA', amount: '5.5', country: null },
      { assetCode: 'USDC', network: 'OTHER', amount: '7.25', country: null },
      { assetCode: 'EUR', network: null, amount: '100', country: null },
      { assetCode: 'OTHER', network: null, amount: '12', country: 'CH' },
    ]);
    expect(response.data?.account.createdAt).toBe('2025-07-01T12:00:00Z');
    expect(wireLogs(stack!)).toEqual([]);
  });

  it.each([
    [
      'the docs example',
      'list-client-accounts.docs.json',
      'client_2ofTA13AD0xBtbEvBl20aEb1hEu',
      [['conduit:acct_2ofTA5mz0T91pBmD3tMTeLE7T4X', [['USD', null, '10']]]],
    ],
    [
      'several accounts, one holding nothing',
      'list-client-accounts.several.json',
      CLIENT,
      [
        [
          'conduit:acct_2kL3mN4oP5qR6sT7uV8wX9yZ0aB',
          [
            ['MXN', null, '48000'],
            ['USDT', 'tron', '0'],
          ],
        ],
        ['conduit:acct_2sT6uV9wX2yZ5aB8cD1eF4gH7iJ', []],
        [
          'conduit:acct_2vW9yZ2aC5eG8iK1lN4oQ7rT0uX',
          [
            ['USD', null, '2500'],
            ['USDC', 'base', '125.5'],
          ],
        ],
      ],
    ],
    ['an empty list', 'list-client-accounts.empty.json', CLIENT, []],
  ])('a client list: %s, in account-id order', async (_name, file, clientId, expected) => {
    stack = await startReplayStack('CONDUIT', [{ path: `/clients/${clientId}/accounts`, json: testdata(file) }]);
    const response = await stack.query(LIST, { clientId });
    expect(response.errors).toBeUndefined();
    expect(response.data?.conduitClientAccounts.nodes.map((node: Body) => [node.id, amounts(node.balances)])).toEqual(expected);
    expect(response.data?.conduitClientAccounts.pageInfo.hasNextPage).toBe(false);
    expect(wireLogs(stack)).toEqual([]);
  });
});

describe('a balance Conduit sends that cannot be read exactly', () => {
  it.each([
    ['an amount in exponent notation', { asset: 'USD', amount: '1e3' }, ['balances.available[].amount']],
    ['an amount as a JSON number', { asset: 'USD', amount: 150.32 }, ['balances.available[].amount']],
    ['a negative amount', { asset: 'USD', amount: '-5.000000' }, ['balances.available[].amount']],
    ['the empty amount the spec pattern allows', { asset: 'USD', amount: '' }, ['balances.available[].amount']],
    ['no asset', { network: 'tron', amount: '5.000000' }, ['balances.available[].asset']],
  ])('(%s) is left out with an error at balances and availableBalances; the account and its other balances stand', async (_name, entry, fields) => {
    const body = testdata('get-account.seed.json');
    body.balances.available.splice(1, 0, entry);
    const response = await readAccount(body);
    expect(response.data?.account).toMatchObject({ nativeId: body.id, createdAt: '2024-10-27T00:00:00.000Z' });
    expect(amounts(response.data?.account.balances)).toEqual([
      ['USD', null, '150.32'],
      ['USDC', 'ethereum', '90'],
      ['USDT', 'ethereum', '0'],
      ['USDT', 'tron', '150.32'],
    ]);
    expect(response.data?.account.availableBalances).toHaveLength(4);
    const errors = response.errors ?? [];
    expect(errors.map((error) => error.path)).toEqual([
      ['account', 'balances'],
      ['account', 'availableBalances'],
    ]);
    for (const error of errors) expect(error.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'CONDUIT', leftOut: 1 });
    const logs = wireLogs(stack!);
    expect(logs).toEqual([expect.objectContaining({ msg: 'upstream body refused', provider: 'CONDUIT', route: ROUTE, fields })]);
    // The refused values appear in no log field (request ids and times aside: a random UUID may hold "1e3").
    const fieldsOnly = logs.map((line) => ({ ...(line as Record<string, unknown>), requestId: 0, time: 0, pid: 0, hostname: 0 }));
    expect(JSON.stringify(fieldsOnly)).not.toMatch(/1e3|150\.32|-5\.0/);
    expect(await stack!.metrics()).toContain(
      `gateway_upstream_wire_fields_total{provider="CONDUIT",route="${ROUTE}",field="${fields[0]}",outcome="refused"} 1`,
    );
  });
});

describe('fields beyond identity and money', () => {
  it('degrade to null when unreadable, logged and counted by path, never the account', async () => {
    const body = testdata('get-account.every-documented-value.json');
    body.createdAt = 'last Tuesday';
    body.balances.available[0].country = 840;
    body.balances.available[11].network = { name: 'ethereum' };
    const response = await readAccount(body);
    expect(response.errors).toBeUndefined();
    expect(response.data?.account.createdAt).toBeNull();
    expect(response.data?.account.availableBalances[0]).toMatchObject({ assetCode: 'USD', network: null, amount: '1500', country: null });
    expect(response.data?.account.availableBalances[11]).toMatchObject({ assetCode: 'USDT', network: null, amount: '10', country: null });
    expect(response.data?.account.balances).toHaveLength(17);
    expect(
      wireLogs(stack!)
        .flatMap((line) => line.fields as string[])
        .sort(),
    ).toEqual(['balances.available[].country', 'balances.available[].network', 'createdAt']);
    expect(await stack!.metrics()).toContain(
      `gateway_upstream_wire_fields_total{provider="CONDUIT",route="${ROUTE}",field="createdAt",outcome="degraded"} 1`,
    );
  });

  it.each([
    ['an id that breaks the AccountId pattern', (b: Body) => void (b.id = 'acct_2fvietuCNSu8unMNLsEGBrDTV'), ['id']],
    ['no balances.available list', (b: Body) => void (b.balances = {}), ['balances.available']],
  ])('refuse the account only for %s (identity and money), naming the field and not its value', async (_name, spoil, fields) => {
    const body = testdata('get-account.seed.json');
    const id = body.id as string;
    spoil(body);
    const response = await readAccount(body, id);
    expect(response.data?.account).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'CONDUIT' });
    expect(wireLogs(stack!)).toEqual([expect.objectContaining({ msg: 'upstream body refused', route: ROUTE, fields })]);
    expect(stack!.logs.join('\n')).not.toContain('2fvietuCNSu8unMNLsEGBrDTV"');
  });
});

describe('conduitClientAccounts', () => {
  it.each([
    ['data: []', { json: { data: [], totalBalances: { available: [] } } }],
    ['data: null', { json: { data: null, totalBalances: null } }],
    ['204 No Content', { status: 204 }],
  ])('answers %s as an empty page, without an error', async (_name, answer) => {
    const response = await readList(answer);
    expect(response.errors).toBeUndefined();
    expect(response.data?.conduitClientAccounts).toEqual({ nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('refuses a body without data rather than answer "no accounts"', async () => {
    const response = await readList({ json: { totalBalances: { available: [] } } });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'CONDUIT' });
    expect(wireLogs(stack!)).toEqual([expect.objectContaining({ msg: 'upstream body refused', route: LIST_ROUTE, fields: ['data'] })]);
  });

  it('leaves out an item without a readable accountId with an error at the list, and an unreadable balance with one at its balances', async () => {
    const body = testdata('list-client-accounts.several.json');
    body.data[1].accountId = 'acct_tooShort';
    body.data[2].balances.available[0].amount = '48,000.00';
    const response = await readList({ json: body });
    expect(response.data?.conduitClientAccounts.nodes.map((node: Body) => [node.id, amounts(node.balances)])).toEqual([
      ['conduit:acct_2kL3mN4oP5qR6sT7uV8wX9yZ0aB', [['USDT', 'tron', '0']]],
      [
        'conduit:acct_2vW9yZ2aC5eG8iK1lN4oQ7rT0uX',
        [
          ['USD', null, '2500'],
          ['USDC', 'base', '125.5'],
        ],
      ],
    ]);
    expect(response.errors?.map((error) => [error.path, error.extensions?.leftOut])).toEqual([
      [['conduitClientAccounts'], 1],
      [['conduitClientAccounts', 'nodes', 0, 'balances'], 1],
      [['conduitClientAccounts', 'nodes', 0, 'availableBalances'], 1],
    ]);
    expect(wireLogs(stack!).map((line) => line.fields)).toEqual([['data[].accountId'], ['data[].balances.available[].amount']]);
  });

  it('pages a long list to the end: the last page says so, and no page after it is an error', async () => {
    const body = testdata('list-client-accounts.several.json');
    const seen: string[] = [];
    let after: string | null = null;
    stack = await startReplayStack('CONDUIT', [{ path: `/clients/${CLIENT}/accounts`, json: body }]);
    for (let pages = 0; pages < 5; pages += 1) {
      const response: GraphQLResponse<Record<string, any>> = await stack.query(LIST, { clientId: CLIENT, first: 1, after });
      expect(response.errors).toBeUndefined();
      const connection = response.data?.conduitClientAccounts;
      seen.push(...connection.nodes.map((node: Body) => node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(3);
    expect(stack.replay.requests).toHaveLength(3);
  });
});

describe('the body as Conduit sends it on the wire', () => {
  it('refuses two different amounts under one key rather than pick one', async () => {
    const text = JSON.stringify(testdata('get-account.seed.json')).replace('"amount":"90.000000"', '"amount":"1","amount":"90.000000"');
    const response = await readAccount(text, 'acct_2fvietuCNSu8unMNLsEGBrDTVFn');
    expect(response.data?.account).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', provider: 'CONDUIT' });
  });

  it('gives RATE_LIMITED with retryAfter from a 429 with Retry-After', async () => {
    const response = await readAccount(
      JSON.stringify({ errors: [{ detail: 'Too many requests', code: 'rate_limited' }] }),
      'acct_2fvietuCNSu8unMNLsEGBrDTVFn',
      {
        status: 429,
        headers: { 'retry-after': '30' },
      },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', provider: 'CONDUIT', retryAfter: 30 });
  });
});
