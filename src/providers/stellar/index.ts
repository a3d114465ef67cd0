// The Stellar provider module: StrKey id check, a per-request loader over `GET /accounts/{id}`, the filtered lists,
// and the account's movements (`GET /accounts/{id}/payments`, activity.ts).
import { badUserInput } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { withLeftOut } from '../../partialResults.js';
import { createLoader, type SourceOptions } from '../batch.js';
import type { ProviderModule } from '../types.js';
import { stellarIdentity } from './identity.js';
import { listField } from '../shared/resolve.js';
import type { StellarSource } from './model.js';
import { fetchStellarAccount } from './read.js';
import { accountIdProblem } from './strkey.js';
import { listStellarAccounts } from './lists.js';
import { stellarActivity } from './activity.js';
import { stellarLive } from './live.js';

/** The native id unchanged when it is a valid `G…` account id; BAD_USER_INPUT (saying why) otherwise. */
export function parseStellarAccountId(nativeId: string): string {
  const problem = accountIdProblem(nativeId);
  if (problem) throw badUserInput(`Malformed Stellar account id: ${problem} (a StrKey public key such as GAYO…4BVA).`);
  return nativeId;
}

export function createStellarSource(client: ProviderClient, options?: SourceOptions): StellarSource {
  const loader = createLoader((id) => fetchStellarAccount(client, id), options);
  return { account: (nativeId) => loader.load(nativeId), prime: (account) => void loader.prime(account.nativeId, account) };
}

export const stellar: ProviderModule<StellarSource, 'STELLAR'> = {
  identity: stellarIdentity,
  parseNativeId: parseStellarAccountId,
  createSource: createStellarSource,
  // Read-only: Horizon has no account mutations, so no UPDATE or DELETE.
  activity: stellarActivity,
  live: stellarLive,
  resolvers: {
    Query: {
      stellarAccounts: listField('STELLAR', listStellarAccounts),
    },
    // Lists from which Horizon entries had to be left out answer with an error at their path (partialResults.ts).
    StellarAccount: {
      balances: (account, _args, ctx, info) =>
        withLeftOut(ctx.partial, info, 'STELLAR', { entries: account.balances, omitted: account.leftOut.balances }),
      trustlines: (account, _args, ctx, info) =>
        withLeftOut(ctx.partial, info, 'STELLAR', { entries: account.trustlines, omitted: account.leftOut.trustlines }, 'trustline'),
      liquidityPoolShares: (account, _args, ctx, info) =>
        withLeftOut(
          ctx.partial,
          info,
          'STELLAR',
          { entries: account.liquidityPoolShares, omitted: account.leftOut.liquidityPoolShares },
          'liquidity-pool share',
        ),
      signers: (account, _args, ctx, info) =>
        account.signers == null
          ? null
          : withLeftOut(ctx.partial, info, 'STELLAR', { entries: account.signers, omitted: account.leftOut.signers }, 'signer'),
    },
  },
};
