// A title a person can read for an account card: its display name, else a short form of its key. The full global
// id always goes with it (as a tooltip and a secondary line), since the short form is for recognising, not copying.
import { shortKey } from './assetIdentity.js';
import type { AccountProvider } from './gql/graphql.js';

export interface TitledAccount {
  id: string;
  provider: AccountProvider;
  nativeId: string;
  displayName?: string | null;
  /** Midaz's alias ("@treasury"), where the account has one. */
  alias?: string | null;
}

/** The last part of a "/"-separated native id (a Midaz account's own UUID). */
const lastPart = (nativeId: string): string => nativeId.slice(nativeId.lastIndexOf('/') + 1);

/**
 * The card title: the display name when there is one; otherwise Stellar's 56-character key as "GAYO…4BVA", Midaz's
 * alias (or its account UUID as "0198f3a7…8c26" when the alias is only that UUID), Conduit's "acct_2fvi…TVFn", and
 * other ids as they are when short, shortened when longer than 24 characters.
 */
export function accountTitle(account: TitledAccount): string {
  const name = account.displayName?.trim();
  if (name) return name;
  switch (account.provider) {
    case 'STELLAR':
      return shortKey(account.nativeId);
    case 'MIDAZ': {
      const own = lastPart(account.nativeId);
      const alias = account.alias?.trim();
      if (alias && alias !== own && alias !== account.nativeId) return alias;
      return shortKey(own, 8, 4);
    }
    case 'CONDUIT': {
      const underscore = account.nativeId.indexOf('_');
      return underscore > 0 && underscore < 8 ? shortKey(account.nativeId, underscore + 5, 4) : shortKey(account.nativeId, 8, 4);
    }
    default:
      return account.nativeId.length > 24 ? shortKey(account.nativeId, 12, 6) : account.nativeId;
  }
}
