// Seeded Horizon account bodies (without `_links`, which the simulator builds) for the simulator, demo mode and tests.
import { createHash } from 'node:crypto';
import type { HorizonAccount } from './horizon.js';
import { encodeAccountId, encodeStrKey, VERSION } from './strkey.js';

/** 32 deterministic bytes for a label, so every generated key is the same on every run. */
const bytesFor = (label: string): Uint8Array => new Uint8Array(createHash('sha256').update(`stellar-fixture:${label}`).digest());
const accountIdFor = (label: string): string => encodeAccountId(bytesFor(label));
const hexFor = (label: string): string => Buffer.from(bytesFor(label)).toString('hex');
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** The seed document's account (pubnet), kept verbatim. */
export const SEED_ACCOUNT_ID = 'GAYOLLLUIZE4DZMBB2ZBKGBUBZLIOYU6XFLW37GBP2VZD3ABNXCW4BVA';
const EURT_ISSUER = 'GAP5LETOV6YIE62YAM56STDANPRDO7ZFDBGSNHJQIYGGKSMOZAHOOS2S';
const USD_ISSUER = 'GDUKMGUGDZQK6YHYA5Z6AY2G4XDSZPSZ3SW5UN3ARVMO6QSRDWP5YLEX';

export const TRADER_ACCOUNT_ID = accountIdFor('trader');
export const LIQUIDITY_PROVIDER_ACCOUNT_ID = accountIdFor('liquidity-provider');
export const ISSUER_ACCOUNT_ID = accountIdFor('issuer');
export const NEW_ACCOUNT_ID = accountIdFor('new-account');
/** A valid id the simulator has no account for (answers 404). */
export const UNKNOWN_ACCOUNT_ID = accountIdFor('nobody');

export const SPONSOR_ID = accountIdFor('sponsor');
/** A co-signer of the trader, the issuer and every member account: the long list of the signer filter. */
export const COSIGNER_ID = accountIdFor('cosigner');
export const USDC_ISSUER = accountIdFor('usdc-issuer');
export const POOL_ID = hexFor('pool:USDC/XLM');
const MAX_LIMIT = '922337203685.4775807';
const ZERO = '0.0000000';

/** The seed's body, with the fields a current server adds or omits (times, maintain-liabilities, no `is_clawback_enabled: false`, paging token). */
const seedAccount: HorizonAccount = {
  id: SEED_ACCOUNT_ID,
  account_id: SEED_ACCOUNT_ID,
  sequence: '120192344791187470',
  subentry_count: 5,
  last_modified_ledger: 28105812,
  last_modified_time: '2020-01-31T22:47:07Z',
  num_sponsoring: 0,
  num_sponsored: 0,
  thresholds: { low_threshold: 0, med_threshold: 0, high_threshold: 0 },
  flags: { auth_required: false, auth_revocable: false, auth_immutable: false, auth_clawback_enabled: false },
  balances: [
    {
      balance: '3.0000000',
      limit: MAX_LIMIT,
      buying_liabilities: ZERO,
      selling_liabilities: ZERO,
      last_modified_ledger: 27984507,
      is_authorized: true,
      is_authorized_to_maintain_liabilities: true,
      asset_type: 'credit_alphanum4',
      asset_code: 'EURT',
      asset_issuer: EURT_ISSUER,
    },
    {
      balance: '4.0000000',
      limit: MAX_LIMIT,
      buying_liabilities: ZERO,
      selling_liabilities: ZERO,
      last_modified_ledger: 27985131,
      is_authorized: true,
      is_authorized_to_maintain_liabilities: true,
      is_clawback_enabled: true,
      asset_type: 'credit_alphanum4',
      asset_code: 'USD',
      asset_issuer: USD_ISSUER,
    },
    { balance: '72.8563792', buying_liabilities: ZERO, selling_liabilities: ZERO, asset_type: 'native' },
  ],
  signers: [{ weight: 1, key: SEED_ACCOUNT_ID, type: 'ed25519_public_key' }],
  data: {},
  paging_token: SEED_ACCOUNT_ID,
};

