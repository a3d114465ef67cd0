// The bank's account list (admin `GET /accounts`) as a Relay connection: row-id paging, `filter_name`, 204 = empty.
import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../context.js';
import { pageSize } from '../../cursor.js';
import { badUserInput, GatewayError } from '../../errors.js';
import type { PageInfo, QueryTalerAccountsArgs } from '../../generated/resolvers-types.js';
import { withLeftOut } from '../../partialResults.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import type { Mapped } from '../types.js';
import { toTalerAccount } from './mapping.js';
import type { TalerAccountModel } from './model.js';
import { balanceRefused } from './read.js';
import { WireAccountList, WireAccountMinimalData } from './wire.js';

const LIST = 'talerAccounts';
/** The route template operators see in the logs and metrics for the admin list. */
export const LIST_ROUTE = 'GET /accounts';
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
export async function listTalerAccounts(ctx: RequestContext, args: QueryTalerAccountsArgs, info: Pick<GraphQLResolveInfo, 'path'>): Promise<Connection> {
  const size = pageSize(args.first, TALER_MAX_PAGE);
  const filters = { filterName: args.filterName ?? undefined };
  const after = args.after == null ? undefined : parsePosition(ctx.cursors.decode(args.after, LIST, filters));
  const skip = after && 'seen' in after ? after.seen : 0;
  const client = ctx.client('TALER');
  const query = listQuery(skip + size, after && 'rowId' in after ? after.rowId : undefined, filters.filterName);
  const { body, fetchedAt } = await client.fetch(['accounts'], { query });
  const rows = readAccountPage(client, body);
  const page = rows.slice(skip, skip + size);
  // Row ids when resuming after one, or when every row has one; positions otherwise (servers before API 4:2:0).
  const byRowId = after ? 'rowId' in after : rows.every((row) => row.rowId !== undefined);
  let lastRowId = after && 'rowId' in after ? after.rowId : undefined;
  let endPosition: string | undefined;
  let omitted = 0;
  const source = ctx.source('TALER');
  const edges: Connection['edges'] = [];
  page.forEach((row, index) => {
    if (row.rowId !== undefined) lastRowId = row.rowId;
    endPosition = byRowId ? lastRowId : `p:${skip + index + 1}`;
    if (!row.account) {
      omitted += 1;
      return;
    }
    const node: TalerAccountModel = { ...row.account, fetchedAt, listed: true };
    source.prime(node);
    edges.push({ cursor: ctx.cursors.encode(LIST, filters, endPosition ?? ''), node });
  });
  const kept = withLeftOut(ctx.partial, info, 'TALER', { entries: edges, omitted }, 'account');
  return {
    edges: kept,
    nodes: kept.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: rows.length > skip + size && endPosition !== undefined,
      hasPreviousPage: after !== undefined,
      startCursor: kept[0]?.cursor ?? null,
      // Past the page's last row even when that entry was left out, so the next page does not repeat it.
      endCursor: endPosition === undefined ? null : ctx.cursors.encode(LIST, filters, endPosition),
    },
  };
}
