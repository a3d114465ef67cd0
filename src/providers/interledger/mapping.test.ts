// Unit tests of the Interledger wire schemas and mapping, over the seed's example payloads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toBalances, toInterledgerAccount, toInterledgerBalance, toMetadataEntry, isSecretKey, REDACTED } from './mapping.js';
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
    ['an amount written as a float', { maximumPacketAmount: '1.5' }],
    ['an amount in exponent form', { maximumPacketAmount: '1e3' }],
    ['an asset scale above 255', { assetScale: '256' }],
    ['a negative asset scale', { assetScale: '-1' }],
    ['an unknown relationship', { accountRelationship: 'SIBLING' }],
    ['a packet rate beyond a 32-bit Int', { rateLimitSettings: { maxPacketsPerSecond: '2147483648' } }],
  ])('refuses a body with %s', (_name, change) => {
    expect(accountWire.safeParse({ ...(load('ping-account.json') as object), ...change }).success).toBe(false);
  });
});

describe('custom settings', () => {
  it.each([
    ['ilpOverHttp.incoming.shared_secret', true],
    ['ilpOverHttp.outgoing.simple.auth_token', true],
    ['password', true],
    ['PASSWORD', true],
    ['apiKey', true],
    ['API_KEY', true],
    ['apikey', true],
    ['privateKey', true],
    ['client_secret_ref', true],
    ['ilpOverHttp.outgoing.credentials', true],
    ['ilpOverHttp.incoming.auth_type', false],
    ['ilpOverHttp.incoming.token_issuer', false],
    ['ilpOverHttp.incoming.token_subject', false],
    ['ilpOverHttp.outgoing.url', false],
    ['key_id', false],
  ])('treats the key %s as secret: %s', (key, secret) => {
    expect(isSecretKey(key)).toBe(secret);
    expect(toMetadataEntry(key, 'plain-value').value).toBe(secret ? REDACTED : 'plain-value');
  });

  it('redacts an encrypted value under any key', () => {
    expect(toMetadataEntry('ilpOverHttp.outgoing.url', 'enc:JKS:crypto.p12:secret0:1:aes_gcm:AAAA')).toEqual({ key: 'ilpOverHttp.outgoing.url', value: REDACTED });
  });

  it.each([
    [true, 'true'],
    ['300', '300'],
    [null, 'null'],
    [['a', 'b'], '["a","b"]'],
    [{ url: 'https://x.example/', auth_token: 'plain', nested: { value: 'enc:abc' } }, '{"url":"https://x.example/","auth_token":"[redacted]","nested":{"value":"[redacted]"}}'],
  ])('shows the value %j as the text %s, with secrets inside redacted', (value, text) => {
    expect(toMetadataEntry('ilpOverHttp.outgoing.extra', value).value).toBe(text);
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
