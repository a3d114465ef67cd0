// The Taler provider module: username rules, and a per-request source that fetches each account once.
import DataLoader from 'dataloader';
import { ErrorCode } from '../../errors.js';
import { requirePattern } from '../../ids.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { loadEach } from '../batch.js';
import type { ProviderModule } from '../types.js';
import { toTalerAccount } from './mapping.js';
import type { TalerAccountModel, TalerSource } from './model.js';
import { WireAccountData } from './wire.js';

/** libeufin-bank's username alphabet, with the docs' length limit. */
const USERNAME = /^[A-Za-z0-9._~-]{1,126}$/;

export const taler: ProviderModule<TalerSource> = {
  provider: 'TALER',
  // Taler usernames are case-sensitive, so the id is returned exactly as given.
  parseNativeId: (nativeId) =>
    requirePattern(nativeId, USERNAME, 'Taler username: 1 to 126 characters from A-Z, a-z, 0-9 and . _ ~ -'),
  createSource,
  resolvers: {},
};

function createSource(client: ProviderClient): TalerSource {
  const loader = new DataLoader<string, TalerAccountModel>((usernames) => loadEach(usernames, (username) => fetchAccount(client, username)));
  return { account: (username) => loader.load(username) };
}

async function fetchAccount(client: ProviderClient, username: string): Promise<TalerAccountModel> {
  const wire = readWire(client, WireAccountData, await client.get(['accounts', username]));
  try {
    return toTalerAccount(username, wire);
  } catch (cause) {
    throw client.error(ErrorCode.UpstreamError, 'Taler sent a response the gateway could not read.', { cause });
  }
}
