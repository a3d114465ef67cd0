// What the Conduit resolvers receive: the account exactly as the schema shapes it (nothing is lazy).
import type { ConduitAccount } from '../../generated/resolvers-types.js';
import type { AccountSource } from '../types.js';

export type ConduitAccountModel = Omit<ConduitAccount, '__typename'> & { provider: 'CONDUIT' };

export type ConduitSource = AccountSource<ConduitAccountModel>;
