// What the Conduit resolvers receive: the account as the schema shapes it, and whether it came from a client list.
import type { ConduitAccount } from '../../generated/resolvers-types.js';
import type { AccountSource } from '../types.js';

export type ConduitAccountModel = Omit<ConduitAccount, '__typename'> & {
  provider: 'CONDUIT';
  /** Read from `GET /clients/{id}/accounts`, which lacks `createdAt`: that field then loads the account itself. */
  listed?: boolean;
};

export interface ConduitSource extends AccountSource<ConduitAccountModel> {
  /** The account as `GET /accounts/{id}` gives it, for the fields a client list lacks; once per request. */
  details(nativeId: string): Promise<ConduitAccountModel>;
}
