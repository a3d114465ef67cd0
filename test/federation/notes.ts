// A second, tiny subgraph for the supergraph tests: it extends Account with `notes` through @interfaceObject,
// from its own in-memory data keyed by global id, and can hand out Account references of its own.
import { parse } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';

export const NOTES_SDL = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])

  "The accounts subgraph's Account, seen here only through its key."
  type Account @key(fields: "id") @interfaceObject {
    id: ID!
    "Free-form notes about the account, kept by this subgraph."
    notes: [String!]!
  }

  type Query {
    "Accounts this subgraph has notes on, in the order given (repeats kept): a list of references only."
    notedAccounts: [Account!]!
  }
`);

export interface NotesSubgraph {
  url: string;
  /** How many `_entities` requests this subgraph received, and the representations in each. */
  entityBatches: number[];
  /** Ids that `notedAccounts` returns (references only). */
  setNoted(ids: readonly string[]): void;
  close(): Promise<void>;
}

export async function startNotesSubgraph(notes: ReadonlyMap<string, readonly string[]>): Promise<NotesSubgraph> {
  let noted: readonly string[] = [];
  const entityBatches: number[] = [];
  const schema = buildSubgraphSchema({
    typeDefs: NOTES_SDL,
    resolvers: {
      Query: {
        notedAccounts: () => noted.map((id) => ({ id })),
      },
      Account: {
        __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
        notes: (account: { id: string }) => notes.get(account.id) ?? [],
      },
    },
  });
  const server = new ApolloServer({
    schema,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart({ request }) {
          const representations = request.variables?.representations;
          if (Array.isArray(representations)) entityBatches.push(representations.length);
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return {
    url,
    entityBatches,
    setNoted: (ids) => {
      noted = ids;
    },
    close: () => server.stop(),
  };
}
