// The Interledger provider module: id rules, per-request loaders for accounts and balances, lazy balances, the list, mutations and activity.
import type { Resolvers } from '../../generated/resolvers-types.js';
import { parseNativeId } from './accountId.js';
import type { ProviderClient } from '../../upstream/client.js';
import { createBatchLoader, createLoader, type SourceOptions } from '../batch.js';
import type { ProviderModule } from '../types.js';
import { interledgerIdentity } from './identity.js';
import { changeField, createField, listField } from '../shared/resolve.js';
import { toBalances } from './mapping.js';
import type { InterledgerBalanceSettingsModel, InterledgerSource, LimitField } from './model.js';
import { fetchBalance, loadAccounts } from './read.js';
import { listInterledgerAccounts } from './lists.js';
import { createAccount, deleteAccount, updateAccount } from './mutations.js';
import { ErrorCode, GatewayError } from '../../errors.js';
import { withLeftOut } from '../../partialResults.js';
import { interledgerActivity } from './activity.js';

/** A limit the connector sent but the gateway could not read: an error at its field, never "unlimited". */
function limit<T>(value: T, unreadable: readonly LimitField[] | undefined, field: LimitField): T {
  if (unreadable?.includes(field)) {
    throw new GatewayError(ErrorCode.UpstreamError, `Interledger sent a ${field} the gateway could not read exactly.`, { provider: 'INTERLEDGER' });
  }
  return value;
}

function createSource(client: ProviderClient, options: SourceOptions = { dedupe: true, listThreshold: 0 }): InterledgerSource {
  const accounts = createBatchLoader((ids) => loadAccounts(client, ids, options), options);
  const balances = createLoader((id) => fetchBalance(client, id), options);
  return {
    account: (nativeId) => accounts.load(nativeId),
    prime: (account) => void accounts.prime(account.nativeId, account),
    balance: (nativeId) => balances.load(nativeId),
  };
}

const resolvers: Resolvers = {
  Query: {
    interledgerAccounts: listField('INTERLEDGER', listInterledgerAccounts),
  },
  Mutation: {
    interledgerAccountCreate: createField('INTERLEDGER', createAccount),
    interledgerAccountUpdate: changeField('INTERLEDGER', updateAccount),
    interledgerAccountDelete: changeField('INTERLEDGER', deleteAccount),
  },
  InterledgerAccount: {
    balances: async (account, _args, ctx, info) => {
      const read = await ctx.source('INTERLEDGER').balance(account.nativeId);
      const list = 'balance' in read ? { entries: toBalances(read.balance), omitted: 0 } : { entries: [], omitted: 1 };
      return withLeftOut(ctx.partial, info, 'INTERLEDGER', list);
    },
    balance: async (account, _args, ctx) => {
      const read = await ctx.source('INTERLEDGER').balance(account.nativeId);
      if ('balance' in read) return read.balance;
      throw read.unreadable;
    },
    maximumPacketAmount: (account) => limit(account.maximumPacketAmount ?? null, account.unreadable, 'maximumPacketAmount'),
  },
  InterledgerBalanceSettings: {
    minBalance: (settings) => limit(settings.minBalance ?? null, (settings as InterledgerBalanceSettingsModel).unreadable, 'minBalance'),
    settleThreshold: (settings) =>
      limit(settings.settleThreshold ?? null, (settings as InterledgerBalanceSettingsModel).unreadable, 'settleThreshold'),
    settleTo: (settings) => limit(settings.settleTo ?? null, (settings as InterledgerBalanceSettingsModel).unreadable, 'settleTo'),
  },
};

export const interledger: ProviderModule<InterledgerSource, 'INTERLEDGER'> = {
  identity: interledgerIdentity,
  parseNativeId,
  createSource,
  resolvers,
  lazyFields: { typename: 'InterledgerAccount', fields: ['balances', 'balance'], prefetch: (source, nativeId) => source.balance(nativeId) },
  // The STREAM payments the connector sent or received itself (connector 0.5.0 and later).
  activity: interledgerActivity,
  capabilities: ['UPDATE', 'DELETE'],
};
