// The Midaz account list: filters, Midaz's page/limit scheme behind opaque cursors, and priming of the loader.
import type { QueryMidazAccountsArgs } from '../../generated/resolvers-types.js';
import type { RequestContext } from '../../context.js';
import { badUserInput, ErrorCode } from '../../errors.js';
import { pageSize } from '../../cursor.js';
import { readWire } from '../../upstream/wire.js';
import { listPathId, parseListFilter, type ListFilter } from './input.js';
import { toListQuery, toMidazAccount } from './mapping.js';
import type { MidazAccountModel } from './model.js';
import { accountsPath } from './paths.js';
import { parseExactJson, wireAccountPageSchema } from './wire.js';

/** Midaz's `MAX_PAGINATION_LIMIT`: a larger `limit` is refused with 0080. */
export const MAX_PAGE_LIMIT = 100;
const LIST = 'midaz.accounts';

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
function decodeOffset(ctx: RequestContext, after: string, signed: unknown): number {
  const position = ctx.cursors.decode(after, LIST, signed);
  if (!/^\d{1,9}$/.test(position)) throw badUserInput('The cursor is not valid for this list and these arguments; start again without `after`.');
  return Number(position);
}

/** Resolver of `Query.midazAccounts`: checks everything first, then one list call per page needed. */
export async function listAccounts(ctx: RequestContext, args: QueryMidazAccountsArgs) {
  const organizationId = listPathId(args.organizationId, 'organizationId');
  const ledgerId = listPathId(args.ledgerId, 'ledgerId');
  const filter: ListFilter = parseListFilter(args.filter);
  const first = pageSize(args.first, MAX_PAGE_LIMIT);
  const signed = { organizationId, ledgerId, filter };
  const offset = args.after === null || args.after === undefined ? 0 : decodeOffset(ctx, args.after, signed);

  const client = ctx.client('MIDAZ');
  const query = toListQuery(filter);
  const window = await readWindow(offset, first, async ({ limit, page }) => {
    const { body, fetchedAt } = await client.fetch(accountsPath(organizationId, ledgerId), {
      query: { ...query, limit: String(limit), page: String(page) },
      parse: parseExactJson,
    });
    return readWire(client, wireAccountPageSchema, body, 'GET /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts').items.map((wire): MidazAccountModel => ({ ...toMidazAccount(wire), fetchedAt }));
  });

  const source = ctx.source('MIDAZ');
  const edges = window.items.map((node, index) => {
    if (node.organizationId !== organizationId || node.ledgerId !== ledgerId) {
      throw client.error(ErrorCode.UpstreamError, 'Midaz listed an account of another ledger than the one asked for.');
    }
    source.prime(node);
    return { node, cursor: ctx.cursors.encode(LIST, signed, String(offset + index + 1)) };
  });
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: window.hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
