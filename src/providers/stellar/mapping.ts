// Horizon's account body, read entry by entry → the schema's StellarAccount: pure, exact (amounts stay strings), no I/O.
import type {
  Balance,
  MetadataEntry,
  StellarAccountFlags,
  StellarAssetType,
  StellarLiabilities,
  StellarLiquidityPoolShare,
  StellarSigner,
  StellarSignerType,
  StellarThresholds,
  StellarTrustline,
} from '../../generated/resolvers-types.js';
import { canonicalDecimal } from '../../decimal.js';
import { formatGlobalId } from '../../ids.js';
import { withoutUserinfo } from '../../redaction.js';
import type { StellarAccountModel, StellarLeftOut } from './model.js';
import type { Mapped } from '../types.js';
import type { HorizonAccount, HorizonBalanceEntry, HorizonSignerEntry } from './wire.js';

/** One list entry as read: its value, or (when a required field could not be read) the raw entry it was. */
export type Read<T> = { ok: true; value: T } | { ok: false; raw: unknown };

/** The account body with its balance lines and signers read one by one (see read.ts). */
export interface ReadStellarAccount {
  account: HorizonAccount;
  lines: ReadonlyArray<Read<HorizonBalanceEntry>>;
  /** Null when Horizon sent no `signers` array. */
  signers: ReadonlyArray<Read<HorizonSignerEntry>> | null;
}

/** Horizon's signer types (`protocols/horizon` KeyTypeNames); any other value maps to UNKNOWN, kept in `typeRaw`. */
const SIGNER_TYPES: Readonly<Record<string, StellarSignerType>> = {
  ed25519_public_key: 'ED25519_PUBLIC_KEY',
  sha256_hash: 'SHA256_HASH',
  preauth_tx: 'PREAUTH_TX',
  ed25519_signed_payload: 'ED25519_SIGNED_PAYLOAD',
};

/** Issued-asset types Horizon names today; any other type carrying a code and issuer maps to OTHER, kept in `assetTypeRaw`. */
const ASSET_TYPES: Readonly<Record<string, StellarAssetType>> = {
  credit_alphanum4: 'CREDIT_ALPHANUM4',
  credit_alphanum12: 'CREDIT_ALPHANUM12',
};

/** 9999-12-31T23:59:59Z: the last time a plain four-digit-year ISO 8601 string can show. */
const MAX_ISO_SECONDS = 253_402_300_799n;

/**
 * The account as the schema shapes it. Balances keep Horizon's order (issued assets, then XLM) without pool shares;
 * a balance line that could not be read is counted in `leftOut` (its resolver then answers with an error), never
 * silently dropped. Two native lines make both unreadable: which one holds the account's XLM is unknown.
 */
export function toStellarAccount({ account: wire, lines, signers }: ReadStellarAccount): Mapped<StellarAccountModel> {
  const leftOut: StellarLeftOut = { balances: 0, trustlines: 0, liquidityPoolShares: 0, signers: 0 };
  const natives = lines.filter((line) => line.ok && line.value.asset_type === 'native').length;
  const balances: Balance[] = [];
  const trustlines: StellarTrustline[] = [];
  const liquidityPoolShares: StellarLiquidityPoolShare[] = [];
  let nativeLiabilities: StellarLiabilities | null = null;
  for (const line of lines) {
    if (!line.ok) {
      countLeftOut(leftOut, rawAssetType(line.raw));
      continue;
    }
    const entry = line.value;
    if (entry.asset_type === 'liquidity_pool_shares') {
      liquidityPoolShares.push(toPoolShare(entry));
    } else if (entry.asset_type === 'native') {
      if (natives > 1) {
        countLeftOut(leftOut, 'native');
        continue;
      }
      balances.push({ asset: { code: 'XLM', issuer: null, network: null }, amount: canonicalDecimal(entry.balance), onHold: null });
      nativeLiabilities = liabilities(entry);
    } else {
      const trustline = toTrustline(entry);
      balances.push({ asset: trustline.asset, amount: trustline.balance, onHold: null });
      trustlines.push(trustline);
    }
  }
  const readSigners = signers?.flatMap((signer) => (signer.ok ? [toSigner(signer.value)] : [])) ?? null;
  leftOut.signers = signers ? signers.length - (readSigners?.length ?? 0) : 0;
  return {
    id: formatGlobalId('STELLAR', wire.id),
    provider: 'STELLAR',
    nativeId: wire.id,
    displayName: null,
    createdAt: null,
    balances,
    sequence: wire.sequence ?? null,
    sequenceLedger: wire.sequence_ledger ?? null,
    sequenceTime: wire.sequence_time == null ? null : unixSecondsToIso(wire.sequence_time),
    subentryCount: wire.subentry_count ?? null,
    homeDomain: nonEmpty(wire.home_domain),
    inflationDestination: nonEmpty(wire.inflation_destination),
    lastModifiedLedger: wire.last_modified_ledger ?? null,
    lastModifiedAt: wire.last_modified_time ?? null,
    thresholds: wire.thresholds ? toThresholds(wire.thresholds) : null,
    flags: wire.flags ? toFlags(wire.flags) : null,
    trustlines,
    liquidityPoolShares,
    nativeLiabilities,
    signers: readSigners,
    data: wire.data == null ? null : Object.entries(wire.data).map(([key, value]): MetadataEntry => ({ key, value })),
    sponsoringCount: wire.num_sponsoring ?? null,
    sponsoredCount: wire.num_sponsored ?? null,
    sponsor: nonEmpty(wire.sponsor),
    leftOut,
  };
}

