// The app's Apollo Client: the gateway's /graphql, and a cache that knows which types implement Account and Node.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import introspection from './gql/possibleTypes';

export function createClient(uri = '/graphql'): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri }),
    cache: new InMemoryCache({ possibleTypes: introspection.possibleTypes }),
  });
}
