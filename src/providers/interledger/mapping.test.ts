// Unit tests of the Interledger wire schemas and mapping, over the seed's example payloads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toBalances, toInterledgerAccount, toInterledgerBalance } from './mapping.js';
import { REDACTED } from '../../redaction.js';
import { accountWire, balanceWire, parseExactJson } from './wire.js';

// testdata/: the seed's GET /accounts page and POST /accounts (alice) responses verbatim (seed 000_3693080c36263c81),
// the account inside the page on its own, and a balance built from the connector's AccountBalanceResponse model.
const load = (name: string): unknown => parseExactJson(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));
const account = (body: unknown, nativeId: string) => toInterledgerAccount(nativeId, accountWire.parse(body));

const PING = {
  id: 'interledger:__ping_account__',
  provider: 'INTERLEDGER',
  nativeId: '__ping_account__',
  displayName: 'A receiver-like child account for collecting all Ping protocol revenues.',
  createdAt: '2019-11-14T22:24:29.495Z',
  updatedAt: '2019-11-14T22:24:29.495Z',
  relationship: 'CHILD',
  relationshipRaw: 'CHILD',
  assetCode: 'USD',
  assetScale: 2,
  linkType: 'PING',
  ilpAddressSegment: '__ping_account__',
  connectionInitiator: true,
  internal: false,
  sendsRoutes: false,
  receivesRoutes: false,
  maximumPacketAmount: null,
  balanceSettings: { minBalance: null, settleThreshold: null, settleTo: '0' },
  maxPacketsPerSecond: 1,
  settlementEngineAccountId: null,
  customSettings: [],
};

const ALICE = {
  ...PING,
  id: 'interledger:alice',
  nativeId: 'alice',
  displayName: null,
  createdAt: '2019-11-15T21:55:42.683Z',
  updatedAt: '2019-11-15T21:55:42.683Z',
  relationship: 'PEER',
  relationshipRaw: 'PEER',
  linkType: 'ILP_OVER_HTTP',
  ilpAddressSegment: 'alice',
  maxPacketsPerSecond: null,
  customSettings: [
    { key: 'ilpOverHttp.incoming.auth_type', value: 'JWT_HS_256' },
    { key: 'ilpOverHttp.incoming.token_issuer', value: 'https://alice.example.com/' },
    { key: 'ilpOverHttp.incoming.token_audience', value: 'https://connie.example.com/' },
    { key: 'ilpOverHttp.incoming.token_subject', value: 'alice' },
    { key: 'ilpOverHttp.incoming.shared_secret', value: REDACTED },
    { key: 'ilpOverHttp.outgoing.auth_type', value: 'JWT_HS_256' },
    { key: 'ilpOverHttp.outgoing.token_issuer', value: 'https://connie.example.com/' },
    { key: 'ilpOverHttp.outgoing.token_audience', value: 'https://alice.example.com/' },
    { key: 'ilpOverHttp.outgoing.token_subject', value: 'connie' },
    { key: 'ilpOverHttp.outgoing.shared_secret', value: REDACTED },
    { key: 'ilpOverHttp.outgoing.url', value: 'https://alice.example.com/' },
  ],
};

const pageAccount = (): unknown => (load('accounts-page.json') as { _embedded: { accounts: unknown[] } })._embedded.accounts[0];

