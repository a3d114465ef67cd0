// Pure mapping from Conduit's GetAccountResponse to the ConduitAccount the schema exposes.
import type { Asset, Balance, ConduitBalance } from '../../generated/resolvers-types.js';
import { canonicalDecimal } from '../../decimal.js';
import { formatGlobalId } from '../../ids.js';
import type { ConduitAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import type { AssetAmount, GetAccountResponse } from './wire.js';

export function toConduitAccount(wire: GetAccountResponse): Mapped<ConduitAccountModel> {
  const available = wire.balances.available;
  return {
    id: formatGlobalId('CONDUIT', wire.id),
    provider: 'CONDUIT',
    nativeId: wire.id,
    displayName: null,
    balances: available.map(toBalance),
    availableBalances: available.map(toConduitBalance),
    createdAt: wire.createdAt,
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
