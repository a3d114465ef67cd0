// A Conduit client's accounts: `GET /clients/{id}/accounts` has no paging, so the gateway pages it in account-id order.
import { byCodePoint, pageAfter } from '../../paging.js';
import type { ConduitAccountConnection, QueryConduitClientAccountsArgs } from '../../generated/resolvers-types.js';
import type { RequestContext } from '../../context.js';
import { pageSize } from '../../cursor.js';
import { badUserInput, ErrorCode, GatewayError } from '../../errors.js';
import type { GraphQLResolveInfo } from 'graphql';
import { readWire } from '../../upstream/wire.js';
import type { ConduitAccountModel } from './model.js';
import { readListedConduitAccount } from './read.js';
import { CLIENT_ID, ListClientAccountsWire } from './wire.js';

const LIST = 'conduitClientAccounts';
const ROUTE = 'GET /clients/{client_id}/accounts';
export const MAX_PAGE_SIZE = 100;

type Connection = Omit<ConduitAccountConnection, 'edges' | 'nodes'> & {
  edges: Array<{ cursor: string; node: ConduitAccountModel }>;
  nodes: ConduitAccountModel[];
};

const byId = (a: { nativeId: string }, b: { nativeId: string }) => byCodePoint(a.nativeId, b.nativeId);

/** The client id checked before any call: BAD_USER_INPUT, naming the rule. */
function checkClientId(clientId: string): string {
  if (!CLIENT_ID.test(clientId)) throw badUserInput('Malformed Conduit client id: expected `client_` followed by 27 letters or digits.');
  return clientId;
}

/**
 * One page of a client's accounts; each primes this request's loader (createdAt still loads the account when
 * selected). The list is read item by item: an item without a readable account id or balances is left out, with an
 * error at the list's path (`info`). An empty list (`data: []` or `null`, or 204) is an empty page.
 */
export async function listClientAccounts(ctx: RequestContext, args: QueryConduitClientAccountsArgs, info?: Pick<GraphQLResolveInfo, 'path'>): Promise<Connection> {
  const clientId = checkClientId(args.clientId);
  const size = pageSize(args.first, MAX_PAGE_SIZE);
  const after = args.after === null || args.after === undefined ? undefined : ctx.cursors.decode(args.after, LIST, { clientId });
  const client = ctx.client('CONDUIT');
  const { body, fetchedAt } = await client.fetch(['clients', clientId, 'accounts']).catch((error: unknown) => {
    if (error instanceof GatewayError && error.code === ErrorCode.NotFound) throw client.error(ErrorCode.NotFound, `Conduit has no client \`${clientId}\`.`);
    throw error;
  });
  const items = body == null ? [] : (readWire(client, ListClientAccountsWire, body, ROUTE).data ?? []);
  const accounts: ConduitAccountModel[] = [];
  for (const item of items) {
    try {
      accounts.push({ ...readListedConduitAccount(client, item, ROUTE), fetchedAt });
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
    }
  }
  if (info && accounts.length < items.length) ctx.partial.entriesLeftOut(info, 'CONDUIT', items.length - accounts.length, 'account');
  const page = pageAfter(dedupe(accounts).sort(byId), (account) => account.nativeId, after, size);
  const source = ctx.source('CONDUIT');
  page.items.forEach((account) => source.prime(account));
  const edges = page.items.map((node) => ({ cursor: ctx.cursors.encode(LIST, { clientId }, node.nativeId), node }));
  return {
    edges,
    nodes: page.items,
    pageInfo: { hasNextPage: page.more, hasPreviousPage: page.before, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** One entry per account, should the list ever repeat one. */
function dedupe(accounts: readonly ConduitAccountModel[]): ConduitAccountModel[] {
  return [...new Map(accounts.map((account) => [account.nativeId, account])).values()];
}
