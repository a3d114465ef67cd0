// The Taler provider module: username rules, a per-request source that fetches each account once, the list and the mutations.
import type { RequestContext } from '../../context.js';
import type { ProviderClient } from '../../upstream/client.js';
import { withLeftOut } from '../../partialResults.js';
import { createBatchLoader, createLoader, DEFAULT_SOURCE_OPTIONS, type SourceOptions } from '../batch.js';
import type { ProviderModule } from '../types.js';
import { changeField, createField, listField } from '../shared/resolve.js';
import { talerIdentity } from './identity.js';
import type { TalerAccountModel, TalerSource } from './model.js';
import { fetchTalerAccount, loadAccounts } from './read.js';
import { parseUsername } from './inputs.js';
import { listTalerAccounts } from './lists.js';
import { createTalerAccount, deleteTalerAccount, updateTalerAccount } from './mutations.js';
import { talerActivity } from './activity.js';
import { talerLive } from './live.js';

export const taler: ProviderModule<TalerSource, 'TALER'> = {
  identity: talerIdentity,
  // Taler usernames are case-sensitive, so the id is returned exactly as given.
  parseNativeId: parseUsername,
  createSource,
  // The wire transfers booked on the account (activity.ts); accounts can be changed and deleted (mutations.ts).
  activity: talerActivity,
  live: talerLive,
  capabilities: ['UPDATE', 'DELETE'],
  resolvers: {
    Query: {
      talerAccounts: listField('TALER', listTalerAccounts),
    },
    Mutation: {
      talerAccountCreate: createField('TALER', createTalerAccount),
      talerAccountUpdate: changeField('TALER', updateTalerAccount),
      talerAccountDelete: changeField('TALER', deleteTalerAccount),
    },
    TalerAccount: {
      // A balance the bank sent that could not be read exactly is left out, with an error at this path.
      balances: (account, _args, ctx, info) =>
        withLeftOut(ctx.partial, info, 'TALER', { entries: account.balances, omitted: account.omittedBalances ?? 0 }),
      // Lists before libeufin 0.9.3-8 (API 2:0:2) carry no payto URI: the account itself has it.
      paytoUri: (account, _args, ctx) =>
        account.listed && account.paytoUri == null ? detail(account, ctx, (full) => full.paytoUri ?? null) : (account.paytoUri ?? null),
      contact: (account, _args, ctx) => detail(account, ctx, (full) => full.contact ?? null),
      cashoutPaytoUri: (account, _args, ctx) => detail(account, ctx, (full) => full.cashoutPaytoUri ?? null),
      tanChannels: (account, _args, ctx) => detail(account, ctx, (full) => full.tanChannels),
    },
  },
};

/** A field the admin list lacks: from the account itself when it came from the list. */
function detail<T>(account: TalerAccountModel, ctx: RequestContext, pick: (account: TalerAccountModel) => T): T | Promise<T> {
  return account.listed ? ctx.source('TALER').details(account.nativeId).then(pick) : pick(account);
}

function createSource(client: ProviderClient, options: SourceOptions = DEFAULT_SOURCE_OPTIONS): TalerSource {
  const single = createLoader((username) => fetchTalerAccount(client, username), options);
  const accounts = createBatchLoader((usernames) => loadAccounts(client, usernames, options, (u) => single.load(u)), options);
  return {
    account: (username) => accounts.load(username),
    details: (username) => single.load(username),
    prime: (account) => {
      accounts.prime(account.nativeId, account);
      if (!account.listed) single.prime(account.nativeId, account);
    },
  };
}
