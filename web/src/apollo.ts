// The Apollo Client the dashboard uses: same-origin /graphql, with the Account interface known to the cache.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

const ACCOUNT_TYPES = ['InterledgerAccount', 'StellarAccount', 'TalerAccount', 'ConduitAccount', 'MidazAccount'];

export function createClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql' }),
    cache: new InMemoryCache({ possibleTypes: { Account: ACCOUNT_TYPES, Node: ACCOUNT_TYPES } }),
  });
}
