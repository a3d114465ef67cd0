// The Stellar provider module: StrKey id check, a per-request loader over `GET /accounts/{id}`, and the filtered lists.
import { badUserInput, ErrorCode } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { createLoader, type SourceOptions } from '../batch.js';
import type { ProviderModule } from '../types.js';
import { toStellarAccount } from './mapping.js';
import type { StellarAccountModel, StellarSource } from './model.js';
import { accountIdProblem } from './strkey.js';
import { horizonAccount } from './wire.js';
import { listStellarAccounts, uncached } from './lists.js';

/** The native id unchanged when it is a valid `G…` account id; BAD_USER_INPUT (saying why) otherwise. */
export function parseStellarAccountId(nativeId: string): string {
  const problem = accountIdProblem(nativeId);
  if (problem) throw badUserInput(`Malformed Stellar account id: ${problem} (a StrKey public key such as GAYO…4BVA).`);
  return nativeId;
}

/** One account, read and checked. Horizon has no lookup by a list of ids, so each id is its own call. */
export async function fetchStellarAccount(client: ProviderClient, accountId: string): Promise<StellarAccountModel> {
  const { body, fetchedAt } = await client.fetch(['accounts', accountId]);
  const wire = readWire(client, horizonAccount, body, 'GET /accounts/{account_id}');
  if (wire.id !== accountId) {
    throw client.error(ErrorCode.UpstreamError, 'Stellar answered with a different account than the one asked for.');
  }
  return { ...toStellarAccount(wire), fetchedAt };
}

export function createStellarSource(client: ProviderClient, options?: SourceOptions): StellarSource {
  const loader = createLoader((id) => fetchStellarAccount(client, id), options);
  return { account: (nativeId) => loader.load(nativeId), prime: (account) => void loader.prime(account.nativeId, account) };
}

export const stellar: ProviderModule<StellarSource> = {
  provider: 'STELLAR',
  parseNativeId: parseStellarAccountId,
  createSource: createStellarSource,
  resolvers: {
    Query: {
      stellarAccounts: (_root, args, ctx, info) => {
        uncached(info);
        return listStellarAccounts(ctx, args);
      },
    },
  },
};
