// Horizon's account bodies as every server version in use sends them, read under the tolerant-reading rule
// (src/upstream/wire.ts): required are only the account id and, per balance line, its asset and its amount; every
// other field is optional and degrades to null when missing, null or unreadable. Balance lines and signers are read
// one entry at a time, so one entry Horizon sends oddly costs only itself.
//
// Source of the shapes: stellar/go `protocols/horizon/main.go` (Account, Balance, Signer, AccountFlags) and
// `services/horizon/internal/resourceadapter/{account.go,account_entry.go,balance.go}` at the tags horizon-v0.15.0
// (protocol 10) through horizon-v2.32.0, then stellar/stellar-horizon (v22+) `internal/resourceadapter/`.
import { z } from 'zod';
import { isAccountId } from './strkey.js';

/** A Stellar address the gateway only passes on (issuer, sponsor, …): not re-validated, so one odd key costs only itself. */
const address = z.string().min(1);
/** int64 stroops at most: 922337203685.4775807. */
const MAX_STROOPS = 9_223_372_036_854_775_807n;
/**
 * An amount exactly as Horizon writes one (`amount.String(stroops)`): a non-negative decimal with exactly 7 fractional
 * digits, within int64 stroops. Anything else (a JSON number, an exponent, a sign, fewer or more digits) is not read.
 */
const AMOUNT = /^(?:0|[1-9]\d{0,11})\.\d{7}$/;
export const horizonAmount = z
  .string()
  .refine((text) => AMOUNT.test(text) && BigInt(text.replace('.', '')) <= MAX_STROOPS, 'not an amount with 7 decimal places within int64 stroops');
const uint32 = z.number().int().min(0).max(0xffff_ffff);
const weight = z.number().int().min(0).max(255);
/** Asset codes: 1 to 12 letters or digits (alphanum4: 1-4, alphanum12: 5-12). */
export const ASSET_CODE = /^[A-Za-z0-9]{1,12}$/;

/** Horizon's asset types the gateway knows; any other value is kept as sent (see `horizonBalanceEntry`). */
export const KNOWN_ASSET_TYPES = ['native', 'credit_alphanum4', 'credit_alphanum12', 'liquidity_pool_shares'] as const;

/**
 * One entry of `balances`. Required: `asset_type`, `balance`, and what names the asset for that type: the code and
 * issuer of an issued asset (also of an asset type the gateway does not know: money it cannot name is not read), the
 * pool id of pool shares. Everything else is optional: protocol 10 servers send no `last_modified_ledger` or
 * `is_authorized`, protocol 13 adds `is_authorized_to_maintain_liabilities`, 14 `sponsor`, 17 `is_clawback_enabled`
 * (only when true), 18 pool shares (no liabilities, no sponsor).
 */
export const horizonBalanceEntry = z
  .object({
    asset_type: z.string().min(1),
    balance: horizonAmount,
    asset_code: z.string().regex(ASSET_CODE, 'not an asset code').nullish(),
    asset_issuer: address.nullish(),
    liquidity_pool_id: z
      .string()
      .regex(/^[0-9a-f]{64}$/i, 'not a liquidity pool id')
      .nullish(),
    limit: horizonAmount.nullish(),
    buying_liabilities: horizonAmount.nullish(),
    selling_liabilities: horizonAmount.nullish(),
    sponsor: address.nullish(),
    last_modified_ledger: uint32.nullish(),
    is_authorized: z.boolean().nullish(),
    is_authorized_to_maintain_liabilities: z.boolean().nullish(),
    is_clawback_enabled: z.boolean().nullish(),
  })
  .superRefine((line, ctx) => {
    const need = (field: 'asset_code' | 'asset_issuer' | 'liquidity_pool_id') => {
      if (!line[field]) ctx.addIssue({ code: 'custom', path: [field], message: `required for asset_type ${line.asset_type}` });
    };
    if (line.asset_type === 'native') return;
    if (line.asset_type === 'liquidity_pool_shares') return need('liquidity_pool_id');
    need('asset_code');
    need('asset_issuer');
  });
export type HorizonBalanceEntry = z.infer<typeof horizonBalanceEntry>;

/** One entry of `signers`: the key is required (a signer without one says nothing); its type is kept as sent. */
export const horizonSignerEntry = z.object({
  key: z.string().min(1),
  weight: weight.nullish(),
  type: z.string().nullish(),
  sponsor: address.nullish(),
});
export type HorizonSignerEntry = z.infer<typeof horizonSignerEntry>;

/**
 * `GET /accounts/{account_id}` and each record of `GET /accounts`. Required: `id` (a valid `G…` account id) and the
 * `balances` array (its entries are read one by one with `horizonBalanceEntry`). Protocol 10 servers (Horizon 0.15)
 * send no `last_modified_ledger`; `last_modified_time` came with Horizon 1.3, sponsorship counts with 1.9 (protocol
 * 14), `auth_clawback_enabled` with 2.1 (17), `sequence_ledger`/`sequence_time` with 2.18 (19), and `paging_token` is
 * "" (0.15, 0.24-1.2 single reads), absent (0.18-0.23) or the account id (lists, 1.3+).
 */
