// Reading the connector's accounts and balances: one account, the whole list (for batches and pages), one balance.
import { ErrorCode, GatewayError } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { loadByListOrEach, type SourceOptions } from '../batch.js';
import { fetchAnswer, type Answer } from '../shared/fetched.js';
import { normaliseAccountId } from './accountId.js';
import { toInterledgerAccount, toInterledgerBalance } from './mapping.js';
import type { BalanceRead, InterledgerAccountModel } from './model.js';
import { accountPageWire, accountWire, balanceWire, parseExactJson } from './wire.js';

export const ACCOUNT_ROUTE = 'GET /accounts/{accountId}';
export const LIST_ROUTE = 'GET /accounts';

/** One account, read under the tolerant rule (wire.ts). */
export async function fetchAccount(client: ProviderClient, nativeId: string): Promise<InterledgerAccountModel> {
  const answer = await fetchAnswer(client, ['accounts', nativeId], { parse: parseExactJson });
  return answer.stamp(toInterledgerAccount(nativeId, readWire(client, accountWire, answer.body, ACCOUNT_ROUTE), answer.body));
}

/** Every account of the connector, by normalised id, each entry unread; entries without a readable `accountId` counted. */
export interface AccountList {
  items: Map<string, unknown>;
  unnamed: number;
  /** Stamps the models read from the entries with the time of the list's answer. */
  stamp: Answer['stamp'];
}

/** The entries of the list body, unread: a 204 or an empty body, and a page without `_embedded`, are no entries. */
function listEntries(client: ProviderClient, body: unknown): unknown[] {
  if (body === undefined || body === null || body === '') return [];
  return readWire(client, accountPageWire, body, LIST_ROUTE);
}

/**
 * Every account of the connector (`GET /accounts` ignores paging), by normalised id, each entry unread until used
 * (the batch loader reads only those it needs). Entries without a readable `accountId` are left out and counted.
 */
export async function fetchAccountList(client: ProviderClient): Promise<AccountList> {
  const answer = await fetchAnswer(client, ['accounts'], { parse: parseExactJson });
  const items = new Map<string, unknown>();
  let unnamed = 0;
  for (const item of listEntries(client, answer.body)) {
    const id = (item as { accountId?: unknown } | null)?.accountId;
    if (typeof id === 'string' && id) items.set(normaliseAccountId(id), item);
    else unnamed += 1;
  }
  return { items, unnamed, stamp: answer.stamp };
}

/**
 * Many accounts at once: from the list threshold on, one list call answers them all. Accounts the list lacks, or every
 * account when the list is refused (a non-admin credential, a server without the route), fall back to one call each.
 */
export function loadAccounts(
  client: ProviderClient,
  ids: readonly string[],
  options: SourceOptions,
): Promise<Array<InterledgerAccountModel | Error>> {
  return loadByListOrEach(
    ids,
    options,
    async (_wanted, found) => {
      const list = await fetchAccountList(client);
      for (const [id, item] of list.items)
        found.set(id, () => list.stamp(toInterledgerAccount(id, readWire(client, accountWire, item, LIST_ROUTE), item)));
    },
    (id) => fetchAccount(client, id),
  );
}

/**
 * The account's balance, or why it cannot be shown: a body whose amounts cannot be read exactly (refused under the
 * tolerant rule, logged with its field paths), or a 404 (connector 0.1.0 has no balance API; the account itself was
 * found). Any other failure (unreachable, time-out, 5xx, 401) rejects as usual.
 */
export async function fetchBalance(client: ProviderClient, nativeId: string): Promise<BalanceRead> {
  let body: unknown;
  try {
    body = await client.get(['accounts', nativeId, 'balance'], { parse: parseExactJson });
  } catch (error) {
    if (error instanceof GatewayError && error.code === ErrorCode.NotFound) {
      return {
        unreadable: client.error(
          ErrorCode.UpstreamError,
          'Interledger offers no balance for this account (connector versions before 0.2.0 have no balance API).',
        ),
      };
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
