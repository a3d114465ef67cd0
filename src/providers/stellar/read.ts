// Reading Horizon accounts under the shared tolerant-reading rule: the account, then each balance line and signer.
import { ErrorCode } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire, type WireReader } from '../../upstream/wire.js';
import { readEach, readerAt } from '../shared/entries.js';
import { fetchAnswer } from '../shared/fetched.js';
import { toStellarAccount } from './mapping.js';
import type { StellarAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import { horizonAccount, horizonBalanceEntry, horizonSignerEntry } from './wire.js';

/**
 * A Horizon account body (`GET /accounts/{account_id}`, or one record of `GET /accounts` with `at` =
 * `_embedded.records[]`) → the account model. Throws UPSTREAM_ERROR only when the id or the `balances` array cannot
 * be read; an unreadable balance line or signer costs only itself (counted in `leftOut`).
 */
export function readStellarAccount(client: WireReader, body: unknown, route: string, at = ''): Mapped<StellarAccountModel> {
  const prefix = (field: string) => (at ? `${at}.${field}` : field);
  const account = readWire(at ? readerAt(client, at) : client, horizonAccount, body, route);
  return toStellarAccount({
    account,
    lines: readEach(client, horizonBalanceEntry, account.balances, route, prefix('balances')),
    signers: account.signers == null ? null : readEach(client, horizonSignerEntry, account.signers, route, prefix('signers')),
  });
}

/**
 * One account, read under the tolerant-reading rule (see wire.ts) and checked to be the one asked for. Horizon has
 * no lookup by a list of ids, so each id is its own call. UPSTREAM_ERROR when the id or the balances cannot be read.
 */
export async function fetchStellarAccount(client: ProviderClient, accountId: string): Promise<StellarAccountModel> {
  const answer = await fetchAnswer(client, ['accounts', accountId]);
  const account = readStellarAccount(client, answer.body, 'GET /accounts/{account_id}');
  if (account.nativeId !== accountId) {
    throw client.error(ErrorCode.UpstreamError, 'Stellar answered with a different account than the one asked for.');
  }
  return answer.stamp(account);
}
