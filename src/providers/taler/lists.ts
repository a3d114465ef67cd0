// The bank's account list (admin `GET /accounts`) as a Relay connection: row-id paging, `filter_name`, 204 = empty.
import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput } from '../../errors.js';
import type { QueryTalerAccountsArgs } from '../../generated/resolvers-types.js';
import { openPage, type Connection, type Edge } from '../shared/connection.js';
import { fetchAnswer } from '../shared/fetched.js';
import type { ProviderCall } from '../shared/resolve.js';
import type { TalerAccountModel } from './model.js';
import { readAccountPage } from './read.js';

/** libeufin v0.11.1 enforces no maximum; the gateway keeps pages to this. */
export const TALER_MAX_PAGE = 100;

/** Query of one page: one more row than asked, to know whether another page follows. */
export function listQuery(size: number, afterRowId: string | undefined, filterName: string | undefined): Record<string, string> {
  const limit = String(size + 1);
  // `limit`/`offset` since protocol v5; `delta`/`start` for older servers (libeufin v0.11 knows only those).
  return {
    limit,
    delta: limit,
    ...(afterRowId === undefined ? {} : { offset: afterRowId, start: afterRowId }),
    ...(filterName === undefined ? {} : { filter_name: filterName }),
  };
}

/**
 * Where a cursor points: after a row id (servers that send `row_id`), or after the first `seen` rows of the list
 * (`p:<seen>`, for servers before libeufin API 4:2:0, whose entries have no row id: the page then asks for
 * `seen + size + 1` rows from the start and skips the first `seen`).
 */
type Position = { rowId: string } | { seen: number };

function parsePosition(text: string): Position {
  if (/^\d{1,15}$/.test(text)) return { rowId: text };
  const seen = /^p:(\d{1,7})$/.exec(text)?.[1];
  if (seen !== undefined) return { seen: Number(seen) };
  throw badUserInput('The cursor is not valid for this list; start again without `after`.');
}

/**
 * One page of the admin list. Entries the bank sent unreadably are left out with an UPSTREAM_ERROR at the field's
 * path (`info`), and the cursors still move past them; `hasNextPage` is true only when the bank sent a row beyond
 * the page, so it never leads to an error page (an empty next page is a 204, read as an empty connection).
 */
export async function listTalerAccounts(
  on: ProviderCall<'TALER'>,
  args: QueryTalerAccountsArgs,
  info: Pick<GraphQLResolveInfo, 'path'>,
): Promise<Connection<TalerAccountModel>> {
  const filters = { filterName: args.filterName ?? undefined };
  const request = openPage(on, { provider: 'TALER', name: 'talerAccounts', signed: filters, maxSize: TALER_MAX_PAGE }, args, info);
  const { size } = request;
  const after = request.after === undefined ? undefined : parsePosition(request.after);
  const skip = after && 'seen' in after ? after.seen : 0;
  const { client } = on;
  const query = listQuery(skip + size, after && 'rowId' in after ? after.rowId : undefined, filters.filterName);
  const answer = await fetchAnswer(client, ['accounts'], { query });
  const rows = readAccountPage(client, answer.body);
  const page = rows.slice(skip, skip + size);
  // Row ids when resuming after one, or when every row has one; positions otherwise (servers before API 4:2:0).
  const byRowId = after ? 'rowId' in after : rows.every((row) => row.rowId !== undefined);
  let lastRowId = after && 'rowId' in after ? after.rowId : undefined;
  let endPosition: string | undefined;
  let leftOut = 0;
  const edges: Array<Edge<TalerAccountModel>> = [];
  page.forEach((row, index) => {
    if (row.rowId !== undefined) lastRowId = row.rowId;
    endPosition = byRowId ? lastRowId : `p:${skip + index + 1}`;
    if (!row.account) {
      leftOut += 1;
      return;
    }
    const node = answer.stamp({ ...row.account, listed: true });
    on.source.prime(node);
    edges.push({ cursor: request.cursor(endPosition ?? ''), node });
  });
  // `endCursor` lies past the page's last row even when that entry was left out, so the next page does not repeat it.
  return request.connection(edges, { more: rows.length > skip + size, endPosition, leftOut });
}
