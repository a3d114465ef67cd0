// The Interledger account list: the connector's one unpaged `GET /accounts`, paged by the gateway in account-id order.
import { byCodePoint, pageAfter } from '../../paging.js';
import type { InterledgerAccountConnection, QueryInterledgerAccountsArgs } from '../../generated/resolvers-types.js';
import type { RequestContext } from '../../context.js';
import { pageSize } from '../../cursor.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { normaliseAccountId } from './accountId.js';
import { toInterledgerAccount } from './mapping.js';
import type { InterledgerAccountModel } from './model.js';
import { accountPageWire, accountWire, parseExactJson } from './wire.js';

const LIST = 'interledgerAccounts';
export const MAX_PAGE_SIZE = 100;

/** The model of a connection before the resolvers see it: nodes are account models. */
type Connection = Omit<InterledgerAccountConnection, 'edges' | 'nodes'> & {
  edges: Array<{ cursor: string; node: InterledgerAccountModel }>;
  nodes: InterledgerAccountModel[];
};

/** Every account of the connector (`GET /accounts` ignores paging), by normalised id, items left unchecked until used. */
export async function fetchAccountList(client: ProviderClient): Promise<{ items: Map<string, unknown>; fetchedAt: string }> {
  const { body, fetchedAt } = await client.fetch(['accounts'], { parse: parseExactJson });
  const items = new Map<string, unknown>();
  for (const item of readWire(client, accountPageWire, body, 'GET /accounts')) {
    const id = (item as { accountId?: unknown })?.accountId;
    if (typeof id === 'string') items.set(normaliseAccountId(id), item);
  }
  return { items, fetchedAt };
}


/** One page of the connector's accounts; each account on it primes this request's loader. */
export async function listInterledgerAccounts(ctx: RequestContext, args: QueryInterledgerAccountsArgs): Promise<Connection> {
  const size = pageSize(args.first, MAX_PAGE_SIZE);
  const after = args.after === null || args.after === undefined ? undefined : ctx.cursors.decode(args.after, LIST, {});
  const client = ctx.client('INTERLEDGER');
  const { items, fetchedAt } = await fetchAccountList(client);
  const page = pageAfter([...items.keys()].sort(byCodePoint), (id) => id, after, size);
  const source = ctx.source('INTERLEDGER');
  const nodes = page.items.map((id): InterledgerAccountModel => {
    const account = { ...toInterledgerAccount(id, readWire(client, accountWire, items.get(id), 'GET /accounts')), fetchedAt };
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
