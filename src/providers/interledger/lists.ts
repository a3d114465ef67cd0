// The Interledger account list: the connector's one unpaged `GET /accounts`, paged by the gateway in account-id order.
import type { GraphQLResolveInfo } from 'graphql';
import type { QueryInterledgerAccountsArgs } from '../../generated/resolvers-types.js';
import { readWire } from '../../upstream/wire.js';
import { GatewayError } from '../../errors.js';
import { byCodePoint, openPage, pageAfter, type Connection } from '../shared/connection.js';
import type { ProviderCall } from '../shared/resolve.js';
import { toInterledgerAccount } from './mapping.js';
import type { InterledgerAccountModel } from './model.js';
import { fetchAccountList, LIST_ROUTE } from './read.js';
import { accountWire, type AccountWire } from './wire.js';

export const MAX_PAGE_SIZE = 100;

/**
 * One page of the connector's accounts; each account on it primes this request's loader. Every entry is read before
 * paging (the connector answers with all of them anyway), so a page is never short of an entry it announced and
 * `hasNextPage` is true only when a readable account follows. Entries that cannot be read are left out: the page an
 * unreadable entry would sort into (every page, when even its id is unreadable) carries an error at this field's path
 * with `extensions.leftOut`, so a client never takes the list for whole.
 */
export async function listInterledgerAccounts(
  on: ProviderCall<'INTERLEDGER'>,
  args: QueryInterledgerAccountsArgs,
  info: Pick<GraphQLResolveInfo, 'path'>,
): Promise<Connection<InterledgerAccountModel>> {
  const request = openPage(on, { provider: 'INTERLEDGER', name: 'interledgerAccounts', signed: {}, maxSize: MAX_PAGE_SIZE }, args, info);
  const { client } = on;
  const { items, unnamed, stamp } = await fetchAccountList(client);
  const readable = new Map<string, { wire: AccountWire; body: unknown }>();
  const unreadableIds: string[] = [];
  for (const [id, body] of items) {
    try {
      readable.set(id, { wire: readWire(client, accountWire, body, LIST_ROUTE), body });
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      unreadableIds.push(id);
    }
  }
  const { after, size } = request;
  const page = pageAfter([...readable.keys()].sort(byCodePoint), (id) => id, after, size);
  const last = page.items.at(-1);
  const onThisPage = (id: string) => (after === undefined || id > after) && (!page.more || (last !== undefined && id <= last));

  const edges = page.items.map((id) => {
    const { wire, body } = readable.get(id)!;
    const node = stamp(toInterledgerAccount(id, wire, body));
    on.source.prime(node);
    return { cursor: request.cursor(node.nativeId), node };
  });
  return request.connection(edges, { more: page.more, leftOut: unnamed + unreadableIds.filter(onThisPage).length });
}
