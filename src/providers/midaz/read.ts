// Reading Midaz accounts and their balances: one account, and every page of its balances (the list reads its own pages).
import type { MidazBalance } from '../../generated/resolvers-types.js';
import { ErrorCode } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readEntries, readWire, type Entries } from '../../upstream/wire.js';
import { readerAt } from '../shared/entries.js';
import { fetchAnswer } from '../shared/fetched.js';
import { toMidazAccount, toMidazBalance } from './mapping.js';
import type { MidazAccountModel } from './model.js';
import { accountPath } from './paths.js';
import {
  BALANCE_AMOUNTS,
  BALANCE_PAGE_FIELDS,
  parseExactJson,
  strictWhenPresent,
  wireAccountSchema,
  wireBalancePageSchema,
  wireBalanceSchema,
} from './wire.js';

/** Balances asked for per page: the ledger's maximum. */
export const BALANCE_PAGE_LIMIT = 100;
/** A cursor chain longer than this is a misbehaving server, not an account (100 × 100 balance keys). */
const MAX_BALANCE_PAGES = 100;

const ACCOUNT_ROUTE = 'GET /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts/{id}';
const BALANCES_ROUTE = 'GET /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts/{id}/balances';

/** One account, checked to be the one asked for. */
export async function fetchMidazAccount(client: ProviderClient, nativeId: string): Promise<MidazAccountModel> {
  const answer = await fetchAnswer(client, accountPath(nativeId), { parse: parseExactJson });
  const account = toMidazAccount(readWire(client, wireAccountSchema, answer.body, ACCOUNT_ROUTE));
  if (account.nativeId !== nativeId) {
    throw client.error(ErrorCode.UpstreamError, 'Midaz answered with a different account than the one asked for.');
  }
  return answer.stamp(account);
}

/**
 * Every page of the account's balances, following `next_cursor` until the last page. A page whose `items` is null
 * (Go's nil slice: an empty page) or a 204 has no entries; each entry is read on its own, so one that cannot be read
 * exactly (a missing or inexact amount) is left out and counted, never the whole list. A page without `items`, or
 * whose `items` or `next_cursor` cannot be read, refuses the list (UPSTREAM_ERROR): its length could not be known.
 */
export async function fetchBalances(client: ProviderClient, nativeId: string): Promise<Entries<MidazBalance>> {
  const pageReader = strictWhenPresent(client, BALANCE_PAGE_FIELDS);
  const entryReader = strictWhenPresent(readerAt(client, 'items[]'), BALANCE_AMOUNTS);
  const entries: MidazBalance[] = [];
  let omitted = 0;
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_BALANCE_PAGES; page += 1) {
    const query: Record<string, string> = { limit: String(BALANCE_PAGE_LIMIT), ...(cursor ? { cursor } : {}) };
    const body = await client.get([...accountPath(nativeId), 'balances'], { query, parse: parseExactJson });
    const wire = body === undefined ? { items: null, next_cursor: undefined } : readWire(pageReader, wireBalancePageSchema, body, BALANCES_ROUTE);
    const read = readEntries(entryReader, wireBalanceSchema, wire.items ?? [], BALANCES_ROUTE);
    entries.push(...read.entries.map(toMidazBalance));
    omitted += read.omitted;
    cursor = wire.next_cursor || undefined;
    if (!cursor) return { entries, omitted };
    if (seen.has(cursor)) break;
    seen.add(cursor);
  }
  throw client.error(ErrorCode.UpstreamError, 'Midaz sent a list of balances that never ends.');
}
