// What the Taler resolvers receive: the account exactly as the schema shapes it (nothing is lazy).
import type { TalerAccount } from '../../generated/resolvers-types.js';
import type { AccountSource } from '../types.js';

export type TalerAccountModel = Omit<TalerAccount, '__typename' | 'capabilities' | 'activity'> & {
  provider: 'TALER';
  /** Read from the admin list, which lacks contact, cash-out and TAN data: those fields then load the account itself. */
  listed?: boolean;
  /** Balances the bank sent that could not be read exactly (0 or 1): `balances` answers them with an error at its path. */
  omittedBalances?: number;
};

export interface TalerSource extends AccountSource<TalerAccountModel> {
  /** The account as `GET /accounts/{username}` gives it, for the fields the admin list lacks. */
  details(username: string): Promise<TalerAccountModel>;
}
