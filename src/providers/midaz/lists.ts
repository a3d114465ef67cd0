// The Midaz account list: filters, Midaz's page/limit scheme behind opaque cursors, and priming of the loader.
import type { GraphQLResolveInfo } from 'graphql';
import type { QueryMidazAccountsArgs } from '../../generated/resolvers-types.js';
import { badUserInput, ErrorCode } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readEntries, readWire } from '../../upstream/wire.js';
import { openPage, type Connection, type Edge } from '../shared/connection.js';
import { readerAt } from '../shared/entries.js';
import { fetchAnswer } from '../shared/fetched.js';
import type { ProviderCall } from '../shared/resolve.js';
import { listPathId, parseListFilter, type ListFilter } from './input.js';
import { toListQuery, toMidazAccount } from './mapping.js';
import type { MidazAccountModel } from './model.js';
import { accountsPath } from './paths.js';
import { parseExactJson, wireAccountPageSchema, wireAccountSchema, wireErrorSchema } from './wire.js';

/** Midaz's `MAX_PAGINATION_LIMIT`: a larger `limit` is refused with 0080. */
export const MAX_PAGE_LIMIT = 100;
const ROUTE = 'GET /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts';

/**
 * Midaz's answer to a list nothing matches: 404 with code 0064 "No Accounts Found" (LerianStudio/midaz
 * components/ledger/internal/services/query/get_all_metadata_accounts.go and get_all_accounts.go, pkg/errors.go). The
 * list route checks neither the organization nor the ledger, so this is its only 404 with a Midaz body; any other
 * 404 (a proxy's or Fiber's "Cannot GET", a wrong base URL) stays an error.
 */
export const isNoAccountsFound = (status: number, body: unknown): boolean => status === 404 && wireErrorSchema.safeParse(body).data?.code === '0064';

/** Which page to ask for, at which limit, so that one call (two at most) covers the accounts `offset … offset+first-1`. */
export interface PagePlan {
  limit: number;
  page: number;
}

/**
 * Midaz pages by number, so a position (how many accounts come before) can only be asked for at a limit dividing it.
 * Plain forward paging (`offset` a multiple of `first`) asks for exactly `first`; a position reached with another
 * `first` uses the smallest larger limit that divides it, else the maximum limit, whose window spans two pages at most.
 */
export function planPage(offset: number, first: number, max = MAX_PAGE_LIMIT): PagePlan {
  for (let limit = first; limit <= max; limit += 1) {
    if (offset % limit === 0) return { limit, page: offset / limit + 1 };
  }
  return { limit: max, page: Math.floor(offset / max) + 1 };
}

export interface Window<T> {
  items: T[];
  /** True when accounts follow the window, or may (the last page read was full: Midaz sends no total). */
  hasNextPage: boolean;
}

/** Reads the pages a plan needs and cuts the window out of them. */
export async function readWindow<T>(offset: number, first: number, readPage: (plan: PagePlan) => Promise<T[]>): Promise<Window<T>> {
  const plan = planPage(offset, first);
  const start = (plan.page - 1) * plan.limit;
  const items: T[] = [];
  let full = false;
  for (let page = plan.page; page < plan.page + 2; page += 1) {
    const got = await readPage({ limit: plan.limit, page });
    items.push(...got);
    full = got.length >= plan.limit;
    if (!full || start + items.length >= offset + first) break;
  }
  const from = offset - start;
  return { items: items.slice(from, from + first), hasNextPage: start + items.length > offset + first || full };
}

/** The position a cursor holds: how many accounts of the list come before the next one. */
function parseOffset(position: string): number {
  if (!/^\d{1,9}$/.test(position)) throw badUserInput('The cursor is not valid for this list and these arguments; start again without `after`.');
  return Number(position);
}

/**
 * One page of the list as Midaz answers it: an entry per account listed, in order, null for one that cannot be read
 * (no readable id: it is left out and counted, and keeps its place so positions and cursors stay right). `items: null`
 * (Go's nil slice), a 204 and a 404 0064 are an empty page. Throws UPSTREAM_ERROR when `items` is missing or not a list.
 */
async function readAccountPage(
  client: ProviderClient,
  organizationId: string,
  ledgerId: string,
  query: Record<string, string>,
): Promise<Array<MidazAccountModel | null>> {
  const answer = await fetchAnswer(client, accountsPath(organizationId, ledgerId), { query, parse: parseExactJson, emptyIf: isNoAccountsFound });
  if (answer.body === undefined) return [];
  const page = readWire(client, wireAccountPageSchema, answer.body, ROUTE);
  const entryReader = readerAt(client, 'items[]');
  return (page.items ?? []).map((item) => {
    const read = readEntries(entryReader, wireAccountSchema, [item], ROUTE).entries[0];
    return read ? answer.stamp(toMidazAccount(read)) : null;
  });
}

/**
 * Resolver of `Query.midazAccounts`: checks everything first, then one list call per page needed. An account listed
 * without a readable id is left out, with an error at the field's path (`info`); an empty page ends the list cleanly.
 */
export async function listAccounts(
  on: ProviderCall<'MIDAZ'>,
  args: QueryMidazAccountsArgs,
  info: Pick<GraphQLResolveInfo, 'path'>,
): Promise<Connection<MidazAccountModel>> {
  const organizationId = listPathId(args.organizationId, 'organizationId');
  const ledgerId = listPathId(args.ledgerId, 'ledgerId');
  const filter: ListFilter = parseListFilter(args.filter);
  const request = openPage(
    on,
    { provider: 'MIDAZ', name: 'midaz.accounts', signed: { organizationId, ledgerId, filter }, maxSize: MAX_PAGE_LIMIT },
    args,
    info,
  );
  const offset = request.after === undefined ? 0 : parseOffset(request.after);

  const { client } = on;
  const query = toListQuery(filter);
  const window = await readWindow(offset, request.size, ({ limit, page }) =>
    readAccountPage(client, organizationId, ledgerId, { ...query, limit: String(limit), page: String(page) }),
  );

  const edges: Array<Edge<MidazAccountModel>> = [];
  window.items.forEach((node, index) => {
    if (node === null) return;
    if (node.organizationId !== organizationId || node.ledgerId !== ledgerId) {
      throw client.error(ErrorCode.UpstreamError, 'Midaz listed an account of another ledger than the one asked for.');
    }
    on.source.prime(node);
    edges.push({ node, cursor: request.cursor(String(offset + index + 1)) });
  });
  // The end lies after the window's last position, even when Midaz's entry there was left out: the next page starts past it.
  const endPosition = window.items.length > 0 ? String(offset + window.items.length) : undefined;
  return request.connection(edges, { more: window.hasNextPage, endPosition, leftOut: window.items.length - edges.length });
}
