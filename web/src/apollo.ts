// The Apollo Client the dashboard uses: queries and mutations over HTTP to the same origin's /graphql, subscriptions
// over the page's one WebSocket (graphql-ws, see live.ts), with the Account interface known to the cache so that an
// accountUpdated event lands on the account its card shows.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import generated from '../../client/gql/possibleTypes.js';
import type { LiveConnection } from './live.js';

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    // Which types implement Account and Node, generated from the schema (codegen.yml): never kept by hand.
    possibleTypes: generated.possibleTypes,
    typePolicies: {
      // An account's balances are replaced by each newer read (a list without ids: nothing to merge).
      Account: { fields: { balances: { merge: false } } },
    },
  });
}

/** The client; with `live`, subscriptions go over its WebSocket (without, they have nowhere to go). */
export function createClient(live?: LiveConnection): ApolloClient {
  const http = new HttpLink({ uri: '/graphql' });
  return new ApolloClient({
    link: live ? ApolloLink.split(({ query }) => isSubscriptionOperation(query), live.link, http) : http,
    cache: createCache(),
  });
}
