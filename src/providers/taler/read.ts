// Reading Taler accounts: one account (`GET /accounts/{username}`), the admin list's rows, and batches through that list.
import { GatewayError } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { loadByListOrEach, type SourceOptions } from '../batch.js';
import { fetchAnswer } from '../shared/fetched.js';
import type { Mapped } from '../types.js';
import { toTalerAccount, type BalanceRefused } from './mapping.js';
import type { TalerAccountModel } from './model.js';
import { WireAccountData, WireAccountList, WireAccountMinimalData } from './wire.js';

/** The route template operators see in the logs and metrics for an account read. */
export const ACCOUNT_ROUTE = 'GET /accounts/{username}';
/** The route template operators see in the logs and metrics for the admin list. */
export const LIST_ROUTE = 'GET /accounts';

/**
 * The account, read under the tolerant-reading rule (wire.ts): UPSTREAM_ERROR only when the body has no balance
 * object; a balance that cannot be read exactly is left out (logged, counted) and the account stands.
 * `fresh`: skip the shared cache (the read-back after a change must see the change).
 */
export async function fetchTalerAccount(client: ProviderClient, username: string, fresh = false): Promise<TalerAccountModel> {
  const answer = await fetchAnswer(client, ['accounts', username], { noCache: fresh });
  const wire = readWire(client, WireAccountData, answer.body, ACCOUNT_ROUTE);
  return answer.stamp(toTalerAccount(username, wire, balanceRefused(client, ACCOUNT_ROUTE)));
}

/**
 * Reports a balance the mapping left out: the provider, the route and the field paths (relative to the account or
 * list entry, like readWire's), never the values.
 */
export function balanceRefused(client: Pick<ProviderClient, 'reportWire'>, route: string): BalanceRefused {
  return (fields) => client.reportWire({ outcome: 'refused', route, fields });
}

/** One row of a list answer, in the bank's order: its row id where it has a readable one, its account where readable. */
export interface ListedRow {
  /** `row_id` as decimal text; absent before libeufin API 4:2:0 (0.9.4), which did not send it. */
  rowId?: string;
  /** The account, or absent when the entry was refused (no valid username, no balance object). */
  account?: Mapped<TalerAccountModel>;
}

/**
 * The rows of a `GET /accounts` answer (`undefined` body: a 204, the bank's empty page): each entry read on its own
 * (one refused entry costs only itself, logged with its field paths), a missing or null `accounts` an empty page.
 */
export function readAccountPage(client: ProviderClient, body: unknown): ListedRow[] {
  if (body === undefined) return [];
  const items = readWire(client, WireAccountList, body, LIST_ROUTE).accounts ?? [];
  const refused = balanceRefused(client, LIST_ROUTE);
  return items.map((item) => {
    const rowId = WireAccountMinimalData.shape.row_id.safeParse((item as { row_id?: unknown } | null)?.row_id).data;
    const row: ListedRow = rowId == null ? {} : { rowId: String(rowId) };
    try {
      const entry = readWire(client, WireAccountMinimalData, item, LIST_ROUTE);
      row.account = toTalerAccount(entry.username, entry, refused);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
    }
    return row;
  });
}

/** Pages of the admin list read at most, and accounts per page: past them, single calls are cheaper. */
const LIST_PAGE_SIZE = 500;
const MAX_LIST_PAGES = 4;

/**
 * With admin credentials the bank's account list carries balances: from `listThreshold` distinct usernames on,
 * a few pages of it replace one call per account. Usernames not on those pages, or every username when the list
 * is refused (not admin), fall back to single calls.
 */
export function loadAccounts(
  client: ProviderClient,
  usernames: readonly string[],
  options: SourceOptions,
  loadOne: (username: string) => Promise<TalerAccountModel>,
): Promise<Array<TalerAccountModel | Error>> {
  return loadByListOrEach(
    usernames,
    options,
    (wanted, found) => scanList(client, wanted, found, Math.min(MAX_LIST_PAGES, usernames.length - 1)),
    loadOne,
  );
}

async function scanList(
  client: ProviderClient,
  wanted: ReadonlySet<string>,
  found: Map<string, () => TalerAccountModel>,
  maxPages: number,
): Promise<void> {
  let offset = 0;
  for (let page = 0; page < maxPages && found.size < wanted.size; page += 1) {
    const size = String(LIST_PAGE_SIZE);
    // `limit`/`offset` since v5; `delta`/`start` for older servers (libeufin v0.11 knows only those).
    const query = { limit: size, delta: size, ...(offset ? { offset: String(offset), start: String(offset) } : {}) };
    const answer = await fetchAnswer(client, ['accounts'], { query });
    if (answer.body === undefined) return;
    const rows = readAccountPage(client, answer.body);
    for (const row of rows) {
      const account = row.account;
      if (account && wanted.has(account.nativeId)) found.set(account.nativeId, () => answer.stamp({ ...account, listed: true }));
      if (row.rowId !== undefined) offset = Math.max(offset, Number(row.rowId));
    }
    // Servers before libeufin API 4:2:0 send no row ids, so no next page: the rest are read one by one.
    if (rows.length < LIST_PAGE_SIZE || rows.some((row) => row.rowId === undefined)) return;
  }
}
