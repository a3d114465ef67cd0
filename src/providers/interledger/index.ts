// The Interledger provider module: id rules, per-request loaders for accounts and balances, and lazy balance resolvers.
import DataLoader from 'dataloader';
import type { InterledgerBalance, Resolvers } from '../../generated/resolvers-types.js';
import { badUserInput } from '../../errors.js';
import { requirePattern } from '../../ids.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { loadEach } from '../batch.js';
import type { ProviderModule } from '../types.js';
import { toBalances, toInterledgerAccount, toInterledgerBalance } from './mapping.js';
import type { InterledgerAccountModel, InterledgerSource } from './model.js';
import { accountWire, balanceWire, parseExactJson } from './wire.js';

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
  const body = await client.get(['accounts', nativeId], { parse: parseExactJson });
  return toInterledgerAccount(nativeId, readWire(client, accountWire, body));
}

async function fetchBalance(client: ProviderClient, nativeId: string): Promise<InterledgerBalance> {
  const body = await client.get(['accounts', nativeId, 'balance'], { parse: parseExactJson });
  return toInterledgerBalance(readWire(client, balanceWire, body));
}

function createSource(client: ProviderClient): InterledgerSource {
  const accounts = new DataLoader<string, InterledgerAccountModel>((ids) => loadEach(ids, (id) => fetchAccount(client, id)));
  const balances = new DataLoader<string, InterledgerBalance>((ids) => loadEach(ids, (id) => fetchBalance(client, id)));
  return {
    account: (nativeId) => accounts.load(nativeId),
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
