// The Interledger provider module: id rules, per-request loaders for accounts and balances, lazy balances, the list and mutations.
import type { InterledgerBalance, Resolvers } from '../../generated/resolvers-types.js';
import { parseNativeId } from './accountId.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { createBatchLoader, createLoader, loadEach, type SourceOptions } from '../batch.js';
import type { ProviderModule } from '../types.js';
import { toBalances, toInterledgerAccount, toInterledgerBalance } from './mapping.js';
import type { InterledgerAccountModel, InterledgerSource } from './model.js';
import { accountWire, balanceWire, parseExactJson, type AccountWire } from './wire.js';
import { fetchAccountList, listInterledgerAccounts } from './lists.js';
import { createAccount, deleteAccount, updateAccount } from './mutations.js';
import { ErrorCode, type GatewayError } from '../../errors.js';

async function fetchAccount(client: ProviderClient, nativeId: string): Promise<InterledgerAccountModel> {
  const { body, fetchedAt } = await client.fetch(['accounts', nativeId], { parse: parseExactJson });
  return { ...toInterledgerAccount(nativeId, readWire(client, accountWire, body, 'GET /accounts/{accountId}')), fetchedAt };
}

/** Failures after which single calls would fare no better: the provider is slow or limiting us. */
const isUnwell = (error: unknown) =>
  (error as GatewayError)?.code === ErrorCode.UpstreamTimeout || (error as GatewayError)?.code === ErrorCode.RateLimited;

/**
 * Many accounts at once: one list call answers them all. Accounts the list lacks, or every account when the
 * list is refused (a non-admin credential, a server without the route), fall back to one call each.
 */
async function loadAccounts(client: ProviderClient, ids: readonly string[], options: SourceOptions): Promise<Array<InterledgerAccountModel | Error>> {
  if (!options.listThreshold || ids.length < options.listThreshold) return loadEach(ids, (id) => fetchAccount(client, id));
  let list: Awaited<ReturnType<typeof fetchAccountList>>;
  try {
    list = await fetchAccountList(client);
  } catch (error) {
    if (isUnwell(error)) return ids.map(() => error as Error);
    return loadEach(ids, (id) => fetchAccount(client, id));
  }
  return loadEach(ids, async (id) => {
    const item = list.items.get(id);
    if (item === undefined) return fetchAccount(client, id);
    return { ...toInterledgerAccount(id, readWire(client, accountWire, item, 'GET /accounts') as AccountWire), fetchedAt: list.fetchedAt };
  });
}

async function fetchBalance(client: ProviderClient, nativeId: string): Promise<InterledgerBalance> {
  const body = await client.get(['accounts', nativeId, 'balance'], { parse: parseExactJson });
  return toInterledgerBalance(readWire(client, balanceWire, body, 'GET /accounts/{accountId}/balance'));
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
    interledgerAccounts: (_root, args, ctx) => listInterledgerAccounts(ctx, args),
  },
  Mutation: {
    interledgerAccountCreate: (_root, { input }, ctx) => createAccount(ctx.client('INTERLEDGER'), input),
    interledgerAccountUpdate: (_root, { id, input }, ctx) => updateAccount(ctx.client('INTERLEDGER'), id, input),
    interledgerAccountDelete: (_root, { id }, ctx) => deleteAccount(ctx.client('INTERLEDGER'), id),
  },
  InterledgerAccount: {
    balances: (account, _args, ctx) => ctx.source('INTERLEDGER').balance(account.nativeId).then(toBalances),
    balance: (account, _args, ctx) => ctx.source('INTERLEDGER').balance(account.nativeId),
  },
};

export const interledger: ProviderModule<InterledgerSource> = {
  provider: 'INTERLEDGER',
  parseNativeId,
  createSource,
  resolvers,
  lazyFields: { typename: 'InterledgerAccount', fields: ['balances', 'balance'], prefetch: (source, nativeId) => source.balance(nativeId) },
};
