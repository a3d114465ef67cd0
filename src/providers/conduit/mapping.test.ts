// Unit tests of reading Conduit bodies (the tolerant-reading rule over the 2024-12-01 shapes) and the pure mapping,
// over the API docs' example payloads and the shape families in testdata/.
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../errors.js';
import type { WireIssue } from '../../upstream/wire.js';
import { readConduitAccount, readListedConduitAccount } from './read.js';
import seedAccount from './testdata/get-account.seed.json' with { type: 'json' };
import docsClientAccounts from './testdata/list-client-accounts.docs.json' with { type: 'json' };

const ROUTE = 'GET /accounts/{id}';

function reader() {
  const issues: WireIssue[] = [];
  const client = {
    provider: 'CONDUIT' as const,
    label: 'Conduit',
    error: (code: never, message: string) => new GatewayError(code, message, { provider: 'CONDUIT' }),
    reportWire: (issue: WireIssue) => void issues.push(issue),
  };
  return { client, issues };
}

function read(body: unknown) {
  const { client, issues } = reader();
  return { account: readConduitAccount(client as never, body, ROUTE), issues };
}

const seed = read(seedAccount).account;

function withAvailable(available: unknown[]): unknown {
  return { ...seedAccount, balances: { available } };
}

describe('toConduitAccount over the seed example', () => {
  it.each([
    ['id', 'conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFn'],
    ['provider', 'CONDUIT'],
    ['nativeId', 'acct_2fvietuCNSu8unMNLsEGBrDTVFn'],
    ['displayName', null],
    ['createdAt', '2024-10-27T00:00:00.000Z'],
    ['omittedBalances', 0],
  ] as const)('maps %s to %j', (field, expected) => {
    expect(seed[field]).toEqual(expected);
  });

  it.each([
    [0, { asset: { code: 'USD', issuer: null, network: null }, amount: '150.32', onHold: null }],
    [1, { asset: { code: 'USDC', issuer: null, network: 'ethereum' }, amount: '90', onHold: null }],
    [2, { asset: { code: 'USDT', issuer: null, network: 'ethereum' }, amount: '0', onHold: null }],
    [3, { asset: { code: 'USDT', issuer: null, network: 'tron' }, amount: '150.32', onHold: null }],
  ])('maps available balance %i to a canonical balance', (index, expected) => {
    expect(seed.balances[index]).toEqual(expected);
  });

  it.each([
    [0, { asset: { code: 'USD', issuer: null, network: null }, assetCode: 'USD', network: null, amount: '150.32', country: null }],
    [1, { asset: { code: 'USDC', issuer: null, network: 'ethereum' }, assetCode: 'USDC', network: 'ETHEREUM', amount: '90', country: null }],
    [2, { asset: { code: 'USDT', issuer: null, network: 'ethereum' }, assetCode: 'USDT', network: 'ETHEREUM', amount: '0', country: null }],
    [3, { asset: { code: 'USDT', issuer: null, network: 'tron' }, assetCode: 'USDT', network: 'TRON', amount: '150.32', country: null }],
  ])('maps available balance %i to an availableBalances entry', (index, expected) => {
    expect(seed.availableBalances[index]).toEqual(expected);
  });

  it('keeps one balance per upstream entry and nothing more', () => {
    expect(seed.balances).toHaveLength(4);
    expect(seed.availableBalances).toHaveLength(4);
  });
});

