// The Conduit provider module: id rule, a per-request source of accounts, the per-client list, and no mutations (the API has none).
import { requirePattern } from '../../ids.js';
import type { ProviderClient } from '../../upstream/client.js';
import type { RequestContext } from '../../context.js';
import { withLeftOut } from '../../partialResults.js';
import { createLoader, DEFAULT_SOURCE_OPTIONS, type SourceOptions } from '../batch.js';
import { listClientAccounts } from './lists.js';
import { listField } from '../shared/resolve.js';
import type { ProviderModule } from '../types.js';
import { conduitIdentity } from './identity.js';
import type { ConduitAccountModel, ConduitSource } from './model.js';
import { fetchConduitAccount } from './read.js';
import { ACCOUNT_ID } from './wire.js';

function parseNativeId(nativeId: string): string {
  return requirePattern(
    nativeId,
    ACCOUNT_ID,
    'Conduit account id: expected `acct_` followed by 27 letters or digits, e.g. `acct_2fvietuCNSu8unMNLsEGBrDTVFn`',
  );
}

/**
 * Accounts from a client list answer `account` for the rest of the request; only `details` (the fields the list
 * lacks) then reads the account itself. The naive baseline keeps nothing, as its loader does.
 */
function createSource(client: ProviderClient, options: SourceOptions = DEFAULT_SOURCE_OPTIONS): ConduitSource {
  const single = createLoader((id) => fetchConduitAccount(client, id), options);
  const listed = new Map<string, ConduitAccountModel>();
  return {
    account: (nativeId) => {
      const known = listed.get(nativeId);
      return known ? Promise.resolve(known) : single.load(nativeId);
    },
    details: (nativeId) => single.load(nativeId),
    prime: (account) => {
      if (!account.listed) single.prime(account.nativeId, account);
      else if (options.dedupe) listed.set(account.nativeId, account);
    },
  };
}

/** `createdAt` is not in a client list: a listed account reads it from the account itself, only when selected. */
function createdAt(account: ConduitAccountModel, ctx: RequestContext): string | null | Promise<string | null> {
  return account.listed
    ? ctx
        .source('CONDUIT')
        .details(account.nativeId)
        .then((full) => full.createdAt ?? null)
    : (account.createdAt ?? null);
}

export const conduit: ProviderModule<ConduitSource, 'CONDUIT'> = {
  identity: conduitIdentity,
  parseNativeId,
  createSource,
  resolvers: {
    Query: {
      conduitClientAccounts: listField('CONDUIT', listClientAccounts),
    },
    ConduitAccount: {
      createdAt: (account, _args, ctx) => createdAt(account, ctx),
      // Balances Conduit sent that could not be read exactly are left out with an error at the list's path.
      balances: (account, _args, ctx, info) =>
        withLeftOut(ctx.partial, info, 'CONDUIT', { entries: account.balances, omitted: account.omittedBalances }),
      availableBalances: (account, _args, ctx, info) =>
        withLeftOut(ctx.partial, info, 'CONDUIT', { entries: account.availableBalances, omitted: account.omittedBalances }),
    },
  },
  // Conduit 2024-12-01 documents no per-account transaction list (so no `activity`: NOT_SUPPORTED), and the gateway
  // has no Conduit mutations.
  capabilities: [],
};
