// The Midaz provider module: native id rules, per-request loaders for accounts and balances, and lazy-field resolvers.
import type { Resolvers } from '../../generated/resolvers-types.js';
import { withLeftOut } from '../../partialResults.js';
import type { ProviderClient } from '../../upstream/client.js';
import { createLoader, type SourceOptions } from '../batch.js';
import { changeField, createField, listField } from '../shared/resolve.js';
import type { ProviderModule } from '../types.js';
import { midazActivity } from './activity.js';
import { midazIdentity } from './identity.js';
import { toBalances } from './mapping.js';
import type { MidazSource } from './model.js';
import { parseMidazNativeId } from './nativeId.js';
import { listAccounts } from './lists.js';
import { createAccount, deleteAccount, updateAccount } from './mutations.js';
import { fetchBalances, fetchMidazAccount } from './read.js';

export { parseMidazNativeId };

function createSource(client: ProviderClient, options?: SourceOptions): MidazSource {
  const accounts = createLoader((key) => fetchMidazAccount(client, key), options);
  const balances = createLoader((key) => fetchBalances(client, key), options);
  return {
    account: (nativeId) => accounts.load(nativeId),
    prime: (account) => void accounts.prime(account.nativeId, account),
    balances: (nativeId) => balances.load(nativeId),
    replace: (account) => void accounts.clear(account.nativeId).prime(account.nativeId, account),
    forget: (nativeId) => {
      accounts.clear(nativeId);
      balances.clear(nativeId);
    },
  };
}

const resolvers: Resolvers = {
  Query: {
    midazAccounts: listField('MIDAZ', listAccounts),
  },
  Mutation: {
    midazAccountCreate: createField('MIDAZ', createAccount),
    midazAccountUpdate: changeField('MIDAZ', updateAccount),
    midazAccountDelete: changeField('MIDAZ', deleteAccount),
  },
  MidazAccount: {
    balances: async (account, _args, ctx, info) =>
      withLeftOut(ctx.partial, info, 'MIDAZ', toBalances(await ctx.source('MIDAZ').balances(account.nativeId))),
    ledgerBalances: async (account, _args, ctx, info) =>
      withLeftOut(ctx.partial, info, 'MIDAZ', await ctx.source('MIDAZ').balances(account.nativeId)),
  },
};

export const midaz: ProviderModule<MidazSource, 'MIDAZ'> = {
  identity: midazIdentity,
  parseNativeId: parseMidazNativeId,
  createSource,
  resolvers,
  lazyFields: { typename: 'MidazAccount', fields: ['balances', 'ledgerBalances'], prefetch: (source, nativeId) => source.balances(nativeId) },
  activity: midazActivity,
  capabilities: ['UPDATE', 'DELETE'],
};
