// The account resource as Horizon (v22+) writes it, from its Go structs (protocols/horizon `Account`, `Balance`,
// `Signer`, `AccountFlags`, `AccountThresholds`): `omitempty` fields are optional here, the rest always present.

/** The native XLM line: no limit, no ledger, no authorisation flags. */
export interface NativeLine {
  asset_type: 'native';
  balance: string;
  buying_liabilities: string;
  selling_liabilities: string;
}

/** A trustline to an issued asset; the flags are pointers in Go, so `is_clawback_enabled` appears only when set. */
export interface Trustline {
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
export interface PoolShareLine {
  asset_type: 'liquidity_pool_shares';
  liquidity_pool_id: string;
  balance: string;
  limit: string;
  last_modified_ledger?: number;
  is_authorized?: boolean;
  is_authorized_to_maintain_liabilities?: boolean;
  is_clawback_enabled?: boolean;
}

export type BalanceLine = NativeLine | Trustline | PoolShareLine;

export interface Signer {
  key: string;
  type: 'ed25519_public_key' | 'sha256_hash' | 'preauth_tx' | 'ed25519_signed_payload';
  weight: number;
  sponsor?: string;
}

/** An account without `_links` (the simulator builds them from the request's Host). */
export interface HorizonAccount {
  id: string;
  account_id: string;
  /** An int64 written as a JSON string (`json:"sequence,string"`). */
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
  balances: BalanceLine[];
  signers: Signer[];
  data?: Record<string, string>;
  num_sponsoring?: number;
  num_sponsored?: number;
  sponsor?: string;
  paging_token?: string;
}
