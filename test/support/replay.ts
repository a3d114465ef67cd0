// A small HTTP server answering recorded provider payloads, and a gateway pointed at it: how real-server cases are tested.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config.js';
import { startGateway, type RunningGateway } from '../../src/server.js';
import { buildSchema } from '../../src/schema.js';
import { urlVariable } from '../../src/providers/config.js';
import { getNamedType, isAbstractType, isLeafType, isNonNullType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { memoryLogger, type GraphQLResponse } from '../harness.js';
import type { AccountProvider } from '../../src/generated/resolvers-types.js';

/** One recorded answer: the path (and query keys it must carry) it answers, and what it sends back. */
export interface ReplayRoute {
  path: string;
  /** Query parameters the request must carry (others are ignored); the most specific matching route wins. */
  query?: Readonly<Record<string, string>>;
  status?: number;
  headers?: Readonly<Record<string, string>>;
  /** The JSON body, serialised with JSON.stringify; use `body` for exact text (number notations, duplicate keys). */
  json?: unknown;
  body?: string | Buffer;
  /** Called instead of answering from the fields above, for answers that change per call. */
  answer?: (request: IncomingMessage) => Omit<ReplayRoute, 'path' | 'query' | 'answer'>;
}

/** A real-world case file (test/realworld/cases, from the providers' own serialisation code). */
export interface RealWorldCase {
  name: string;
  provider: string;
  source: string;
  expected: string;
  queries: Array<{ label: string; query: string; variables?: Record<string, unknown> }>;
  routes: ReplayRoute[];
}

export function loadCase(name: string): RealWorldCase {
  return JSON.parse(readFileSync(new URL(`../realworld/cases/${name}.json`, import.meta.url), 'utf8')) as RealWorldCase;
}

export interface Replay {
  url: string;
  /** Every request received: method and path with query. */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

function matches(route: ReplayRoute, url: URL): boolean {
  if (route.path !== url.pathname) return false;
  return Object.entries(route.query ?? {}).every(([key, value]) => url.searchParams.get(key) === value);
}

/** Serves `routes`; an unmatched request is 404 with an empty JSON object. */
export async function startReplay(routes: readonly ReplayRoute[]): Promise<Replay> {
  const requests: Replay['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '', headers: req.headers });
    const url = new URL(req.url ?? '/', 'http://replay');
    const candidates = routes.filter((route) => matches(route, url));
    const route = candidates.sort((a, b) => Object.keys(b.query ?? {}).length - Object.keys(a.query ?? {}).length)[0];
    if (!route) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
    const reply = route.answer ? route.answer(req) : route;
    const body = reply.body ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ReplayStack {
  replay: Replay;
  gateway: RunningGateway;
  logs: string[];
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T> & { raw: string; status: number }>;
  /** The gateway's /metrics text. */
  metrics(): Promise<string>;
  close(): Promise<void>;
}

/** A replay server for one provider and a gateway that reads only it (no cache, so every query calls it). */
export async function startReplayStack(
  provider: AccountProvider,
  routes: readonly ReplayRoute[],
  env: Record<string, string> = {},
): Promise<ReplayStack> {
  const replay = await startReplay(routes);
  const logs: string[] = [];
  const config = loadConfig({
    PORT: '0',
    GATEWAY_AUTH: 'none',
    [urlVariable(provider)]: replay.url,
    STELLAR_CACHE_TTL_MS: '0',
    UPSTREAM_TIMEOUT_MS: '3000',
    ...env,
  });
  const gateway = await startGateway(config, { logger: memoryLogger(logs) });
  return {
    replay,
    gateway,
    logs,
    async query(query, variables) {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const raw = await response.text();
      return { ...(JSON.parse(raw) as GraphQLResponse<any>), raw, status: response.status };
    },
    metrics: async () => (await fetch(`${gateway.url}/metrics`)).text(),
    async close() {
      await gateway.close();
      await replay.close();
    },
  };
}

/** The `Account` fields a real-world case's `${COMMON}` stands for. */
const COMMON = 'id provider nativeId displayName createdAt balances { asset { code issuer network } amount onHold }';

/** Every field of a type a query can select without arguments, objects expanded (up to `depth` levels). */
export function everyField(schema: GraphQLSchema, typename: string, depth = 3): string {
  const type = schema.getType(typename);
  if (!type || !('getFields' in type)) return '__typename';
  const fields = Object.values(type.getFields() as Record<string, GraphQLField<unknown, unknown>>)
    .filter((field) => field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined))
    // An account's `activity` reads its history, a call of its own that account cases do not record.
    .filter((field) => field.name !== 'activity')
    .flatMap((field) => {
      const named = getNamedType(field.type);
      if (isLeafType(named)) return [field.name];
      if (depth === 0) return [];
      if (isAbstractType(named)) return [`${field.name} { __typename }`];
      return [`${field.name} { ${everyField(schema, named.name, depth - 1)} }`];
    });
  return fields.join(' ');
}

/** A case query with `${COMMON}` and `${MIDAZ}`-style placeholders expanded against the gateway's schema. */
export function expandCaseQuery(query: string): string {
  const schema = buildSchema({ maxIdsPerRequest: 100 });
  return query.replace(/\$\{([A-Z]+)\}/g, (_match, name: string) => {
    if (name === 'COMMON') return COMMON;
    const typename = `${name.charAt(0)}${name.slice(1).toLowerCase()}Account`;
    return `... on ${typename} { ${everyField(schema, typename)} }`;
  });
}
