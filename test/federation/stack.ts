// The supergraph test stack: five simulators, the gateway in subgraph mode (accounts), the notes subgraph,
// composition with @apollo/composition, and @apollo/gateway on Apollo Server in-process, all on port 0.
import { parse } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { loadConfig, type GatewayConfig } from '../../src/config.js';
import { startGateway, type RunningGateway } from '../../src/server.js';
import { startSimulators, type SimulatorFleet } from '../../simulators/index.js';
import { memoryLogger, type GraphQLResponse } from '../harness.js';
import { startNotesSubgraph, NOTES_SDL, type NotesSubgraph } from './notes.js';

export interface SubgraphRequest {
  subgraph: string;
  query: string;
  /** Number of `_entities` representations sent, when it was an entity fetch. */
  representations?: number;
}

export interface FederationStack {
  fleet: SimulatorFleet;
  /** The accounts subgraph's GraphQL endpoint. */
  accountsUrl: string;
  /** Every log line the accounts subgraph wrote. */
  logs: string[];
  notes: NotesSubgraph;
  supergraphSdl: string;
  compositionErrors: number;
  /** Every request the supergraph gateway sent to a subgraph, in order. */
  subgraphRequests: SubgraphRequest[];
  /** A query to the supergraph. */
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** A query straight to the accounts subgraph (as a router would send it). */
  querySubgraph<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Starts a monolith gateway on the same simulators, for call-count comparisons. */
  startMonolith(): Promise<RunningGateway>;
  close(): Promise<void>;
}

async function post(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<any>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as GraphQLResponse<any>;
}

function stackConfig(fleet: SimulatorFleet, federation: boolean): GatewayConfig {
  return loadConfig({ ...fleet.env, PORT: '0', GATEWAY_AUTH: 'none', STELLAR_CACHE_TTL_MS: '0', FEDERATION: String(federation) });
}

export async function startFederationStack(notesData: ReadonlyMap<string, readonly string[]>): Promise<FederationStack> {
  const fleet = await startSimulators();
  const logs: string[] = [];
  const closers: Array<() => Promise<void>> = [() => fleet.close()];
  const gateway = await startGateway(stackConfig(fleet, true), { logger: memoryLogger(logs), sampleIds: fleet.sampleIds });
  closers.unshift(() => gateway.close());
  const accountsUrl = `${gateway.url}/graphql`;
  const service = await post(accountsUrl, '{ _service { sdl } }');
  const accountsSdl: string | undefined = service.data?._service?.sdl;
  if (!accountsSdl) throw new Error('the gateway with FEDERATION=true serves no subgraph SDL');

  const notes = await startNotesSubgraph(notesData);
  closers.unshift(() => notes.close());

  const composition = composeServices([
    { name: 'accounts', typeDefs: parse(accountsSdl), url: accountsUrl },
    { name: 'notes', typeDefs: NOTES_SDL, url: notes.url },
  ]);
  const compositionErrors = composition.errors?.length ?? 0;
  if (composition.errors) throw new Error(`composition failed: ${composition.errors.map(String).join('; ')}`);
  const supergraphSdl = composition.supergraphSdl;

  const subgraphRequests: SubgraphRequest[] = [];
  const supergraph = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl,
      buildService: ({ name, url }) =>
        new RemoteGraphQLDataSource({
          url,
          willSendRequest({ request }) {
            const representations = request.variables?.representations;
            subgraphRequests.push({
              subgraph: name,
              query: request.query ?? '',
              ...(Array.isArray(representations) ? { representations: representations.length } : {}),
            });
          },
        }),
    }),
  });
  const { url: supergraphUrl } = await startStandaloneServer(supergraph, { listen: { port: 0, host: '127.0.0.1' } });
  closers.unshift(() => supergraph.stop());

  return {
    fleet,
    accountsUrl,
    logs,
    notes,
    supergraphSdl,
    compositionErrors,
    subgraphRequests,
    query: (query, variables) => post(supergraphUrl, query, variables),
    querySubgraph: (query, variables) => post(accountsUrl, query, variables),
    async startMonolith() {
      const monolith = await startGateway(stackConfig(fleet, false), { logger: memoryLogger([]) });
      closers.unshift(() => monolith.close());
      return monolith;
    },
    async close() {
      for (const close of closers) await close();
    },
  };
}
