// What the Stellar resolvers receive: the account as the schema shapes it (nothing is lazy), and how many entries of
// each list Horizon sent that could not be read exactly (the resolvers answer those lists with an error at their path).
import type { StellarAccount } from '../../generated/resolvers-types.js';
import type { AccountSource } from '../types.js';

/** Entries left out of each list because Horizon sent them in a form the gateway could not read exactly. */
export interface StellarLeftOut {
  /** Balance lines (native or issued assets) whose asset or amount could not be read. */
  balances: number;
  /** Of those, the trustlines (issued assets), also missing from `trustlines`. */
  trustlines: number;
  /** Liquidity-pool share lines whose pool id or shares could not be read. */
  liquidityPoolShares: number;
  /** Signers without a readable key. */
  signers: number;
}

export type StellarAccountModel = Omit<StellarAccount, '__typename' | 'capabilities' | 'activity'> & { provider: 'STELLAR'; leftOut: StellarLeftOut };

export type StellarSource = AccountSource<StellarAccountModel>;