/** The `asset_type` of an entry that could not be read, when it has one. */
function rawAssetType(raw: unknown): string | undefined {
  const type = raw !== null && typeof raw === 'object' ? (raw as { asset_type?: unknown }).asset_type : undefined;
  return typeof type === 'string' ? type : undefined;
}

/** Pool shares are never a balance; every other unreadable line is (and, unless native, a trustline too). */
function countLeftOut(leftOut: StellarLeftOut, assetType: string | undefined): void {
  if (assetType === 'liquidity_pool_shares') {
    leftOut.liquidityPoolShares += 1;
    return;
  }
  leftOut.balances += 1;
  if (assetType !== 'native') leftOut.trustlines += 1;
}

/** The wire schema guarantees a code and an issuer for every type but native and pool shares. */
function toTrustline(line: HorizonBalanceEntry): StellarTrustline {
  const authorized = line.is_authorized ?? null;
  return {
    asset: { code: line.asset_code ?? '', issuer: line.asset_issuer ?? null, network: null },
    assetType: ASSET_TYPES[line.asset_type] ?? 'OTHER',
    assetTypeRaw: line.asset_type,
    balance: canonicalDecimal(line.balance),
    limit: decimalOrNull(line.limit),
    liabilities: liabilities(line),
    authorized,
    // Servers before protocol 13 do not send it; a fully authorised trustline may always maintain liabilities.
    authorizedToMaintainLiabilities: line.is_authorized_to_maintain_liabilities ?? authorized,
    // Horizon sends it only when true (since 2.1, protocol 17); before protocol 17 no trustline could be clawed back.
    clawbackEnabled: line.is_clawback_enabled ?? false,
    sponsor: line.sponsor ?? null,
    lastModifiedLedger: line.last_modified_ledger ?? null,
  };
}

/** Null when Horizon sent neither liability (before protocol 10, or pool shares). */
function liabilities(line: HorizonBalanceEntry): StellarLiabilities | null {
  if (line.buying_liabilities == null && line.selling_liabilities == null) return null;
  return { buying: decimalOrNull(line.buying_liabilities), selling: decimalOrNull(line.selling_liabilities) };
}

const toPoolShare = (line: HorizonBalanceEntry): StellarLiquidityPoolShare => ({
  poolId: (line.liquidity_pool_id ?? '').toLowerCase(),
  shares: canonicalDecimal(line.balance),
  limit: decimalOrNull(line.limit),
});

const toSigner = (signer: HorizonSignerEntry): StellarSigner => ({
  key: signer.key,
  type: (signer.type != null && SIGNER_TYPES[signer.type]) || 'UNKNOWN',
  typeRaw: signer.type ?? null,
  weight: signer.weight ?? null,
  sponsor: signer.sponsor ?? null,
});

const toThresholds = (thresholds: NonNullable<HorizonAccount['thresholds']>): StellarThresholds => ({
  low: thresholds.low_threshold ?? null,
  medium: thresholds.med_threshold ?? null,
  high: thresholds.high_threshold ?? null,
});

const toFlags = (flags: NonNullable<HorizonAccount['flags']>): StellarAccountFlags => ({
  authRequired: flags.auth_required ?? null,
  authRevocable: flags.auth_revocable ?? null,
  authImmutable: flags.auth_immutable ?? null,
  // Horizon sends it since 2.1 (protocol 17); before protocol 17 no account could enable clawback.
  authClawbackEnabled: flags.auth_clawback_enabled ?? false,
});

const decimalOrNull = (value: string | null | undefined): string | null => (value == null ? null : canonicalDecimal(value));

/** Null for an absent or empty value; a URL-like value loses any userinfo (`withoutUserinfo`). */
const nonEmpty = (value: string | null | undefined): string | null => (value == null || value === '' ? null : withoutUserinfo(value));

/** "1647558834" → "2022-03-17T23:13:54Z" (the form Horizon uses for its own times); null past year 9999. */
export function unixSecondsToIso(seconds: string): string | null {
  if (!/^\d+$/.test(seconds) || BigInt(seconds) > MAX_ISO_SECONDS) return null;
  return new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}
