// What the Conduit resolvers receive: the account as the schema shapes it, whether it came from a client list, and how
// many balance entries Conduit sent that could not be read exactly (its list resolvers answer those with an error).
import type { ConduitAccount } from '../../generated/resolvers-types.js';
import type { AccountSource } from '../types.js';

export type ConduitAccountModel = Omit<ConduitAccount, '__typename' | 'capabilities' | 'activity'> & {
  provider: 'CONDUIT';
  /** Read from `GET /clients/{id}/accounts`, which lacks `createdAt`: that field then loads the account itself. */
  listed?: boolean;
  /** Entries of `balances.available` whose asset or amount could not be read: left out of both balance lists. */
  omittedBalances: number;
};

export interface ConduitSource extends AccountSource<ConduitAccountModel> {
  /** The account as `GET /accounts/{id}` gives it, for the fields a client list lacks; once per request. */
  details(nativeId: string): Promise<ConduitAccountModel>;
}
