// The Interledger provider module: id rules, per-request loaders for accounts and balances, and lazy balance resolvers.
import type { InterledgerBalance, Resolvers } from '../../generated/resolvers-types.js';
import { badUserInput } from '../../errors.js';
import { requirePattern } from '../../ids.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { createBatchLoader, createLoader, loadEach, type SourceOptions } from '../batch.js';
import type { ProviderModule } from '../types.js';
import { toBalances, toInterledgerAccount, toInterledgerBalance } from './mapping.js';
import type { InterledgerAccountModel, InterledgerSource } from './model.js';
import { accountPageWire, accountWire, balanceWire, parseExactJson, type AccountWire } from './wire.js';
import { ErrorCode, type GatewayError } from '../../errors.js';

const ACCOUNT_ID = /^[A-Za-z0-9._~-]{1,64}$/;

/** The connector's own normalisation (Ids.java): lower case, dots removed, so `Alice.B` is `aliceb`. */
export const normaliseAccountId = (accountId: string): string => accountId.toLowerCase().replaceAll('.', '');

function parseNativeId(nativeId: string): string {
  requirePattern(nativeId, ACCOUNT_ID, 'Interledger account id: 1 to 64 characters from A-Z, a-z, 0-9, ".", "_", "~" and "-"');
  const normalised = normaliseAccountId(nativeId);
  if (!normalised) throw badUserInput('An Interledger account id cannot be made only of dots.');
  return normalised;
}

async function fetchAccount(client: ProviderClient, nativeId: string): Promise<InterledgerAccountModel> {
  const { body, fetchedAt } = await client.fetch(['accounts', nativeId], { parse: parseExactJson });
  return { ...toInterledgerAccount(nativeId, readWire(client, accountWire, body)), fetchedAt };
}

/** Every account of the connector (`GET /accounts` ignores paging), by normalised id, items left unchecked until used. */
async function fetchAccountList(client: ProviderClient): Promise<{ items: Map<string, unknown>; fetchedAt: string }> {
  const { body, fetchedAt } = await client.fetch(['accounts'], { parse: parseExactJson });
  const items = new Map<string, unknown>();
  for (const item of readWire(client, accountPageWire, body)) {
    const id = (item as { accountId?: unknown })?.accountId;
    if (typeof id === 'string') items.set(normaliseAccountId(id), item);
  }
  return { items, fetchedAt };
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
    return { ...toInterledgerAccount(id, readWire(client, accountWire, item) as AccountWire), fetchedAt: list.fetchedAt };
  });
}

async function fetchBalance(client: ProviderClient, nativeId: string): Promise<InterledgerBalance> {
  const body = await client.get(['accounts', nativeId, 'balance'], { parse: parseExactJson });
  return toInterledgerBalance(readWire(client, balanceWire, body));
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
};
