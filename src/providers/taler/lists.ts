// The bank's account list (admin `GET /accounts`) as a Relay connection: row-id paging, `filter_name`, 204 = empty.
import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../context.js';
import { pageSize } from '../../cursor.js';
import { badUserInput } from '../../errors.js';
import type { PageInfo, QueryTalerAccountsArgs } from '../../generated/resolvers-types.js';
import { readWire } from '../../upstream/wire.js';
import { toTalerAccount } from './mapping.js';
import type { TalerAccountModel } from './model.js';
import { mapOrRefuse } from './read.js';
import { WireAccountList } from './wire.js';

const LIST = 'talerAccounts';
/** libeufin v0.11.1 enforces no maximum; the gateway keeps pages to this. */
export const TALER_MAX_PAGE = 100;

/** The connection with its accounts resolved (assignable to the generated `TalerAccountConnection`). */
export interface Connection {
  edges: Array<{ cursor: string; node: TalerAccountModel }>;
  nodes: TalerAccountModel[];
  pageInfo: PageInfo;
}

/** Lists hold data read for this caller now: never cached, never shared. */
export function uncached(info: GraphQLResolveInfo): void {
  maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: 0, scope: 'PRIVATE' });
}

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

export async function listTalerAccounts(ctx: RequestContext, args: QueryTalerAccountsArgs): Promise<Connection> {
  const size = pageSize(args.first, TALER_MAX_PAGE);
  const filters = { filterName: args.filterName ?? undefined };
  const after = args.after == null ? undefined : ctx.cursors.decode(args.after, LIST, filters);
  if (after !== undefined && !/^\d{1,15}$/.test(after)) throw badUserInput('The cursor is not valid for this list; start again without `after`.');
  const client = ctx.client('TALER');
  const { body, fetchedAt } = await client.fetch(['accounts'], { query: listQuery(size, after, filters.filterName) });
  // 204 (no body) is how the bank says the page is empty.
  const rows = body === undefined ? [] : readWire(client, WireAccountList, body, 'GET /accounts').accounts;
  const page = rows.slice(0, size);
  const source = ctx.source('TALER');
  const edges = page.map((row) => {
    const node: TalerAccountModel = { ...mapOrRefuse(client, () => toTalerAccount(row.username, row)), fetchedAt, listed: true };
    source.prime(node);
    return { cursor: ctx.cursors.encode(LIST, filters, String(row.row_id)), node };
  });
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
