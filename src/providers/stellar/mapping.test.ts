// Horizon bodies (real examples and the seeded fixtures) → StellarAccount, field by field, with exact amounts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StellarTrustline } from '../../generated/resolvers-types.js';
import { GatewayError } from '../../errors.js';
import type { WireIssue } from '../../upstream/wire.js';
import {
  LIQUIDITY_PROVIDER_ACCOUNT_ID,
  POOL_ID,
  stellarFixtures,
  TRADER_ACCOUNT_ID,
  ISSUER_ACCOUNT_ID,
} from '../../../simulators/stellar/fixtures.js';
import { unixSecondsToIso } from './mapping.js';
import type { StellarAccountModel } from './model.js';
import { readStellarAccount } from './read.js';
import type { Mapped } from '../types.js';
import type { HorizonAccountInput } from './wire.js';

const testdata = (name: string): unknown => JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));

/** A reader that records what the tolerant-reading rule reports. */
function reader() {
  const issues: WireIssue[] = [];
  const client = {
    provider: 'STELLAR' as const,
    label: 'Stellar',
    error: (code: never, message: string) => new GatewayError(code, message, { provider: 'STELLAR' }),
    reportWire: (issue: WireIssue) => void issues.push(issue),
  };
  return { client, issues };
}
const ROUTE = 'GET /accounts/{account_id}';
const mapBody = (body: unknown): Mapped<StellarAccountModel> => readStellarAccount(reader().client as never, body, ROUTE);
/** The account and what the read reported. */
function readBody(body: unknown): { account: Mapped<StellarAccountModel>; issues: WireIssue[] } {
  const { client, issues } = reader();
  return { account: readStellarAccount(client as never, body, ROUTE), issues };
}
const NOTHING_LEFT_OUT = { balances: 0, trustlines: 0, liquidityPoolShares: 0, signers: 0 };
const fixture = (id: string): HorizonAccountInput => {
  const found = stellarFixtures.find((account) => account.id === id);
  if (!found) throw new Error(`no fixture ${id}`);
  return structuredClone(found);
};

type Body = Record<string, unknown> & { balances: Array<Record<string, unknown>>; signers: Array<Record<string, unknown>> };
const seedBody = (): Body => testdata('retrieve-an-account.json') as Body;

const SEED = 'GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA';
const EURT_ISSUER = 'GAP5LETOV6YIE62YAM56STDANPRDO7ZFDBGSNHJQIYGGKSMOZAHOOS2S';
const USD_ISSUER = 'GDUKMGUGDZQK6YHYA5Z6AY2G4XDSZPSZ3SW5UN3ARVMO6QSRDWP5YLEX';
const TESTNET = 'GDI73WJ4SX7LOG3XZDJC3KCK6ED6E5NBYK2JUBQSPBCNNWEG3ZN7T75U';
const MAX_LIMIT = '922337203685.4775807';
const NO_LIABILITIES = { buying: '0', selling: '0' };

const trustline = (code: string, issuer: string, balance: string, extra: Partial<StellarTrustline>): StellarTrustline => ({
  asset: { code, issuer, network: null },
  assetType: 'CREDIT_ALPHANUM4',
  assetTypeRaw: 'credit_alphanum4',
  balance,
  limit: MAX_LIMIT,
  liabilities: NO_LIABILITIES,
  authorized: true,
  authorizedToMaintainLiabilities: true,
  clawbackEnabled: false,
  sponsor: null,
  lastModifiedLedger: null,
  ...extra,
});

/** The seed's "Retrieve an Account" body (an older server: no times, `is_clawback_enabled: false` sent, paging token ""). */
const retrieveAnAccount: Mapped<StellarAccountModel> = {
  id: `stellar:${SEED}`,
  provider: 'STELLAR',
  nativeId: SEED,
  displayName: null,
  createdAt: null,
  balances: [
    { asset: { code: 'EURT', issuer: EURT_ISSUER, network: null }, amount: '3', onHold: null },
    { asset: { code: 'USD', issuer: USD_ISSUER, network: null }, amount: '4', onHold: null },
    { asset: { code: 'XLM', issuer: null, network: null }, amount: '72.8563792', onHold: null },
  ],
  sequence: '120192344791187470',
  sequenceLedger: null,
  sequenceTime: null,
  subentryCount: 5,
  homeDomain: null,
  inflationDestination: null,
  lastModifiedLedger: 28105812,
  lastModifiedAt: null,
  thresholds: { low: 0, medium: 0, high: 0 },
  flags: { authRequired: false, authRevocable: false, authImmutable: false, authClawbackEnabled: false },
  trustlines: [
    trustline('EURT', EURT_ISSUER, '3', { lastModifiedLedger: 27984507 }),
    trustline('USD', USD_ISSUER, '4', { lastModifiedLedger: 27985131, clawbackEnabled: true }),
  ],
  liquidityPoolShares: [],
  nativeLiabilities: NO_LIABILITIES,
  signers: [{ key: SEED, type: 'ED25519_PUBLIC_KEY', typeRaw: 'ed25519_public_key', weight: 1, sponsor: null }],
  data: [],
  sponsoringCount: 0,
  sponsoredCount: 0,
  sponsor: null,
  leftOut: NOTHING_LEFT_OUT,
};

