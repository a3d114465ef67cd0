// What the Taler resolvers receive: the account exactly as the schema shapes it (nothing is lazy).
import type { TalerAccount } from '../../generated/resolvers-types.js';
import type { AccountSource } from '../types.js';

export type TalerAccountModel = Omit<TalerAccount, '__typename'> & { provider: 'TALER' };

export type TalerSource = AccountSource<TalerAccountModel>;