/** An active trader: several trustlines (one a 12-character code with clawback), open offers, multisig of every signer kind. */
const traderAccount: HorizonAccount = {
  id: TRADER_ACCOUNT_ID,
  account_id: TRADER_ACCOUNT_ID,
  sequence: '223823716595793923',
  sequence_ledger: 52113020,
  sequence_time: '1718003453',
  subentry_count: 9,
  last_modified_ledger: 52113020,
  last_modified_time: '2024-06-10T07:10:53Z',
  thresholds: { low_threshold: 1, med_threshold: 2, high_threshold: 3 },
  flags: { auth_required: false, auth_revocable: false, auth_immutable: false, auth_clawback_enabled: false },
  balances: [
    {
      balance: '1250.5000000',
      limit: MAX_LIMIT,
      buying_liabilities: '100.0000000',
      selling_liabilities: '20.2500000',
      last_modified_ledger: 52113020,
      is_authorized: true,
      is_authorized_to_maintain_liabilities: true,
      asset_type: 'credit_alphanum4',
      asset_code: 'EURT',
      asset_issuer: EURT_ISSUER,
    },
    {
      balance: '92233720368.5477580',
      limit: MAX_LIMIT,
      buying_liabilities: ZERO,
      selling_liabilities: '0.0000001',
      sponsor: SPONSOR_ID,
      last_modified_ledger: 51990412,
      is_authorized: true,
      is_authorized_to_maintain_liabilities: true,
      is_clawback_enabled: true,
      asset_type: 'credit_alphanum12',
      asset_code: 'GOLDBAR',
      asset_issuer: ISSUER_ACCOUNT_ID,
    },
    {
      balance: '0.0000000',
      limit: '500.0000000',
      buying_liabilities: ZERO,
      selling_liabilities: ZERO,
      last_modified_ledger: 50871234,
      is_authorized: false,
      is_authorized_to_maintain_liabilities: true,
      asset_type: 'credit_alphanum4',
      asset_code: 'USDC',
      asset_issuer: USDC_ISSUER,
    },
    { balance: '10432.0071234', buying_liabilities: '12.5000000', selling_liabilities: '3.0000000', asset_type: 'native' },
  ],
  signers: [
    { weight: 1, key: COSIGNER_ID, type: 'ed25519_public_key', sponsor: SPONSOR_ID },
    { weight: 1, key: encodeStrKey(VERSION.sha256Hash, bytesFor('hash-x preimage')), type: 'sha256_hash' },
    { weight: 2, key: encodeStrKey(VERSION.preAuthTx, bytesFor('pre-authorised transaction')), type: 'preauth_tx' },
    {
      weight: 1,
      key: encodeStrKey(VERSION.signedPayload, new Uint8Array([...bytesFor('payload signer'), 0, 0, 0, 4, 0xde, 0xad, 0xbe, 0xef])),
      type: 'ed25519_signed_payload',
    },
    { weight: 3, key: TRADER_ACCOUNT_ID, type: 'ed25519_public_key' },
  ],
  data: { 'config.memo_required': base64('1') },
  num_sponsoring: 0,
  num_sponsored: 2,
  paging_token: TRADER_ACCOUNT_ID,
};

/** A liquidity provider in a USDC/XLM pool: pool shares are a balance line but not an asset. Its creation was sponsored. */
const liquidityProviderAccount: HorizonAccount = {
  id: LIQUIDITY_PROVIDER_ACCOUNT_ID,
  account_id: LIQUIDITY_PROVIDER_ACCOUNT_ID,
  sequence: '218490286337163265',
  sequence_ledger: 50871234,
  sequence_time: '1705329921',
  subentry_count: 3,
  last_modified_ledger: 51002211,
  last_modified_time: '2024-01-26T10:02:41Z',
  thresholds: { low_threshold: 0, med_threshold: 0, high_threshold: 0 },
  flags: { auth_required: false, auth_revocable: false, auth_immutable: false, auth_clawback_enabled: false },
  balances: [
    {
      balance: '250.1234567',
      liquidity_pool_id: POOL_ID,
      limit: MAX_LIMIT,
      last_modified_ledger: 51002211,
      is_authorized: false,
      is_authorized_to_maintain_liabilities: false,
      asset_type: 'liquidity_pool_shares',
    },
    {
      balance: '19.9900000',
      limit: MAX_LIMIT,
      buying_liabilities: ZERO,
      selling_liabilities: ZERO,
      last_modified_ledger: 51002211,
      is_authorized: true,
      is_authorized_to_maintain_liabilities: true,
      asset_type: 'credit_alphanum4',
      asset_code: 'USDC',
      asset_issuer: USDC_ISSUER,
    },
    { balance: '2.5000000', buying_liabilities: ZERO, selling_liabilities: ZERO, asset_type: 'native' },
  ],
  signers: [{ weight: 1, key: LIQUIDITY_PROVIDER_ACCOUNT_ID, type: 'ed25519_public_key' }],
  data: { lang: base64('en'), 'profile.nickname': base64('pool-bot') },
  num_sponsoring: 0,
  num_sponsored: 2,
  sponsor: SPONSOR_ID,
  paging_token: LIQUIDITY_PROVIDER_ACCOUNT_ID,
};

