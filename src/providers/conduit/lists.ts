// A Conduit client's accounts: `GET /clients/{id}/accounts` has no paging, so the gateway pages it in account-id order.
import type { GraphQLResolveInfo } from 'graphql';
import type { QueryConduitClientAccountsArgs } from '../../generated/resolvers-types.js';
import { badUserInput, ErrorCode, GatewayError } from '../../errors.js';
import { readWire } from '../../upstream/wire.js';
import { byCodePoint, openPage, pageAfter, type Connection } from '../shared/connection.js';
import { fetchAnswer } from '../shared/fetched.js';
import type { ProviderCall } from '../shared/resolve.js';
import type { ConduitAccountModel } from './model.js';
import { readListedConduitAccount } from './read.js';
import { CLIENT_ID, ListClientAccountsWire } from './wire.js';

const ROUTE = 'GET /clients/{client_id}/accounts';
export const MAX_PAGE_SIZE = 100;

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
export async function listClientAccounts(
  on: ProviderCall<'CONDUIT'>,
  args: QueryConduitClientAccountsArgs,
  info?: Pick<GraphQLResolveInfo, 'path'>,
): Promise<Connection<ConduitAccountModel>> {
  const clientId = checkClientId(args.clientId);
  const request = openPage(on, { provider: 'CONDUIT', name: 'conduitClientAccounts', signed: { clientId }, maxSize: MAX_PAGE_SIZE }, args, info);
  const { client } = on;
  const answer = await fetchAnswer(client, ['clients', clientId, 'accounts']).catch((error: unknown) => {
    if (error instanceof GatewayError && error.code === ErrorCode.NotFound)
      throw client.error(ErrorCode.NotFound, `Conduit has no client \`${clientId}\`.`);
    throw error;
  });
  const items = answer.body == null ? [] : (readWire(client, ListClientAccountsWire, answer.body, ROUTE).data ?? []);
  const accounts: ConduitAccountModel[] = [];
  for (const item of items) {
    try {
      accounts.push(answer.stamp(readListedConduitAccount(client, item, ROUTE)));
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
    }
  }
  const page = pageAfter(dedupe(accounts).sort(byId), (account) => account.nativeId, request.after, request.size);
  page.items.forEach((account) => on.source.prime(account));
  const edges = page.items.map((node) => ({ cursor: request.cursor(node.nativeId), node }));
  return request.connection(edges, { more: page.more, leftOut: items.length - accounts.length });
}

/** One entry per account, should the list ever repeat one. */
function dedupe(accounts: readonly ConduitAccountModel[]): ConduitAccountModel[] {
  return [...new Map(accounts.map((account) => [account.nativeId, account])).values()];
}
