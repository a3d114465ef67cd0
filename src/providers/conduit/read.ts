// Reading Conduit bodies under the shared tolerant-reading rule: the body, then each balance (and list item) alone.
import { ErrorCode } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire, type WireReader } from '../../upstream/wire.js';
import { readEach, readerAt } from '../shared/entries.js';
import { fetchAnswer } from '../shared/fetched.js';
import { toConduitAccount, toListedConduitAccount } from './mapping.js';
import type { ConduitAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import { AssetAmountEntry, ClientAccountItemWire, GetAccountWire } from './wire.js';

/**
 * `GET /accounts/{id}` → the account model. UPSTREAM_ERROR only when the id or `balances.available` cannot be read;
 * an unreadable balance costs only itself (counted in `omittedBalances`).
 */
export function readConduitAccount(client: WireReader, body: unknown, route: string): Mapped<ConduitAccountModel> {
  const account = readWire(client, GetAccountWire, body, route);
  return toConduitAccount({ account, available: readEach(client, AssetAmountEntry, account.balances.available, route, 'balances.available') });
}

/**
 * One item of `GET /clients/{id}/accounts` (`data[]`) → the listed account model. Throws UPSTREAM_ERROR when its
 * `accountId` or balances cannot be read (the caller leaves the item out and says so).
 */
export function readListedConduitAccount(client: WireReader, item: unknown, route: string): Mapped<ConduitAccountModel> {
  const account = readWire(readerAt(client, 'data[]'), ClientAccountItemWire, item, route);
  return toListedConduitAccount({
    account,
    available: readEach(client, AssetAmountEntry, account.balances.available, route, 'data[].balances.available'),
  });
}

/**
 * Conduit has no lookup by a list of ids, so each distinct id is one `GET /accounts/{id}`, all in
 * flight together. Upstream failures keep the client's status mapping: Conduit's documented error
 * body (`{errors:[{detail,code}]}`) carries nothing the gateway may show, and its undocumented 404
 * for an unknown id comes out NOT_FOUND by status alone.
 */
export async function fetchConduitAccount(client: ProviderClient, id: string): Promise<ConduitAccountModel> {
  const answer = await fetchAnswer(client, ['accounts', id]);
  const account = readConduitAccount(client, answer.body, 'GET /accounts/{id}');
  if (account.nativeId !== id) {
    throw client.error(ErrorCode.UpstreamError, 'Conduit answered with a different account than the one asked for.');
  }
  return answer.stamp(account);
}
