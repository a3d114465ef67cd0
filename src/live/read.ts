// How a watcher reads an account: its balances through the schema (every provider's resolvers, lazy balance calls
// included), in a context whose loaders then hold the account for the subscribers' own selections.
import { execute, parse, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context.js';
import type { AccountModel } from '../providers/models.js';

const BALANCES = parse(`query LiveBalances($id: ID!) { account(id: $id) { balances { amount onHold asset { code issuer network } } } }`);

/**
 * Reads the account `globalId` through `context`: the account and its balances as comparable text. Throws the read's
 * error (a GatewayError: NOT_FOUND, UPSTREAM_ERROR, …) when the account cannot be read.
 */
export function accountReader(schema: GraphQLSchema) {
  return async (context: RequestContext, globalId: string): Promise<{ account: AccountModel; balances: string }> => {
    const result = await execute({ schema, document: BALANCES, contextValue: context, variableValues: { id: globalId } });
    const failure = result.errors?.[0];
    if (failure) throw failure.originalError ?? failure;
    const account = await context.loadAccount(globalId);
    return { account, balances: JSON.stringify((result.data as { account: { balances: unknown } }).account.balances) };
  };
}
