// What the Stellar resolvers receive: the account exactly as the schema shapes it (nothing is lazy).
import type { StellarAccount } from '../../generated/resolvers-types.js';
import type { AccountSource } from '../types.js';

export type StellarAccountModel = Omit<StellarAccount, '__typename'> & { provider: 'STELLAR' };

export type StellarSource = AccountSource<StellarAccountModel>;
