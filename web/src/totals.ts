// Totals per asset identity (see client/assetIdentity.ts for the grouping rule), exact (BigInt decimal strings,
// never floats), each with the balances it adds and what it may be missing: accounts that could not be read or
// are still loading and could hold that asset, and balances the gateway left out of an account it did read.
import { accountTitle } from '../../client/accountTitle.js';
import { assetIdentity, couldHold, type AssetIdentity, type Holder } from '../../client/assetIdentity.js';
import { sumDecimals } from '../../client/decimal.js';
import type { AccountSlot } from './accounts.js';

export interface TotalBalance {
  accountId: string;
  title: string;
  provider: Holder['provider'];
  amount: string;
}

export interface AssetTotal {
  identity: AssetIdentity;
  /** The exact sum of `balances`. */
  amount: string;
  balances: TotalBalance[];
  /** Accounts that could not be read and could hold this asset. */
  failed: string[];
  /** Accounts still loading that could hold this asset. */
  loading: string[];
  /** Balances left out of accounts that were read, and could be in this asset. */
  leftOut: Array<{ accountId: string; count: number }>;
}

export const isPartial = (total: AssetTotal): boolean => total.failed.length > 0 || total.loading.length > 0 || total.leftOut.length > 0;

export interface TotalsReport {
  totals: AssetTotal[];
  /** Accounts that could not be read (ids that name no account are not among them). */
  failed: AccountSlot[];
  loading: AccountSlot[];
  leftOut: Array<{ accountId: string; count: number }>;
  /** Ids that name no account: they hold nothing, so no total misses them. */
  missing: AccountSlot[];
}

const KIND_ORDER: Record<AssetIdentity['kind'], number> = { currency: 0, native: 1, issued: 2, network: 3, provider: 4 };

export function totalsOf(slots: readonly AccountSlot[]): TotalsReport {
  const groups = new Map<string, { identity: AssetIdentity; balances: TotalBalance[] }>();
  // A Taler bank has one currency: once one of its accounts is read, the others can hold only that.
  const talerKeys = new Set<string>();
  for (const slot of slots) {
    if (slot.status !== 'loaded') continue;
    const { account } = slot;
    for (const balance of account.balances) {
      const identity = assetIdentity(balance.asset, account);
      if (account.provider === 'TALER') talerKeys.add(identity.key);
      const group = groups.get(identity.key) ?? { identity, balances: [] };
      group.balances.push({ accountId: account.id, title: accountTitle(account), provider: account.provider, amount: balance.amount });
      groups.set(identity.key, group);
    }
  }

  /** Whether what `slot` may be missing (an unread account, or left-out balances) could be in `identity`. */
  const mightHold = (slot: AccountSlot, identity: AssetIdentity): boolean => {
    if (!slot.provider) return true;
    const holder: Holder = { provider: slot.provider, nativeId: slot.id.slice(slot.id.indexOf(':') + 1) };
    if (slot.status === 'loaded' && slot.account.__typename === 'MidazAccount' && slot.account.assetCode) {
      return assetIdentity({ code: slot.account.assetCode }, holder).key === identity.key;
    }
    if (slot.provider === 'TALER' && talerKeys.size > 0) return talerKeys.has(identity.key);
    return couldHold(holder, identity);
  };

  const failed = slots.filter((slot) => slot.status === 'failed' && !slot.missing);
  const loading = slots.filter((slot) => slot.status === 'loading');
  const withLeftOut = slots.filter(
    (slot): slot is Extract<AccountSlot, { status: 'loaded' }> => slot.status === 'loaded' && slot.leftOutBalances > 0,
  );

  const totals = [...groups.values()]
    .map(({ identity, balances }): AssetTotal => ({
      identity,
      amount: sumDecimals(balances.map((balance) => balance.amount)),
      balances,
      failed: failed.filter((slot) => mightHold(slot, identity)).map((slot) => slot.id),
      loading: loading.filter((slot) => mightHold(slot, identity)).map((slot) => slot.id),
      leftOut: withLeftOut.filter((slot) => mightHold(slot, identity)).map((slot) => ({ accountId: slot.id, count: slot.leftOutBalances })),
    }))
    .sort(
      (a, b) =>
        a.identity.code.localeCompare(b.identity.code) ||
        KIND_ORDER[a.identity.kind] - KIND_ORDER[b.identity.kind] ||
        (a.identity.qualifier ?? '').localeCompare(b.identity.qualifier ?? ''),
    );

  return {
    totals,
    failed,
    loading,
    leftOut: withLeftOut.map((slot) => ({ accountId: slot.id, count: slot.leftOutBalances })),
    missing: slots.filter((slot) => slot.status === 'failed' && slot.missing),
  };
}