describe('toConduitAccount balance rules', () => {
  it('gives the same stablecoin on two networks two separate entries', () => {
    const { account } = read(
      withAvailable([
        { asset: 'USDC', network: 'solana', amount: '1200.000000' },
        { asset: 'USDC', network: 'base', amount: '75.250000' },
      ]),
    );
    expect(account.balances.map((b) => [b.asset.code, b.asset.network, b.amount])).toEqual([
      ['USDC', 'solana', '1200'],
      ['USDC', 'base', '75.25'],
    ]);
  });

  it.each([
    ['150.320000', '150.32'],
    ['0', '0'],
    ['12345678901234567890.123456', '12345678901234567890.123456'],
    ['007', '7'],
  ])('keeps the amount %j exact as %j', (amount, expected) => {
    expect(read(withAvailable([{ asset: 'USD', amount }])).account.balances[0]?.amount).toBe(expected);
  });

  it('passes the country through on availableBalances only', () => {
    const { account } = read(withAvailable([{ asset: 'EUR', amount: '2500.500000', country: 'DE' }]));
    expect(account.availableBalances[0]).toEqual({
      asset: { code: 'EUR', issuer: null, network: null },
      assetCode: 'EUR',
      network: null,
      amount: '2500.5',
      country: 'DE',
    });
    expect(account.balances[0]).toEqual({ asset: { code: 'EUR', issuer: null, network: null }, amount: '2500.5', onHold: null });
  });

  it('reads a blank or null network or country as null', () => {
    const { account, issues } = read(
      withAvailable([
        { asset: 'USD', network: '', amount: '1', country: '' },
        { asset: 'USD', network: null, amount: '2', country: null },
      ]),
    );
    expect(account.availableBalances.map((b) => [b.asset.network, b.network, b.country])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(issues).toEqual([]);
  });

  it('maps an asset code and a network beyond the documented enums to OTHER, keeping each as sent', () => {
    const { account, issues } = read(withAvailable([{ asset: 'PYUSD', network: 'arbitrum', amount: '1.5' }]));
    expect(account.availableBalances[0]).toEqual({
      asset: { code: 'PYUSD', issuer: null, network: 'arbitrum' },
      assetCode: 'OTHER',
      network: 'OTHER',
      amount: '1.5',
      country: null,
    });
    expect(issues).toEqual([]);
  });

  it('maps an account with no available balances to empty lists', () => {
    const { account } = read(withAvailable([]));
    expect(account.balances).toEqual([]);
    expect(account.availableBalances).toEqual([]);
    expect(account.omittedBalances).toBe(0);
  });
});

describe('the tolerant-reading rule over GetAccountResponse', () => {
  it.each([
    ['an exponent', { asset: 'USD', amount: '1e3' }, 'balances.available[].amount'],
    ['a sign', { asset: 'USD', amount: '-5' }, 'balances.available[].amount'],
    ['the empty string the spec pattern allows', { asset: 'USD', amount: '' }, 'balances.available[].amount'],
    ['a blank', { asset: 'USD', amount: ' 1' }, 'balances.available[].amount'],
    ['a trailing point', { asset: 'USD', amount: '1.' }, 'balances.available[].amount'],
    ['a comma', { asset: 'USD', amount: '1,5' }, 'balances.available[].amount'],
    ['a JSON number', { asset: 'USD', amount: 150.32 }, 'balances.available[].amount'],
    ['no amount', { asset: 'USD' }, 'balances.available[].amount'],
    ['a lower-case asset code', { asset: 'usd', amount: '1' }, 'balances.available[].asset'],
    ['no asset', { amount: '1' }, 'balances.available[].asset'],
    ['an entry that is not an object', 'USD 1', 'balances.available[]'],
  ])('leaves out a balance with %s, keeps the others, counts it and logs the path', (_label, entry, field) => {
    const { account, issues } = read(withAvailable([{ asset: 'EUR', amount: '2' }, entry, { asset: 'GBP', amount: '3' }]));
    expect(account.balances.map((b) => b.asset.code)).toEqual(['EUR', 'GBP']);
    expect(account.availableBalances.map((b) => b.asset.code)).toEqual(['EUR', 'GBP']);
    expect(account.omittedBalances).toBe(1);
    expect(issues).toEqual([{ outcome: 'refused', route: ROUTE, fields: [field] }]);
  });

  it.each([
    ['a network that is not a string', { asset: 'USDC', network: 1, amount: '1' }, 'balances.available[].network', { network: null }],
    ['a country that is not a string', { asset: 'EUR', country: ['DE'], amount: '1' }, 'balances.available[].country', { country: null }],
  ])('degrades %s to null and keeps the balance', (_label, entry, field, expected) => {
    const { account, issues } = read(withAvailable([entry]));
    expect(account.availableBalances[0]).toMatchObject(expected);
    expect(account.omittedBalances).toBe(0);
    expect(issues).toEqual([{ outcome: 'degraded', route: ROUTE, fields: [field] }]);
  });

  it.each([
    ['no createdAt', { id: seedAccount.id, balances: seedAccount.balances }, []],
    ['a createdAt that is not a date-time', { ...seedAccount, createdAt: 'yesterday' }, ['createdAt']],
    ['a null createdAt', { ...seedAccount, createdAt: null }, []],
  ])('reads a body with %s, createdAt null', (_label, body, fields) => {
    const { account, issues } = read(body);
    expect(account.createdAt).toBeNull();
    expect(account.balances).toHaveLength(4);
    expect(issues).toEqual(fields.length ? [{ outcome: 'degraded', route: ROUTE, fields }] : []);
  });

  it.each([
    ['a malformed id', { ...seedAccount, id: 'acct_short' }, ['id']],
    ['no balances', { id: seedAccount.id, createdAt: seedAccount.createdAt }, ['balances']],
    ['no available list', { ...seedAccount, balances: {} }, ['balances.available']],
    ['an available list that is null', { ...seedAccount, balances: { available: null } }, ['balances.available']],
  ])('refuses a body with %s (identity and money), naming the field', (_label, body, fields) => {
    const { client, issues } = reader();
    expect(() => readConduitAccount(client as never, body, ROUTE)).toThrow(GatewayError);
    expect(issues).toEqual([{ outcome: 'refused', route: ROUTE, fields }]);
  });

  it('ignores unknown extra fields at every level (the spec says additionalProperties: false; an addition is not an outage)', () => {
    const { account, issues } = read({
      ...seedAccount,
      status: 'active',
      balances: { available: [{ asset: 'USD', amount: '1', pending: '2' }], pending: [] },
    });
    expect(account.balances).toEqual([{ asset: { code: 'USD', issuer: null, network: null }, amount: '1', onHold: null }]);
    expect(issues).toEqual([]);
  });
});

describe('the client account list items', () => {
  const LIST_ROUTE = 'GET /clients/{client_id}/accounts';

  it('takes the account from accountId (the item id is the client’s) and marks createdAt to be read when selected', () => {
    const { client } = reader();
    expect(readListedConduitAccount(client as never, docsClientAccounts.data[0], LIST_ROUTE)).toEqual({
      id: 'conduit:acct_2ofTA5mz0T91pBmD3tMTeLE7T4X',
      provider: 'CONDUIT',
      nativeId: 'acct_2ofTA5mz0T91pBmD3tMTeLE7T4X',
      displayName: null,
      balances: [{ asset: { code: 'USD', issuer: null, network: null }, amount: '10', onHold: null }],
      availableBalances: [{ asset: { code: 'USD', issuer: null, network: null }, assetCode: 'USD', network: null, amount: '10', country: null }],
      createdAt: null,
      listed: true,
      omittedBalances: 0,
    });
  });

  it('reads an item without a business name or client id; refuses one without a readable accountId, naming data[] paths', () => {
    const { client, issues } = reader();
    const item = { accountId: 'acct_2ofTA5mz0T91pBmD3tMTeLE7T4X', balances: { available: [{ asset: 'USD', amount: 'ten' }] } };
    expect(readListedConduitAccount(client as never, item, LIST_ROUTE).omittedBalances).toBe(1);
    expect(() => readListedConduitAccount(client as never, { ...item, accountId: 'client_2ofTA13AD0xBtbEvBl20aEb1hEu' }, LIST_ROUTE)).toThrow(
      GatewayError,
    );
    expect(issues).toEqual([
      { outcome: 'refused', route: LIST_ROUTE, fields: ['data[].balances.available[].amount'] },
      { outcome: 'refused', route: LIST_ROUTE, fields: ['data[].accountId'] },
    ]);
  });
});