/** A record of the docs' "List All Accounts" example (a current server: last_modified_time, paging token = id). */
const listAllAccountsRecord: Mapped<StellarAccountModel> = {
  id: `stellar:${TESTNET}`,
  provider: 'STELLAR',
  nativeId: TESTNET,
  displayName: null,
  createdAt: null,
  balances: [
    { asset: { code: 'EURT', issuer: EURT_ISSUER, network: null }, amount: '0', onHold: null },
    { asset: { code: 'NGN', issuer: 'GCC4YLCR7DDWFCIPTROQM7EB2QMFD35XRWEQVIQYJQHVW6VE5MJZXIGW', network: null }, amount: '0', onHold: null },
    { asset: { code: 'PHP', issuer: 'GBUQWP3BOUZX34TOND2QV7QQ7K7VJTG6VSE7WMLBTMDJLLAW7YKGU6EP', network: null }, amount: '0', onHold: null },
    { asset: { code: 'XLM', issuer: null, network: null }, amount: '80.8944518', onHold: null },
  ],
  sequence: '24739097524306474',
  sequenceLedger: null,
  sequenceTime: null,
  subentryCount: 3,
  homeDomain: 'tempo.eu.com',
  inflationDestination: TESTNET,
  lastModifiedLedger: 40074676,
  lastModifiedAt: '2022-03-17T23:13:54Z',
  thresholds: { low: 5, medium: 0, high: 0 },
  flags: { authRequired: false, authRevocable: true, authImmutable: false, authClawbackEnabled: false },
  trustlines: [
    trustline('EURT', EURT_ISSUER, '0', { lastModifiedLedger: 40074670 }),
    trustline('NGN', 'GCC4YLCR7DDWFCIPTROQM7EB2QMFD35XRWEQVIQYJQHVW6VE5MJZXIGW', '0', { lastModifiedLedger: 20213845 }),
    trustline('PHP', 'GBUQWP3BOUZX34TOND2QV7QQ7K7VJTG6VSE7WMLBTMDJLLAW7YKGU6EP', '0', {
      lastModifiedLedger: 7877447,
      authorized: false,
      authorizedToMaintainLiabilities: false,
    }),
  ],
  liquidityPoolShares: [],
  nativeLiabilities: NO_LIABILITIES,
  signers: [{ key: TESTNET, type: 'ED25519_PUBLIC_KEY', typeRaw: 'ed25519_public_key', weight: 10, sponsor: null }],
  data: [],
  sponsoringCount: 0,
  sponsoredCount: 0,
  sponsor: null,
  leftOut: NOTHING_LEFT_OUT,
};

describe('toStellarAccount over real Horizon examples', () => {
  it.each([
    ['the seed "Retrieve an Account" body', 'retrieve-an-account.json', retrieveAnAccount],
    ['a "List All Accounts" record', 'list-all-accounts-record.json', listAllAccountsRecord],
  ])('maps %s field by field', (_name, file, expected) => {
    expect(mapBody(testdata(file))).toStrictEqual(expected);
  });

  it('keeps the 64-bit sequence number exact, as a string', () => {
    expect(mapBody(testdata('retrieve-an-account.json')).sequence).toBe('120192344791187470');
  });

  it.each([
    ['3.0000000', '3'],
    ['0.0000001', '0.0000001'],
    ['0.0000000', '0'],
    ['92233720368.5477580', '92233720368.547758'],
    ['922337203685.4775807', '922337203685.4775807'],
  ])('keeps the balance %s exact, as %s', (wire, expected) => {
    const body = seedBody();
    body.balances[0]!.balance = wire;
    body.balances[2]!.balance = wire;
    const mapped = mapBody(body);
    expect(mapped.balances[0]?.amount).toBe(expected);
    expect(mapped.trustlines[0]?.balance).toBe(expected);
    expect(mapped.balances[2]?.amount).toBe(expected);
  });
});

