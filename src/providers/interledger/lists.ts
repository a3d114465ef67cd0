// The Interledger account list: the connector's one unpaged `GET /accounts`, paged by the gateway in account-id order.
import type { GraphQLResolveInfo } from 'graphql';
import { byCodePoint, pageAfter } from '../../paging.js';
import type { InterledgerAccountConnection, QueryInterledgerAccountsArgs } from '../../generated/resolvers-types.js';
import type { RequestContext } from '../../context.js';
import { pageSize } from '../../cursor.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { withLeftOut } from '../../partialResults.js';
import { GatewayError } from '../../errors.js';
import { normaliseAccountId } from './accountId.js';
import { toInterledgerAccount } from './mapping.js';
import type { InterledgerAccountModel } from './model.js';
import { accountPageWire, accountWire, parseExactJson, type AccountWire } from './wire.js';

const LIST = 'interledgerAccounts';
const ROUTE = 'GET /accounts';
export const MAX_PAGE_SIZE = 100;

/** The model of a connection before the resolvers see it: nodes are account models. */
type Connection = Omit<InterledgerAccountConnection, 'edges' | 'nodes'> & {
  edges: Array<{ cursor: string; node: InterledgerAccountModel }>;
  nodes: InterledgerAccountModel[];
};

/** The entries of the list body, unread: a 204 or an empty body, and a page without `_embedded`, are no entries. */
function listEntries(client: ProviderClient, body: unknown): unknown[] {
  if (body === undefined || body === null || body === '') return [];
  return readWire(client, accountPageWire, body, ROUTE);
}

/**
 * Every account of the connector (`GET /accounts` ignores paging), by normalised id, each entry unread until used
 * (the batch loader reads only those it needs). Entries without a readable `accountId` are left out and counted.
 */
export async function fetchAccountList(client: ProviderClient): Promise<{ items: Map<string, unknown>; unnamed: number; fetchedAt: string }> {
  const { body, fetchedAt } = await client.fetch(['accounts'], { parse: parseExactJson });
  const items = new Map<string, unknown>();
  let unnamed = 0;
  for (const item of listEntries(client, body)) {
    const id = (item as { accountId?: unknown } | null)?.accountId;
    if (typeof id === 'string' && id) items.set(normaliseAccountId(id), item);
    else unnamed += 1;
  }
  return { items, unnamed, fetchedAt };
}

/**
 * One page of the connector's accounts; each account on it primes this request's loader. Every entry is read before
 * paging (the connector answers with all of them anyway), so a page is never short of an entry it announced and
 * `hasNextPage` is true only when a readable account follows. Entries that cannot be read are left out: the page an
 * unreadable entry would sort into (every page, when even its id is unreadable) carries an error at this field's path
 * with `extensions.leftOut`, so a client never takes the list for whole.
 */
export async function listInterledgerAccounts(ctx: RequestContext, args: QueryInterledgerAccountsArgs, info: Pick<GraphQLResolveInfo, 'path'>): Promise<Connection> {
  const size = pageSize(args.first, MAX_PAGE_SIZE);
  const after = args.after === null || args.after === undefined ? undefined : ctx.cursors.decode(args.after, LIST, {});
  const client = ctx.client('INTERLEDGER');
  const { items, unnamed, fetchedAt } = await fetchAccountList(client);
  const readable = new Map<string, { wire: AccountWire; body: unknown }>();
  const unreadableIds: string[] = [];
  for (const [id, body] of items) {
    try {
      readable.set(id, { wire: readWire(client, accountWire, body, ROUTE), body });
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      unreadableIds.push(id);
    }
  }
  const page = pageAfter([...readable.keys()].sort(byCodePoint), (id) => id, after, size);
  const last = page.items.at(-1);
  const onThisPage = (id: string) => (after === undefined || id > after) && (!page.more || (last !== undefined && id <= last));
  withLeftOut(ctx.partial, info, 'INTERLEDGER', { entries: [], omitted: unnamed + unreadableIds.filter(onThisPage).length }, 'account');

  const source = ctx.source('INTERLEDGER');
  const nodes = page.items.map((id): InterledgerAccountModel => {
    const { wire, body } = readable.get(id)!;
    const account = { ...toInterledgerAccount(id, wire, body), fetchedAt };
    source.prime(account);
    return account;
  });
  const edges = nodes.map((node) => ({ cursor: ctx.cursors.encode(LIST, {}, node.nativeId), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: page.more,
      hasPreviousPage: page.before,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
