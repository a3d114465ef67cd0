// Unit tests of the Conduit wire schema and the pure mapping, over the API docs' example payloads.
import { describe, expect, it } from 'vitest';
import { toConduitAccount, toListedConduitAccount } from './mapping.js';
import { GetAccountResponse, ListClientAccountsResponse } from './wire.js';
import seedAccount from './testdata/get-account.seed.json' with { type: 'json' };
import docsClientAccounts from './testdata/list-client-accounts.docs.json' with { type: 'json' };

const seed = toConduitAccount(GetAccountResponse.parse(seedAccount));

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
    [0, { asset: { code: 'USD', issuer: null, network: null }, amount: '150.32', country: null }],
    [1, { asset: { code: 'USDC', issuer: null, network: 'ethereum' }, amount: '90', country: null }],
    [2, { asset: { code: 'USDT', issuer: null, network: 'ethereum' }, amount: '0', country: null }],
    [3, { asset: { code: 'USDT', issuer: null, network: 'tron' }, amount: '150.32', country: null }],
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
    const account = toConduitAccount(
      GetAccountResponse.parse(withAvailable([
        { asset: 'USDC', network: 'solana', amount: '1200.000000' },
        { asset: 'USDC', network: 'base', amount: '75.250000' },
      ])),
    );
    expect(account.balances.map((b) => [b.asset.code, b.asset.network, b.amount])).toEqual([
      ['USDC', 'solana', '1200'],
      ['USDC', 'base', '75.25'],
    ]);
  });

  it('keeps a zero amount as "0"', () => {
    const account = toConduitAccount(GetAccountResponse.parse(withAvailable([{ asset: 'USDT', network: 'tron', amount: '0' }])));
    expect(account.balances[0]?.amount).toBe('0');
  });

  it('drops trailing zeros from six-decimal amounts exactly', () => {
    const account = toConduitAccount(GetAccountResponse.parse(withAvailable([{ asset: 'USD', amount: '150.320000' }])));
    expect(account.balances[0]?.amount).toBe('150.32');
  });

  it('keeps amounts beyond float precision exact', () => {
    const account = toConduitAccount(GetAccountResponse.parse(withAvailable([{ asset: 'USD', amount: '12345678901234567890.123456' }])));
    expect(account.balances[0]?.amount).toBe('12345678901234567890.123456');
  });

  it('passes the country through on availableBalances only', () => {
    const account = toConduitAccount(GetAccountResponse.parse(withAvailable([{ asset: 'EUR', amount: '2500.500000', country: 'DE' }])));
    expect(account.availableBalances[0]).toEqual({ asset: { code: 'EUR', issuer: null, network: null }, amount: '2500.5', country: 'DE' });
    expect(account.balances[0]).toEqual({ asset: { code: 'EUR', issuer: null, network: null }, amount: '2500.5', onHold: null });
  });

  it('reads a blank network or country as null', () => {
    const account = toConduitAccount(GetAccountResponse.parse(withAvailable([{ asset: 'USD', network: '', amount: '1', country: '' }])));
    expect(account.availableBalances[0]).toEqual({ asset: { code: 'USD', issuer: null, network: null }, amount: '1', country: null });
  });

  it('maps an account with no available balances to empty lists', () => {
    const account = toConduitAccount(GetAccountResponse.parse(withAvailable([])));
    expect(account.balances).toEqual([]);
    expect(account.availableBalances).toEqual([]);
  });
});

describe('GetAccountResponse wire schema', () => {
  it.each(['1e3', '-5', '', ' 1', '1.', '.5', '1,5', 'NaN'])('refuses the amount %j', (amount) => {
    expect(GetAccountResponse.safeParse(withAvailable([{ asset: 'USD', amount }])).success).toBe(false);
  });

  it('refuses an amount sent as a JSON number', () => {
    expect(GetAccountResponse.safeParse(withAvailable([{ asset: 'USD', amount: 150.32 }])).success).toBe(false);
  });

  it('accepts an asset code beyond the documented enum', () => {
    expect(GetAccountResponse.safeParse(withAvailable([{ asset: 'PYUSD', network: 'solana', amount: '1' }])).success).toBe(true);
  });

  it.each(['usd', 'US D', ''])('refuses the asset code %j', (asset) => {
    expect(GetAccountResponse.safeParse(withAvailable([{ asset, amount: '1' }])).success).toBe(false);
  });

  it('ignores unknown extra fields at every level', () => {
    const body = { ...seedAccount, status: 'active', balances: { available: [{ asset: 'USD', amount: '1', pending: '2' }], pending: [] } };
    expect(GetAccountResponse.parse(body)).toEqual({
      id: seedAccount.id,
      balances: { available: [{ asset: 'USD', amount: '1' }] },
      createdAt: seedAccount.createdAt,
    });
  });

  it.each([
    ['a malformed id', { ...seedAccount, id: 'acct_short' }],
    ['no balances', { id: seedAccount.id, createdAt: seedAccount.createdAt }],
    ['no available list', { ...seedAccount, balances: {} }],
    ['no createdAt', { id: seedAccount.id, balances: seedAccount.balances }],
    ['a createdAt that is not a date-time', { ...seedAccount, createdAt: 'yesterday' }],
  ])('refuses a body with %s', (_label, body) => {
    expect(GetAccountResponse.safeParse(body).success).toBe(false);
  });
});

describe('ListClientAccountsResponse wire schema', () => {
  it('reads the docs example, where data[].id is the client and accountId the account', () => {
    const parsed = ListClientAccountsResponse.parse(docsClientAccounts);
    expect(parsed.data[0]?.id).toBe('client_2ofTA13AD0xBtbEvBl20aEb1hEu');
    expect(parsed.data[0]?.accountId).toBe('acct_2ofTA5mz0T91pBmD3tMTeLE7T4X');
    expect(parsed.totalBalances.available).toEqual([{ asset: 'USD', amount: '10.000000' }]);
  });
});

describe('toListedConduitAccount over the docs list example', () => {
  it('takes the account from accountId (the item id is the client’s) and marks createdAt to be read when selected', () => {
    const [item] = ListClientAccountsResponse.parse(docsClientAccounts).data;
    expect(item && toListedConduitAccount(item)).toEqual({
      id: 'conduit:acct_2ofTA5mz0T91pBmD3tMTeLE7T4X',
      provider: 'CONDUIT',
      nativeId: 'acct_2ofTA5mz0T91pBmD3tMTeLE7T4X',
      displayName: null,
      balances: [{ asset: { code: 'USD', issuer: null, network: null }, amount: '10', onHold: null }],
      availableBalances: [{ asset: { code: 'USD', issuer: null, network: null }, amount: '10', country: null }],
      createdAt: null,
      listed: true,
    });
  });
});
