// The Apollo Client the dashboard uses: same-origin /graphql, with the Account interface known to the cache.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import generated from '../../client/gql/possibleTypes.js';

export function createClient(): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: '/graphql' }),
    // Which types implement Account and Node, generated from the schema (codegen.yml): never kept by hand.
    cache: new InMemoryCache({ possibleTypes: generated.possibleTypes }),
  });
}