/** An asset issuer: home domain, issuer flags, a disabled master key, and reserves it sponsors for others. */
const issuerAccount: HorizonAccount = {
  id: ISSUER_ACCOUNT_ID,
  account_id: ISSUER_ACCOUNT_ID,
  sequence: '210462893676691468',
  subentry_count: 4,
  inflation_destination: ISSUER_ACCOUNT_ID,
  home_domain: 'goldbar.example.com',
  last_modified_ledger: 52000311,
  last_modified_time: '2024-06-03T18:21:09Z',
  thresholds: { low_threshold: 1, med_threshold: 2, high_threshold: 2 },
  flags: { auth_required: true, auth_revocable: true, auth_immutable: false, auth_clawback_enabled: true },
  balances: [{ balance: '5000.0000000', buying_liabilities: ZERO, selling_liabilities: ZERO, asset_type: 'native' }],
  signers: [
    { weight: 2, key: COSIGNER_ID, type: 'ed25519_public_key' },
    { weight: 2, key: SPONSOR_ID, type: 'ed25519_public_key' },
    { weight: 0, key: ISSUER_ACCOUNT_ID, type: 'ed25519_public_key' },
  ],
  data: { 'config.memo_required': base64('1'), 'stellar.toml.sha256': Buffer.from(bytesFor('stellar.toml')).toString('base64') },
  num_sponsoring: 3,
  num_sponsored: 0,
  paging_token: ISSUER_ACCOUNT_ID,
};

/** A freshly funded account: only XLM, one signer, no sequence bump yet. */
const newAccount: HorizonAccount = {
  id: NEW_ACCOUNT_ID,
  account_id: NEW_ACCOUNT_ID,
  sequence: '223823634991415296',
  subentry_count: 0,
  last_modified_ledger: 52113001,
  last_modified_time: '2024-06-10T07:09:12Z',
  thresholds: { low_threshold: 0, med_threshold: 0, high_threshold: 0 },
  flags: { auth_required: false, auth_revocable: false, auth_immutable: false, auth_clawback_enabled: false },
  balances: [{ balance: '1.0000000', buying_liabilities: ZERO, selling_liabilities: ZERO, asset_type: 'native' }],
  signers: [{ weight: 1, key: NEW_ACCOUNT_ID, type: 'ed25519_public_key' }],
  data: {},
  num_sponsoring: 0,
  num_sponsored: 0,
  paging_token: NEW_ACCOUNT_ID,
};

export const stellarFixtures: readonly HorizonAccount[] = [seedAccount, traderAccount, liquidityProviderAccount, issuerAccount, newAccount];

/** How many member accounts the list filters page through (beyond the seeded accounts above). */
export const MEMBER_COUNT = 45;

/**
 * Members of a GOLDBAR club, for the list endpoint only (not sample ids): each is co-signed by COSIGNER_ID and
 * trusts GOLDBAR; every third one was sponsored by SPONSOR_ID. So `signer=COSIGNER_ID` and `asset=GOLDBAR:issuer`
 * each list {MEMBER_COUNT} + a few accounts, over several pages.
 */
export const stellarMemberFixtures: readonly HorizonAccount[] = Array.from({ length: MEMBER_COUNT }, (_, index) => {
  const id = accountIdFor(`member-${index}`);
  return {
    id,
    account_id: id,
    sequence: String(223823634991415296n + BigInt(index) * 4096n),
    subentry_count: 2,
    last_modified_ledger: 52100000 + index,
    last_modified_time: '2024-06-09T12:00:00Z',
    thresholds: { low_threshold: 0, med_threshold: 1, high_threshold: 2 },
    flags: { auth_required: false, auth_revocable: false, auth_immutable: false, auth_clawback_enabled: false },
    balances: [
      {
        balance: `${index}.${String(index * 7).padStart(7, '0')}`,
        limit: MAX_LIMIT,
        buying_liabilities: ZERO,
        selling_liabilities: ZERO,
        last_modified_ledger: 52100000 + index,
        is_authorized: true,
        is_authorized_to_maintain_liabilities: true,
        is_clawback_enabled: true,
        asset_type: 'credit_alphanum12',
        asset_code: 'GOLDBAR',
        asset_issuer: ISSUER_ACCOUNT_ID,
      },
      { balance: '10.0000000', buying_liabilities: ZERO, selling_liabilities: ZERO, asset_type: 'native' },
    ],
    signers: [
      { weight: 1, key: COSIGNER_ID, type: 'ed25519_public_key' },
      { weight: 1, key: id, type: 'ed25519_public_key' },
    ],
    data: {},
    num_sponsoring: 0,
    num_sponsored: index % 3 === 0 ? 2 : 0,
    ...(index % 3 === 0 ? { sponsor: SPONSOR_ID } : {}),
    paging_token: id,
  };
});
