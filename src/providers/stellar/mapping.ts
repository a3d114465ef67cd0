// Horizon's account body → the schema's StellarAccount: pure, exact (amounts stay strings), no I/O.
import type { Balance, MetadataEntry, StellarLiquidityPoolShare, StellarSigner, StellarSignerType, StellarTrustline } from '../../generated/resolvers-types.js';
import { canonicalDecimal } from '../../decimal.js';
import { formatGlobalId } from '../../ids.js';
import type { StellarAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import type { HorizonAccount, HorizonBalanceLine, HorizonSigner } from './wire.js';

type NativeLine = Extract<HorizonBalanceLine, { asset_type: 'native' }>;
type TrustlineLine = Extract<HorizonBalanceLine, { asset_type: 'credit_alphanum4' | 'credit_alphanum12' }>;
type PoolLine = Extract<HorizonBalanceLine, { asset_type: 'liquidity_pool_shares' }>;

const SIGNER_TYPES: Readonly<Record<HorizonSigner['type'], StellarSignerType>> = {
  ed25519_public_key: 'ED25519_PUBLIC_KEY',
  sha256_hash: 'SHA256_HASH',
  preauth_tx: 'PREAUTH_TX',
  ed25519_signed_payload: 'ED25519_SIGNED_PAYLOAD',
};

/** 9999-12-31T23:59:59Z: the last time a plain four-digit-year ISO 8601 string can show. */
const MAX_ISO_SECONDS = 253_402_300_799n;

export function toStellarAccount(wire: HorizonAccount): Mapped<StellarAccountModel> {
  const trustlines = wire.balances.filter(isTrustline);
  const native = nativeLine(wire.balances);
  return {
    id: formatGlobalId('STELLAR', wire.id),
    provider: 'STELLAR',
    nativeId: wire.id,
    displayName: null,
    createdAt: null,
    balances: [...trustlines.map(trustlineBalance), nativeBalance(native)],
    sequence: wire.sequence,
    sequenceLedger: wire.sequence_ledger ?? null,
    sequenceTime: wire.sequence_time === undefined ? null : unixSecondsToIso(wire.sequence_time),
    subentryCount: wire.subentry_count,
    homeDomain: nonEmpty(wire.home_domain),
    inflationDestination: nonEmpty(wire.inflation_destination),
    lastModifiedLedger: wire.last_modified_ledger,
    lastModifiedAt: wire.last_modified_time ?? null,
    thresholds: { low: wire.thresholds.low_threshold, medium: wire.thresholds.med_threshold, high: wire.thresholds.high_threshold },
    flags: {
      authRequired: wire.flags.auth_required,
      authRevocable: wire.flags.auth_revocable,
      authImmutable: wire.flags.auth_immutable,
      authClawbackEnabled: wire.flags.auth_clawback_enabled ?? false,
    },
    trustlines: trustlines.map(toTrustline),
    liquidityPoolShares: wire.balances.filter(isPoolShare).map(toPoolShare),
    nativeLiabilities: { buying: canonicalDecimal(native.buying_liabilities), selling: canonicalDecimal(native.selling_liabilities) },
    signers: wire.signers.map(toSigner),
    data: Object.entries(wire.data ?? {}).map(([key, value]): MetadataEntry => ({ key, value })),
    sponsoringCount: wire.num_sponsoring ?? 0,
    sponsoredCount: wire.num_sponsored ?? 0,
    sponsor: nonEmpty(wire.sponsor),
  };
}

const isTrustline = (line: HorizonBalanceLine): line is TrustlineLine => line.asset_type === 'credit_alphanum4' || line.asset_type === 'credit_alphanum12';
const isPoolShare = (line: HorizonBalanceLine): line is PoolLine => line.asset_type === 'liquidity_pool_shares';

/** The wire schema guarantees exactly one native line. */
function nativeLine(lines: readonly HorizonBalanceLine[]): NativeLine {
  const native = lines.find((line): line is NativeLine => line.asset_type === 'native');
  if (!native) throw new TypeError('Horizon account without a native balance');
  return native;
}

const trustlineBalance = (line: TrustlineLine): Balance => ({
  asset: { code: line.asset_code, issuer: line.asset_issuer, network: null },
  amount: canonicalDecimal(line.balance),
  onHold: null,
});

const nativeBalance = (line: NativeLine): Balance => ({
  asset: { code: 'XLM', issuer: null, network: null },
  amount: canonicalDecimal(line.balance),
  onHold: null,
});

const toTrustline = (line: TrustlineLine): StellarTrustline => ({
  asset: { code: line.asset_code, issuer: line.asset_issuer, network: null },
  balance: canonicalDecimal(line.balance),
  limit: canonicalDecimal(line.limit),
  liabilities: { buying: canonicalDecimal(line.buying_liabilities), selling: canonicalDecimal(line.selling_liabilities) },
  authorized: line.is_authorized,
  // Servers before protocol 13 do not send it; a fully authorised trustline may always maintain liabilities.
  authorizedToMaintainLiabilities: line.is_authorized_to_maintain_liabilities ?? line.is_authorized,
  clawbackEnabled: line.is_clawback_enabled ?? false,
  sponsor: line.sponsor ?? null,
  lastModifiedLedger: line.last_modified_ledger ?? null,
});

const toPoolShare = (line: PoolLine): StellarLiquidityPoolShare => ({
  poolId: line.liquidity_pool_id.toLowerCase(),
  shares: canonicalDecimal(line.balance),
  limit: canonicalDecimal(line.limit),
});

const toSigner = (signer: HorizonSigner): StellarSigner => ({
  key: signer.key,
  type: SIGNER_TYPES[signer.type],
  weight: signer.weight,
  sponsor: signer.sponsor ?? null,
});

const nonEmpty = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

/** "1647558834" → "2022-03-17T23:13:54Z" (the form Horizon uses for its own times); null past year 9999. */
export function unixSecondsToIso(seconds: string): string | null {
  if (!/^\d+$/.test(seconds) || BigInt(seconds) > MAX_ISO_SECONDS) return null;
  return new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}
