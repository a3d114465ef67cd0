// The Interledger provider module: id rules, per-request loaders for accounts and balances, lazy balances, the list and mutations.
import type { Resolvers } from '../../generated/resolvers-types.js';
import { parseNativeId } from './accountId.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { createBatchLoader, createLoader, loadEach, type SourceOptions } from '../batch.js';
import type { ProviderModule } from '../types.js';
import { toBalances, toInterledgerAccount, toInterledgerBalance } from './mapping.js';
import type { BalanceRead, InterledgerAccountModel, InterledgerBalanceSettingsModel, InterledgerSource, LimitField } from './model.js';
import { accountWire, balanceWire, parseExactJson, type AccountWire } from './wire.js';
import { fetchAccountList, listInterledgerAccounts } from './lists.js';
import { createAccount, deleteAccount, updateAccount } from './mutations.js';
import { ErrorCode, GatewayError } from '../../errors.js';
import { withLeftOut } from '../../partialResults.js';

async function fetchAccount(client: ProviderClient, nativeId: string): Promise<InterledgerAccountModel> {
  const { body, fetchedAt } = await client.fetch(['accounts', nativeId], { parse: parseExactJson });
  return { ...toInterledgerAccount(nativeId, readWire(client, accountWire, body, 'GET /accounts/{accountId}'), body), fetchedAt };
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
    return { ...toInterledgerAccount(id, readWire(client, accountWire, item, 'GET /accounts') as AccountWire, item), fetchedAt: list.fetchedAt };
  });
}

/**
 * The account's balance, or why it cannot be shown: a body whose amounts cannot be read exactly (refused under the
 * tolerant rule, logged with its field paths), or a 404 (connector 0.1.0 has no balance API; the account itself was
 * found). Any other failure (unreachable, time-out, 5xx, 401) rejects as usual.
 */
async function fetchBalance(client: ProviderClient, nativeId: string): Promise<BalanceRead> {
  let body: unknown;
  try {
    body = await client.get(['accounts', nativeId, 'balance'], { parse: parseExactJson });
  } catch (error) {
    if (error instanceof GatewayError && error.code === ErrorCode.NotFound) {
      return { unreadable: client.error(ErrorCode.UpstreamError, 'Interledger offers no balance for this account (connector versions before 0.2.0 have no balance API).') };
    }
    throw error;
  }
  try {
    return { balance: toInterledgerBalance(readWire(client, balanceWire, body, 'GET /accounts/{accountId}/balance')) };
  } catch (error) {
    if (error instanceof GatewayError) return { unreadable: error };
    throw error;
  }
}

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
    interledgerAccounts: (_root, args, ctx, info) => listInterledgerAccounts(ctx, args, info),
  },
  Mutation: {
    interledgerAccountCreate: (_root, { input, idempotencyKey }, ctx) =>
      ctx.idempotent('interledgerAccountCreate', idempotencyKey, input, () => createAccount(ctx.client('INTERLEDGER'), input)),
    interledgerAccountUpdate: (_root, { id, input }, ctx) => updateAccount(ctx.client('INTERLEDGER'), id, input),
    interledgerAccountDelete: (_root, { id }, ctx) => deleteAccount(ctx.client('INTERLEDGER'), id),
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
    settleThreshold: (settings) => limit(settings.settleThreshold ?? null, (settings as InterledgerBalanceSettingsModel).unreadable, 'settleThreshold'),
    settleTo: (settings) => limit(settings.settleTo ?? null, (settings as InterledgerBalanceSettingsModel).unreadable, 'settleTo'),
  },
};

export const interledger: ProviderModule<InterledgerSource> = {
  provider: 'INTERLEDGER',
  parseNativeId,
  createSource,
  resolvers,
  lazyFields: { typename: 'InterledgerAccount', fields: ['balances', 'balance'], prefetch: (source, nativeId) => source.balance(nativeId) },
};