describe('toStellarAccount over the seeded fixtures', () => {
  it.each(stellarFixtures.map((account) => [account.id, account] as const))('reads %s and lists XLM last, once, without an issuer', (_id, body) => {
    const mapped = mapBody(body);
    const xlm = mapped.balances.filter((balance) => balance.asset.code === 'XLM');
    expect(xlm).toHaveLength(1);
    expect(mapped.balances.at(-1)?.asset).toStrictEqual({ code: 'XLM', issuer: null, network: null });
    expect(mapped.balances).toHaveLength(mapped.trustlines.length + 1);
  });

  it('leaves liquidity-pool shares out of balances and lists them on their own', () => {
    const mapped = mapBody(fixture(LIQUIDITY_PROVIDER_ACCOUNT_ID));
    expect(mapped.balances.map((balance) => balance.asset.code)).toStrictEqual(['USDC', 'XLM']);
    expect(mapped.liquidityPoolShares).toStrictEqual([{ poolId: POOL_ID, shares: '250.1234567', limit: MAX_LIMIT }]);
  });

  it('maps a 12-character asset code, its trustline sponsor and clawback', () => {
    const gold = mapBody(fixture(TRADER_ACCOUNT_ID)).trustlines.find((line) => line.asset.code === 'GOLDBAR');
    expect(gold).toMatchObject({
      asset: { code: 'GOLDBAR', issuer: ISSUER_ACCOUNT_ID },
      clawbackEnabled: true,
      liabilities: { buying: '0', selling: '0.0000001' },
    });
    expect(gold?.sponsor).toMatch(/^G[A-Z2-7]{55}$/);
  });

  it.each([
    ['ed25519_public_key', 'ED25519_PUBLIC_KEY', /^G/],
    ['sha256_hash', 'SHA256_HASH', /^X/],
    ['preauth_tx', 'PREAUTH_TX', /^T/],
    ['ed25519_signed_payload', 'ED25519_SIGNED_PAYLOAD', /^P/],
  ])('maps the signer type %s to %s', (wireType, type, keyPattern) => {
    const wire = fixture(TRADER_ACCOUNT_ID).signers.find((signer) => signer.type === wireType);
    const mapped = mapBody(fixture(TRADER_ACCOUNT_ID)).signers?.find((signer) => signer.key === wire?.key);
    expect(mapped?.type).toBe(type);
    expect(mapped?.typeRaw).toBe(wireType);
    expect(mapped?.key).toMatch(keyPattern);
  });

  it('maps native liabilities, sequence ledger and time, counts and data entries', () => {
    const mapped = mapBody(fixture(TRADER_ACCOUNT_ID));
    expect(mapped.nativeLiabilities).toStrictEqual({ buying: '12.5', selling: '3' });
    expect(mapped.sequenceLedger).toBe(52113020);
    expect(mapped.sequenceTime).toBe('2024-06-10T07:10:53Z');
    expect(mapped.sponsoredCount).toBe(2);
    expect(mapped.data).toStrictEqual([{ key: 'config.memo_required', value: 'MQ==' }]);
  });

  it("maps an issuer's home domain, inflation destination, flags and thresholds", () => {
    const mapped = mapBody(fixture(ISSUER_ACCOUNT_ID));
    expect(mapped).toMatchObject({
      homeDomain: 'goldbar.example.com',
      inflationDestination: ISSUER_ACCOUNT_ID,
      flags: { authRequired: true, authRevocable: true, authImmutable: false, authClawbackEnabled: true },
      thresholds: { low: 1, medium: 2, high: 2 },
      sponsoringCount: 3,
    });
  });

  it('maps the account sponsor where there is one', () => {
    expect(mapBody(fixture(LIQUIDITY_PROVIDER_ACCOUNT_ID)).sponsor).toMatch(/^G[A-Z2-7]{55}$/);
  });
});

