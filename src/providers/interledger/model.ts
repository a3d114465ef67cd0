// What the Interledger resolvers receive: the account without its lazy balance, and the per-request source.
import type { InterledgerAccount, InterledgerBalance } from '../../generated/resolvers-types.js';
import type { AccountSource } from '../types.js';

export type InterledgerAccountModel = Omit<InterledgerAccount, '__typename' | 'balances' | 'balance'> & { provider: 'INTERLEDGER' };

export interface InterledgerSource extends AccountSource<InterledgerAccountModel> {
  /** The account's balance (`GET /accounts/{id}/balance`), fetched once per request and only when asked. */
  balance(nativeId: string): Promise<InterledgerBalance>;
}