describe('toInterledgerAccount', () => {
  it.each([
    ['the seed ping account', () => load('ping-account.json'), '__ping_account__', PING],
    ['the ping account inside the seed list page', pageAccount, '__ping_account__', PING],
    ['the seed alice account', () => load('alice-account.json'), 'alice', ALICE],
  ])('maps every field of %s', (_name, body, nativeId, expected) => {
    expect(account(body(), nativeId)).toEqual(expected);
  });

  it('never exposes the HAL links, the settlement engine URL or an encrypted secret', () => {
    const body = {
      ...(load('alice-account.json') as object),
      settlementEngineDetails: { settlementEngineAccountId: 'se-42', baseUrl: 'http://engine.internal:3000/', customSettings: { token: 'x' } },
    };
    const mapped = account(body, 'alice');
    expect(mapped.settlementEngineAccountId).toBe('se-42');
    const text = JSON.stringify(mapped);
    expect(text).not.toMatch(/http:\/\/(engine|localhost)/);
    expect(text).not.toContain('enc:');
    expect(text).not.toContain('_links');
  });

  it.each([
    ['150', '2', '1.5'],
    ['-1500000000', '9', '-1.5'],
    ['0', '2', '0'],
    ['0', '9', '0'],
    ['7', '0', '7'],
    ['12345678901234567890', '9', '12345678901.23456789'],
  ])('scales %s base units at scale %s to %s major units', (units, scale, major) => {
    const body = { ...(load('ping-account.json') as object), assetScale: scale, maximumPacketAmount: units };
    expect(account(body, 'p').maximumPacketAmount).toBe(major);
  });

  it('scales every balance setting by the asset scale', () => {
    const body = {
      ...(load('ping-account.json') as object),
      assetScale: '9',
      balanceSettings: { minBalance: '-5000000000', settleThreshold: '1000000000', settleTo: '250000000' },
    };
    expect(account(body, 'p').balanceSettings).toEqual({ minBalance: '-5', settleThreshold: '1', settleTo: '0.25' });
  });

  it.each([
    ['an asset scale above 255', { assetScale: '256' }],
    ['a negative asset scale', { assetScale: '-1' }],
    ['an asset scale that is not an integer', { assetScale: '2.5' }],
    ['no asset code', { assetCode: '' }],
    ['no account id', { accountId: undefined }],
  ])('refuses a body with %s (identity and money need it)', (_name, change) => {
    expect(accountWire.safeParse({ ...(load('ping-account.json') as object), ...change }).success).toBe(false);
  });

  it.each([
    ['an amount written as a float', { maximumPacketAmount: '1.5' }],
    ['an amount in exponent form that is not whole', { maximumPacketAmount: '5e-7' }],
    ['a packet rate beyond a 32-bit Int', { rateLimitSettings: { maxPacketsPerSecond: '2147483648' } }],
    ['a date the gateway cannot carry', { createdAt: '+1000000000-12-31T23:59:59.999999999Z' }],
  ])('does not take a body with %s as it is (the tolerant read drops that field)', (_name, change) => {
    expect(accountWire.safeParse({ ...(load('ping-account.json') as object), ...change }).success).toBe(false);
  });

  it.each([
    ['SIBLING', 'OTHER', 'SIBLING'],
    ['peer', 'OTHER', 'peer'],
    [null, 'OTHER', null],
    ['PARENT', 'PARENT', 'PARENT'],
  ])('shows the relationship %j as %s, keeping %j raw', (raw, relationship, relationshipRaw) => {
    const mapped = account({ ...(load('ping-account.json') as object), accountRelationship: raw }, 'p');
    expect(mapped).toMatchObject({ relationship, relationshipRaw });
  });

  it('reads integer amounts in every notation a JSON number may arrive in, exactly', () => {
    const body = {
      ...(load('ping-account.json') as object),
      assetScale: '2.0',
      maximumPacketAmount: '1E+3',
      balanceSettings: { minBalance: '-0.0', settleThreshold: '12345678901234567890123456789012', settleTo: '15.0e1' },
    };
    const mapped = account(body, 'p');
    expect(mapped.maximumPacketAmount).toBe('10');
    expect(mapped.balanceSettings).toEqual({ minBalance: '0', settleThreshold: '123456789012345678901234567890.12', settleTo: '1.5' });
  });

  it('tells a limit left out (unlimited) from one sent but unreadable', () => {
    const base = load('ping-account.json') as Record<string, unknown>;
    const unreadable = { ...base, maximumPacketAmount: '1.5', balanceSettings: { minBalance: 'lots', settleThreshold: null, settleTo: '0' } };
    const wire = accountWire.safeParse({ ...unreadable, maximumPacketAmount: undefined, balanceSettings: { settleThreshold: null, settleTo: '0' } });
    const mapped = toInterledgerAccount('p', wire.data!, unreadable);
    expect(mapped).toMatchObject({ maximumPacketAmount: null, unreadable: ['maximumPacketAmount'] });
    expect(mapped.balanceSettings).toEqual({ minBalance: null, settleThreshold: null, settleTo: '0', unreadable: ['minBalance'] });
    const left = { ...base, maximumPacketAmount: undefined, balanceSettings: undefined };
    const plain = toInterledgerAccount('p', accountWire.parse(left), left);
    expect(plain.unreadable).toBeUndefined();
    expect(plain.balanceSettings).toEqual({ minBalance: null, settleThreshold: null, settleTo: '0' });
  });
});

describe('balances', () => {
  it('maps the balance example to clearing, prepaid and net in major units', () => {
    expect(toInterledgerBalance(balanceWire.parse(load('alice-balance.json')))).toEqual({
      asset: { code: 'USD' },
      clearing: '1',
      prepaid: '0.5',
      net: '1.5',
    });
  });

  it('gives one Balance, the net amount, with nothing on hold', () => {
    const balance = toInterledgerBalance({
      assetCode: 'XRP',
      assetScale: 9,
      accountBalance: { accountId: 'bob', clearingBalance: '-1500000000', prepaidAmount: '0', netBalance: '-1500000000' },
    });
    expect(toBalances(balance)).toEqual([{ asset: { code: 'XRP' }, amount: '-1.5', onHold: null }]);
  });

  it('keeps every digit of amounts sent as real JSON numbers', () => {
    const text =
      '{"assetCode":"XRP","assetScale":9,"accountBalance":{"accountId":"x","clearingBalance":12345678901234567890,"prepaidAmount":-1,"netBalance":12345678901234567889}}';
    expect(toInterledgerBalance(balanceWire.parse(parseExactJson(text)))).toEqual({
      asset: { code: 'XRP' },
      clearing: '12345678901.23456789',
      prepaid: '-0.000000001',
      net: '12345678901.234567889',
    });
  });

  it('keeps every digit of an account amount sent as a real JSON number', () => {
    const text = JSON.stringify({ ...(load('ping-account.json') as object), maximumPacketAmount: 'N', assetScale: 'S' })
      .replace('"N"', '12345678901234567890')
      .replace('"S"', '0');
    expect(account(parseExactJson(text), 'p').maximumPacketAmount).toBe('12345678901234567890');
  });
});