export const horizonAccount = z.object({
  id: z.string().refine(isAccountId, 'not a Stellar account id'),
  account_id: address.nullish(),
  /** int64 as a string; never a JSON number (a double cannot hold it). */
  sequence: z
    .string()
    .regex(/^-?\d{1,19}$/, 'not an int64 string')
    .nullish(),
  sequence_ledger: uint32.nullish(),
  /** Unix seconds, as a string. */
  sequence_time: z
    .string()
    .regex(/^\d{1,20}$/, 'not unix seconds')
    .nullish(),
  subentry_count: z.number().int().min(0).nullish(),
  inflation_destination: address.nullish(),
  home_domain: z.string().nullish(),
  last_modified_ledger: uint32.nullish(),
  /** RFC 3339; null when Horizon has not ingested the ledger's close time. */
  last_modified_time: z.iso.datetime({ offset: true }).nullish(),
  thresholds: z.object({ low_threshold: weight.nullish(), med_threshold: weight.nullish(), high_threshold: weight.nullish() }).nullish(),
  flags: z
    .object({
      auth_required: z.boolean().nullish(),
      auth_revocable: z.boolean().nullish(),
      auth_immutable: z.boolean().nullish(),
      auth_clawback_enabled: z.boolean().nullish(),
    })
    .nullish(),
  balances: z.array(z.unknown()),
  signers: z.array(z.unknown()).nullish(),
  /** Entry name → base64 value. */
  data: z.record(z.string(), z.string()).nullish(),
  num_sponsoring: z.number().int().min(0).nullish(),
  num_sponsored: z.number().int().min(0).nullish(),
  sponsor: address.nullish(),
  paging_token: z.string().nullish(),
});
export type HorizonAccount = z.infer<typeof horizonAccount>;

/**
 * A page of `GET /accounts?…` (HAL): `_embedded.records`, each an account (read one by one). Horizon always sends an
 * array (`hal.Page.Init`, since 2018); `records: null` is read as an empty page too. A body without `_embedded.records`
 * is not a page: refused, since reading it as empty would claim that no account matches.
 */
export const horizonAccountPage = z.object({
  _embedded: z.object({ records: z.array(z.unknown()).nullable() }),
});

/** Horizon's query parameter for each list filter (exactly one per request). */
export const HORIZON_FILTER_PARAMS = { signer: 'signer', sponsor: 'sponsor', asset: 'asset', liquidityPool: 'liquidity_pool' } as const;
export type StellarListFilter = keyof typeof HORIZON_FILTER_PARAMS;

// What a current server writes (stellar-horizon v22+), for the simulator and fixtures: the documented shape, not
// what the gateway requires.

/** The native XLM line: no limit, no ledger, no authorisation flags. */
export interface HorizonNativeLineInput {
  asset_type: 'native';
  balance: string;
  buying_liabilities: string;
  selling_liabilities: string;
}

/** A trustline to an issued asset; `is_clawback_enabled` only when true. */
export interface HorizonTrustlineInput {
  asset_type: 'credit_alphanum4' | 'credit_alphanum12';
  asset_code: string;
  asset_issuer: string;
  balance: string;
  limit: string;
  buying_liabilities: string;
  selling_liabilities: string;
  sponsor?: string;
  last_modified_ledger?: number;
  is_authorized: boolean;
  is_authorized_to_maintain_liabilities?: boolean;
  is_clawback_enabled?: boolean;
}

/** Shares of a liquidity pool: no liabilities, no sponsor, no asset code. */
export interface HorizonPoolShareInput {
  asset_type: 'liquidity_pool_shares';
  liquidity_pool_id: string;
  balance: string;
  limit: string;
  last_modified_ledger?: number;
  is_authorized?: boolean;
  is_authorized_to_maintain_liabilities?: boolean;
  is_clawback_enabled?: boolean;
}

export type HorizonBalanceLineInput = HorizonNativeLineInput | HorizonTrustlineInput | HorizonPoolShareInput;

export interface HorizonSignerInput {
  key: string;
  type: 'ed25519_public_key' | 'sha256_hash' | 'preauth_tx' | 'ed25519_signed_payload';
  weight: number;
  sponsor?: string;
}

/** An account body as a current Horizon writes it (without `_links`). */
export interface HorizonAccountInput {
  id: string;
  account_id: string;
  sequence: string;
  sequence_ledger?: number;
  sequence_time?: string;
  subentry_count: number;
  inflation_destination?: string;
  home_domain?: string;
  last_modified_ledger: number;
  last_modified_time?: string | null;
  thresholds: { low_threshold: number; med_threshold: number; high_threshold: number };
  flags: { auth_required: boolean; auth_revocable: boolean; auth_immutable: boolean; auth_clawback_enabled?: boolean };
  balances: HorizonBalanceLineInput[];
  signers: HorizonSignerInput[];
  data?: Record<string, string>;
  num_sponsoring?: number;
  num_sponsored?: number;
  sponsor?: string;
  paging_token?: string;
}
