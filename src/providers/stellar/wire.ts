// Horizon's account body as old and current servers send it: liberal where they differ, strict on ids, amounts and sequence.
import { z } from 'zod';

/** A Stellar address the gateway only passes on (issuer, sponsor, …): not re-validated, so one odd key cannot hide a whole account. */
const address = z.string().min(1);
/** Horizon sends exactly 7 fractional digits today; any plain unsigned decimal string is accepted. */
const amount = z.string().regex(/^\d+(\.\d+)?$/, 'not a decimal amount string');
const uint32 = z.number().int().min(0).max(0xffff_ffff);
const weight = z.number().int().min(0).max(255);

/** The native XLM line: no limit, no ledger, no authorisation flags. */
const nativeLine = z.object({
  asset_type: z.literal('native'),
  balance: amount,
  buying_liabilities: amount,
  selling_liabilities: amount,
});

/** A trustline to an issued asset. Older servers lack `is_authorized_to_maintain_liabilities`; current ones omit `is_clawback_enabled` when false. */
const trustlineLine = z.object({
  asset_type: z.enum(['credit_alphanum4', 'credit_alphanum12']),
  asset_code: z.string().regex(/^[A-Za-z0-9]{1,12}$/, 'not an asset code'),
  asset_issuer: address,
  balance: amount,
  limit: amount,
  buying_liabilities: amount,
  selling_liabilities: amount,
  sponsor: address.optional(),
  last_modified_ledger: uint32.optional(),
  is_authorized: z.boolean(),
  is_authorized_to_maintain_liabilities: z.boolean().optional(),
  is_clawback_enabled: z.boolean().optional(),
});

/** Shares of a liquidity pool: no liabilities, no sponsor, no asset code. */
const liquidityPoolLine = z.object({
  asset_type: z.literal('liquidity_pool_shares'),
  liquidity_pool_id: z.string().regex(/^[0-9a-f]{64}$/i, 'not a liquidity pool id'),
  balance: amount,
  limit: amount,
  last_modified_ledger: uint32.optional(),
  is_authorized: z.boolean().optional(),
  is_authorized_to_maintain_liabilities: z.boolean().optional(),
  is_clawback_enabled: z.boolean().optional(),
});

export const horizonBalanceLine = z.discriminatedUnion('asset_type', [nativeLine, trustlineLine, liquidityPoolLine]);

export const horizonSigner = z.object({
  key: z.string().min(1),
  type: z.enum(['ed25519_public_key', 'sha256_hash', 'preauth_tx', 'ed25519_signed_payload']),
  weight,
  sponsor: address.optional(),
});

export const horizonAccount = z.object({
  id: address,
  account_id: address,
  sequence: z.string().regex(/^\d{1,19}$/, 'not an int64 string'),
  sequence_ledger: uint32.optional(),
  /** Unix seconds, as a string. */
  sequence_time: z.string().regex(/^\d{1,20}$/, 'not unix seconds').optional(),
  subentry_count: z.number().int().min(0),
  inflation_destination: address.optional(),
  home_domain: z.string().optional(),
  last_modified_ledger: uint32,
  /** RFC 3339; missing from older servers' bodies, null when unknown. */
  last_modified_time: z.iso.datetime({ offset: true }).nullable().optional(),
  thresholds: z.object({ low_threshold: weight, med_threshold: weight, high_threshold: weight }),
  flags: z.object({
    auth_required: z.boolean(),
    auth_revocable: z.boolean(),
    auth_immutable: z.boolean(),
    auth_clawback_enabled: z.boolean().optional(),
  }),
  balances: z.array(horizonBalanceLine).refine((lines) => lines.filter((line) => line.asset_type === 'native').length === 1, 'exactly one native balance expected'),
  signers: z.array(horizonSigner),
  /** Entry name → base64 value. */
  data: z.record(z.string(), z.string()).optional(),
  num_sponsoring: z.number().int().min(0).optional(),
  num_sponsored: z.number().int().min(0).optional(),
  sponsor: address.optional(),
  /** The account id on current servers, "" on older ones; unused by the gateway. */
  paging_token: z.string().optional(),
});

export type HorizonAccount = z.infer<typeof horizonAccount>;
export type HorizonBalanceLine = z.infer<typeof horizonBalanceLine>;
export type HorizonSigner = z.infer<typeof horizonSigner>;
/** What a body may look like before defaults apply: what fixtures and simulators write. */
export type HorizonAccountInput = z.input<typeof horizonAccount>;

const halLink = z.object({ href: z.string(), templated: z.boolean().optional() });

/** A page of `GET /accounts?…`: HAL links and the records (each a full account, with `paging_token`). */
export const horizonAccountPage = z.object({
  _links: z.object({ self: halLink.optional(), next: halLink.optional(), prev: halLink.optional() }).optional(),
  _embedded: z.object({ records: z.array(horizonAccount) }),
});
export type HorizonAccountPage = z.infer<typeof horizonAccountPage>;

/** Horizon's query parameter for each list filter (exactly one per request). */
export const HORIZON_FILTER_PARAMS = { signer: 'signer', sponsor: 'sponsor', asset: 'asset', liquidityPool: 'liquidity_pool' } as const;
export type StellarListFilter = keyof typeof HORIZON_FILTER_PARAMS;
