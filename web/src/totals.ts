// Totals per currency across providers, exact: the gateway's own decimal arithmetic (BigInt), never floats.
import { sumDecimals } from '../../src/decimal.js';

export interface AssetTotal {
  code: string;
  amount: string;
  accounts: number;
}

export function totalsByAsset(balances: ReadonlyArray<{ asset: { code: string }; amount: string }>): AssetTotal[] {
  const byCode = new Map<string, string[]>();
  for (const balance of balances) byCode.set(balance.asset.code, [...(byCode.get(balance.asset.code) ?? []), balance.amount]);
  return [...byCode.entries()]
    .map(([code, amounts]) => ({ code, amount: sumDecimals(amounts), accounts: amounts.length }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
