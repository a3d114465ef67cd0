// The Conduit provider module: id rule, a per-request batched source of accounts, and (no) resolvers.
import { ErrorCode } from '../../errors.js';
import { requirePattern } from '../../ids.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { createLoader, type SourceOptions } from '../batch.js';
import type { ProviderModule } from '../types.js';
import { toConduitAccount } from './mapping.js';
import type { ConduitAccountModel, ConduitSource } from './model.js';
import { ACCOUNT_ID, GetAccountResponse } from './wire.js';

function parseNativeId(nativeId: string): string {
  return requirePattern(nativeId, ACCOUNT_ID, 'Conduit account id: expected `acct_` followed by 27 letters or digits, e.g. `acct_2fvietuCNSu8unMNLsEGBrDTVFn`');
}

/**
 * Conduit has no lookup by a list of ids, so each distinct id is one `GET /accounts/{id}`, all in
 * flight together. Upstream failures keep the client's status mapping: Conduit's documented error
 * body (`{errors:[{detail,code}]}`) carries nothing the gateway may show, and its undocumented 404
 * for an unknown id comes out NOT_FOUND by status alone.
 */
async function fetchAccount(client: ProviderClient, id: string): Promise<ConduitAccountModel> {
  const { body, fetchedAt } = await client.fetch(['accounts', id]);
  const wire = readWire(client, GetAccountResponse, body);
  if (wire.id !== id) {
    throw client.error(ErrorCode.UpstreamError, 'Conduit answered with a different account than the one asked for.');
  }
  return { ...toConduitAccount(wire), fetchedAt };
}

function createSource(client: ProviderClient, options?: SourceOptions): ConduitSource {
  const loader = createLoader((id) => fetchAccount(client, id), options);
  return { account: (nativeId) => loader.load(nativeId), prime: (account) => void loader.prime(account.nativeId, account) };
}

export const conduit: ProviderModule<ConduitSource> = {
  provider: 'CONDUIT',
  parseNativeId,
  createSource,
  resolvers: {},
};
