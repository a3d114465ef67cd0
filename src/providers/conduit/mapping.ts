// Pure mapping from Conduit's account bodies (a single account, an item of a client's list) to the ConduitAccount the schema exposes.
import type { Asset, Balance, ConduitBalance } from '../../generated/resolvers-types.js';
import { canonicalDecimal } from '../../decimal.js';
import { formatGlobalId } from '../../ids.js';
import type { ConduitAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import type { AssetAmount, ClientAccountItem, GetAccountResponse } from './wire.js';

export function toConduitAccount(wire: GetAccountResponse): Mapped<ConduitAccountModel> {
  return toAccount(wire.id, wire.balances.available, wire.createdAt);
}

/**
 * An item of a client's account list as the same account model: `accountId` is the account (the item's `id` is
 * the client's), and `createdAt`, which the list lacks, is marked to be read from the account when selected.
 */
export function toListedConduitAccount(item: ClientAccountItem): Mapped<ConduitAccountModel> {
  return { ...toAccount(item.accountId, item.balances.available, null), listed: true };
}

function toAccount(id: string, available: readonly AssetAmount[], createdAt: string | null): Mapped<ConduitAccountModel> {
  return {
    id: formatGlobalId('CONDUIT', id),
    provider: 'CONDUIT',
    nativeId: id,
    displayName: null,
    balances: available.map(toBalance),
    availableBalances: available.map(toConduitBalance),
    createdAt,
  };
}

function toAsset(entry: AssetAmount): Asset {
  return { code: entry.asset, issuer: null, network: blankToNull(entry.network) };
}

function toBalance(entry: AssetAmount): Balance {
  return { asset: toAsset(entry), amount: canonicalDecimal(entry.amount), onHold: null };
}

function toConduitBalance(entry: AssetAmount): ConduitBalance {
  return { asset: toAsset(entry), amount: canonicalDecimal(entry.amount), country: blankToNull(entry.country) };
}

/** The contract: an absent or empty upstream string is null, never "". */
function blankToNull(value: string | null | undefined): string | null {
  return value ? value : null;
}