describe('toStellarAccount where servers differ', () => {
  it.each([
    ['an empty home domain', { home_domain: '' }, 'homeDomain', null],
    ['no num_sponsoring (before protocol 14)', { num_sponsoring: undefined }, 'sponsoringCount', null],
    ['no data object', { data: undefined }, 'data', null],
    ['a null last_modified_time', { last_modified_time: null }, 'lastModifiedAt', null],
    ['no last_modified_ledger (Horizon 0.15, protocol 10)', { last_modified_ledger: undefined }, 'lastModifiedLedger', null],
    [
      'no auth_clawback_enabled (before protocol 17)',
      { flags: { auth_required: true, auth_revocable: true, auth_immutable: false } },
      'flags',
      {
        authRequired: true,
        authRevocable: true,
        authImmutable: false,
        authClawbackEnabled: false,
      },
    ],
    ['a home domain written as a URL with userinfo', { home_domain: 'https://u:p@goldbar.example.com' }, 'homeDomain', 'https://goldbar.example.com'],
  ] as const)('reads %s', (_name, patch, field, expected) => {
    expect(mapBody({ ...fixture(ISSUER_ACCOUNT_ID), ...patch })[field]).toStrictEqual(expected);
  });

  it('treats a trustline without is_authorized_to_maintain_liabilities as maintaining them when authorised', () => {
    const mapped = mapBody(testdata('retrieve-an-account.json'));
    expect(mapped.trustlines.map((line) => line.authorizedToMaintainLiabilities)).toStrictEqual([true, true]);
  });

  it('treats an omitted is_clawback_enabled as false', () => {
    const mapped = mapBody(fixture(TRADER_ACCOUNT_ID));
    expect(mapped.trustlines.find((line) => line.asset.code === 'EURT')?.clawbackEnabled).toBe(false);
  });
});

