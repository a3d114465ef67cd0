// Pure mapping from Conduit's account bodies (a single account, an item of a client's list), read entry by entry, to
// the ConduitAccount the schema exposes.
import type { Asset, Balance, ConduitAssetCode, ConduitBalance, ConduitNetwork } from '../../generated/resolvers-types.js';
import { canonicalDecimal } from '../../decimal.js';
import { formatGlobalId } from '../../ids.js';
import type { ConduitAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import { DOCUMENTED_ASSET_CODES, DOCUMENTED_NETWORKS, type AssetAmountEntry, type ClientAccountItemWire, type GetAccountWire } from './wire.js';

/** One list entry as read: its value, or (when a required field could not be read) nothing but the fact. */
export type Read<T> = { ok: true; value: T } | { ok: false; raw: unknown };

/** An account body with its `balances.available` entries read one by one (see read.ts). */
export interface ReadConduitAccount<W> {
  account: W;
  available: ReadonlyArray<Read<AssetAmountEntry>>;
}

/** `GET /accounts/{id}` → the account model; unreadable balance entries are counted in `omittedBalances`. */
export function toConduitAccount({ account, available }: ReadConduitAccount<GetAccountWire>): Mapped<ConduitAccountModel> {
  return toAccount(account.id, available, account.createdAt ?? null);
}

/**
 * An item of a client's account list as the same account model: `accountId` is the account (the item's `id` is
 * the client's), and `createdAt`, which the list lacks, is marked to be read from the account when selected.
 */
export function toListedConduitAccount({ account, available }: ReadConduitAccount<ClientAccountItemWire>): Mapped<ConduitAccountModel> {
  return { ...toAccount(account.accountId, available, null), listed: true };
}

function toAccount(id: string, available: ReadonlyArray<Read<AssetAmountEntry>>, createdAt: string | null): Mapped<ConduitAccountModel> {
  const entries = available.flatMap((entry) => (entry.ok ? [entry.value] : []));
  return {
    id: formatGlobalId('CONDUIT', id),
    provider: 'CONDUIT',
    nativeId: id,
    displayName: null,
    balances: entries.map(toBalance),
    availableBalances: entries.map(toConduitBalance),
    createdAt,
    omittedBalances: available.length - entries.length,
  };
}

const ASSET_CODES: ReadonlySet<string> = new Set(DOCUMENTED_ASSET_CODES);
const NETWORKS: ReadonlySet<string> = new Set(DOCUMENTED_NETWORKS);

function toAsset(entry: AssetAmountEntry): Asset {
  return { code: entry.asset, issuer: null, network: blankToNull(entry.network) };
}

function toBalance(entry: AssetAmountEntry): Balance {
  return { asset: toAsset(entry), amount: canonicalDecimal(entry.amount), onHold: null };
}

function toConduitBalance(entry: AssetAmountEntry): ConduitBalance {
  const network = blankToNull(entry.network);
  return {
    asset: toAsset(entry),
    assetCode: ASSET_CODES.has(entry.asset) ? (entry.asset as ConduitAssetCode) : 'OTHER',
    network: network === null ? null : NETWORKS.has(network) ? (network.toUpperCase() as ConduitNetwork) : 'OTHER',
    amount: canonicalDecimal(entry.amount),
    country: blankToNull(entry.country),
  };
}

/** The contract: an absent or empty upstream string is null, never "". */
function blankToNull(value: string | null | undefined): string | null {
  return value ? value : null;
}
