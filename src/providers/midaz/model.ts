// What the Midaz resolvers receive: the account without its lazy balances, and the per-request source.
import type { MidazAccount, MidazBalance } from '../../generated/resolvers-types.js';
import type { Entries } from '../../upstream/wire.js';
import type { AccountSource } from '../types.js';

export type MidazAccountModel = Omit<MidazAccount, '__typename' | 'capabilities' | 'activity' | 'balances' | 'ledgerBalances'> & {
  provider: 'MIDAZ';
};

export interface MidazSource extends AccountSource<MidazAccountModel> {
  /**
   * Every balance of the account (`GET …/accounts/{id}/balances`, every cursor page), fetched once per request and only
   * when asked: the entries read, and how many Midaz sent that could not be read exactly (left out).
   */
  balances(nativeId: string): Promise<Entries<MidazBalance>>;
  /** After a change: the account as Midaz answered replaces whatever this request read before. */
  replace(account: MidazAccountModel): void;
  /** After a delete: this request reads the account (and its balances) again if asked. */
  forget(nativeId: string): void;
}
