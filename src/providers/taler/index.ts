// The Taler provider module: username rules, a per-request source that fetches each account once, the list and the mutations.
import { ErrorCode, type GatewayError } from '../../errors.js';
import type { RequestContext } from '../../context.js';
import { requirePattern } from '../../ids.js';
import type { ProviderClient } from '../../upstream/client.js';
import { withLeftOut } from '../../partialResults.js';
import { createBatchLoader, createLoader, DEFAULT_SOURCE_OPTIONS, loadEach, type SourceOptions } from '../batch.js';
import type { ProviderModule } from '../types.js';
import type { TalerAccountModel, TalerSource } from './model.js';
import { fetchTalerAccount } from './read.js';
import { TALER_USERNAME } from './inputs.js';
import { listTalerAccounts, readAccountPage, uncached } from './lists.js';
import { createTalerAccount, deleteTalerAccount, updateTalerAccount } from './mutations.js';

/** Pages of the admin list read at most, and accounts per page: past them, single calls are cheaper. */
const LIST_PAGE_SIZE = 500;
const MAX_LIST_PAGES = 4;

export const taler: ProviderModule<TalerSource> = {
  provider: 'TALER',
  // Taler usernames are case-sensitive, so the id is returned exactly as given.
  parseNativeId: (nativeId) =>
    requirePattern(nativeId, TALER_USERNAME, 'Taler username: 1 to 126 characters from A-Z, a-z, 0-9 and . _ ~ -'),
  createSource,
  resolvers: {
    Query: {
      talerAccounts: (_root, args, ctx, info) => {
        uncached(info);
        return listTalerAccounts(ctx, args, info);
      },
    },
    Mutation: {
      talerAccountCreate: (_root, { input, idempotencyKey }, ctx) =>
        ctx.idempotent('talerAccountCreate', idempotencyKey, input, () => createTalerAccount(ctx, input)),
      talerAccountUpdate: (_root, { id, input }, ctx) => updateTalerAccount(ctx, id, input),
      talerAccountDelete: (_root, { id }, ctx) => deleteTalerAccount(ctx, id),
    },
    TalerAccount: {
      // A balance the bank sent that could not be read exactly is left out, with an error at this path.
      balances: (account, _args, ctx, info) =>
        withLeftOut(ctx.partial, info, 'TALER', { entries: account.balances, omitted: account.omittedBalances ?? 0 }),
      // Lists before libeufin 0.9.3-8 (API 2:0:2) carry no payto URI: the account itself has it.
      paytoUri: (account, _args, ctx) => (account.listed && account.paytoUri == null ? detail(account, ctx, (full) => full.paytoUri ?? null) : account.paytoUri ?? null),
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

/**
 * With admin credentials the bank's account list carries balances: from `listThreshold` distinct usernames on,
 * a few pages of it replace one call per account. Usernames not on those pages, or every username when the list
 * is refused (not admin), fall back to single calls.
 */
async function loadAccounts(
  client: ProviderClient,
  usernames: readonly string[],
  options: SourceOptions,
  loadOne: (username: string) => Promise<TalerAccountModel>,
): Promise<Array<TalerAccountModel | Error>> {
  if (!options.listThreshold || usernames.length < options.listThreshold) return loadEach(usernames, loadOne);
  const wanted = new Set(usernames);
  const found = new Map<string, TalerAccountModel>();
  try {
    await scanList(client, wanted, found, Math.min(MAX_LIST_PAGES, usernames.length - 1));
  } catch (error) {
    const code = (error as GatewayError)?.code;
    if (code === ErrorCode.UpstreamTimeout || code === ErrorCode.RateLimited) return usernames.map(() => error as Error);
  }
  return loadEach(usernames, async (username) => found.get(username) ?? loadOne(username));
}

async function scanList(client: ProviderClient, wanted: Set<string>, found: Map<string, TalerAccountModel>, maxPages: number): Promise<void> {
  let offset = 0;
  for (let page = 0; page < maxPages && found.size < wanted.size; page += 1) {
    const size = String(LIST_PAGE_SIZE);
    // `limit`/`offset` since v5; `delta`/`start` for older servers (libeufin v0.11 knows only those).
    const query = { limit: size, delta: size, ...(offset ? { offset: String(offset), start: String(offset) } : {}) };
    const { body, fetchedAt } = await client.fetch(['accounts'], { query });
    if (body === undefined) return;
    const rows = readAccountPage(client, body);
    for (const row of rows) {
      if (row.account && wanted.has(row.account.nativeId)) found.set(row.account.nativeId, { ...row.account, fetchedAt, listed: true });
      if (row.rowId !== undefined) offset = Math.max(offset, Number(row.rowId));
    }
    // Servers before libeufin API 4:2:0 send no row ids, so no next page: the rest are read one by one.
    if (rows.length < LIST_PAGE_SIZE || rows.some((row) => row.rowId === undefined)) return;
  }
}