describe('the tolerant-reading rule over Horizon bodies', () => {
  it.each([
    ['an amount sent as a JSON number', (b: Body): void => void (b.balances[0]!.balance = 3)],
    ['an amount in exponent notation', (b: Body): void => void (b.balances[0]!.balance = '3e0')],
    ['a negative amount', (b: Body): void => void (b.balances[0]!.balance = '-3.0000000')],
    ['an amount with 6 decimal places', (b: Body): void => void (b.balances[0]!.balance = '3.000000')],
    ['an amount beyond int64 stroops', (b: Body): void => void (b.balances[0]!.balance = '922337203685.4775808')],
    ['a trustline without its issuer', (b: Body): void => void delete b.balances[0]!.asset_issuer],
    ['a trustline with a malformed asset code', (b: Body): void => void (b.balances[0]!.asset_code = 'EUR T')],
    [
      'an unknown asset type without code or issuer',
      (b: Body): void => void (b.balances[0] = { asset_type: 'contract_token', balance: '3.0000000' }),
    ],
  ])('leaves out a balance line with %s, keeps the account and its other balances, and counts it', (_name, spoil) => {
    const body = seedBody();
    spoil(body);
    const { account, issues } = readBody(body);
    expect(account.balances.map((balance) => [balance.asset.code, balance.amount])).toStrictEqual([
      ['USD', '4'],
      ['XLM', '72.8563792'],
    ]);
    expect(account.trustlines.map((line) => line.asset.code)).toStrictEqual(['USD']);
    expect(account.leftOut).toStrictEqual({ ...NOTHING_LEFT_OUT, balances: 1, trustlines: 1 });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ outcome: 'refused', route: ROUTE });
    expect(issues[0]?.fields.every((field) => field.startsWith('balances[]'))).toBe(true);
    expect(JSON.stringify(issues)).not.toMatch(/3e0|EUR T|-3\.0/);
  });

  it('leaves out an unreadable native line from balances but not from trustlines, and its liabilities are null', () => {
    const body = seedBody();
    body.balances[2]!.balance = '72.85';
    const { account } = readBody(body);
    expect(account.balances.map((balance) => balance.asset.code)).toStrictEqual(['EURT', 'USD']);
    expect(account.nativeLiabilities).toBeNull();
    expect(account.leftOut).toStrictEqual({ ...NOTHING_LEFT_OUT, balances: 1 });
  });

  it('leaves out both native lines when a body has two: which one holds the XLM is unknown', () => {
    const body = seedBody();
    body.balances.push({ ...body.balances[2]!, balance: '1000.0000000' });
    const { account } = readBody(body);
    expect(account.balances.map((balance) => balance.asset.code)).toStrictEqual(['EURT', 'USD']);
    expect(account.leftOut.balances).toBe(2);
  });

  it('reads an asset type it does not know, when it names its asset, as OTHER with the type kept', () => {
    const body = seedBody();
    body.balances[0]!.asset_type = 'credit_alphanum32';
    const { account, issues } = readBody(body);
    expect(account.balances[0]).toStrictEqual({ asset: { code: 'EURT', issuer: EURT_ISSUER, network: null }, amount: '3', onHold: null });
    expect(account.trustlines[0]).toMatchObject({ assetType: 'OTHER', assetTypeRaw: 'credit_alphanum32' });
    expect(issues).toStrictEqual([]);
  });

  it('leaves out an unreadable pool share line from liquidityPoolShares only', () => {
    const body = fixture(LIQUIDITY_PROVIDER_ACCOUNT_ID) as unknown as Body;
    body.balances[0]!.liquidity_pool_id = 'not-hex';
    const { account } = readBody(body);
    expect(account.liquidityPoolShares).toStrictEqual([]);
    expect(account.balances.map((balance) => balance.asset.code)).toStrictEqual(['USDC', 'XLM']);
    expect(account.leftOut).toStrictEqual({ ...NOTHING_LEFT_OUT, liquidityPoolShares: 1 });
  });

  it('maps an unknown signer type to UNKNOWN and keeps the type as sent', () => {
    const body = seedBody();
    body.signers[0]!.type = 'ed25519_quantum_key';
    const { account, issues } = readBody(body);
    expect(account.signers).toStrictEqual([{ key: SEED, type: 'UNKNOWN', typeRaw: 'ed25519_quantum_key', weight: 1, sponsor: null }]);
    expect(issues).toStrictEqual([]);
  });

  it('leaves out a signer without a key, and degrades a signer weight out of range to null', () => {
    const body = seedBody();
    body.signers.push({ weight: 1, type: 'sha256_hash' }, { key: EURT_ISSUER, weight: 300, type: 'ed25519_public_key' });
    const { account, issues } = readBody(body);
    expect(account.signers?.map((signer) => [signer.key, signer.weight])).toStrictEqual([
      [SEED, 1],
      [EURT_ISSUER, null],
    ]);
    expect(account.leftOut.signers).toBe(1);
    expect(issues).toStrictEqual([
      { outcome: 'refused', route: ROUTE, fields: ['signers[].key'] },
      { outcome: 'degraded', route: ROUTE, fields: ['signers[].weight'] },
    ]);
  });

  it.each([
    ['a sequence sent as a JSON number', (b: Body): void => void (b.sequence = 120192344791187470), 'sequence', 'sequence', null],
    ['flags sent as a list', (b: Body): void => void (b.flags = ['auth_required']), 'flags', 'flags', null],
    [
      'a threshold out of range',
      (b: Body): void => void (b.thresholds = { low_threshold: 0, med_threshold: 256, high_threshold: 0 }),
      'thresholds',
      'thresholds.med_threshold',
      { low: 0, medium: null, high: 0 },
    ],
    [
      'a data entry that is not a string',
      (b: Body): void => void (b.data = { good: 'MQ==', bad: 1 }),
      'data',
      'data.bad',
      [{ key: 'good', value: 'MQ==' }],
    ],
    ['a subentry count of the wrong type', (b: Body): void => void (b.subentry_count = '5'), 'subentryCount', 'subentry_count', null],
    ['a malformed last_modified_time', (b: Body): void => void (b.last_modified_time = 'yesterday'), 'lastModifiedAt', 'last_modified_time', null],
  ] as const)('degrades %s to null, logging the field path', (_name, spoil, field, path, expected) => {
    const body = seedBody();
    spoil(body);
    const { account, issues } = readBody(body);
    expect(account[field]).toStrictEqual(expected);
    expect(account.balances).toHaveLength(3);
    expect(issues).toStrictEqual([{ outcome: 'degraded', route: ROUTE, fields: [path] }]);
  });

  it.each([
    ['an empty account id', (b: Body): void => void (b.id = ''), ['id']],
    ['an account id with a bad checksum', (b: Body): void => void (b.id = `${SEED.slice(0, 55)}B`), ['id']],
    ['no balances array', (b: Body): void => void delete (b as Partial<Body>).balances, ['balances']],
    ['balances that are not a list', (b: Body): void => void (b.balances = { native: '1' } as never), ['balances']],
  ])('refuses a body with %s (identity and money), naming the field but not its value', (_name, spoil, fields) => {
    const body = seedBody();
    spoil(body);
    const { client, issues } = reader();
    expect(() => readStellarAccount(client as never, body, ROUTE)).toThrow(GatewayError);
    expect(issues).toStrictEqual([{ outcome: 'refused', route: ROUTE, fields }]);
  });

  it('ignores fields it does not know', () => {
    const { account, issues } = readBody({ ...seedBody(), some_future_field: { x: 1 } });
    expect(account.nativeId).toBe(SEED);
    expect(issues).toStrictEqual([]);
  });
});

describe('unixSecondsToIso', () => {
  it.each([
    ['0', '1970-01-01T00:00:00Z'],
    ['1647558834', '2022-03-17T23:13:54Z'],
    ['253402300799', '9999-12-31T23:59:59Z'],
    ['253402300800', null],
  ])('turns %s into %s', (seconds, expected) => {
    expect(unixSecondsToIso(seconds)).toBe(expected);
  });
});
