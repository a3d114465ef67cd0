// The HTTP server every provider simulator runs on: routing, auth checks, request counting and JSON replies.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from 'find-my-way';
import { FaultController, type FaultRule } from './faults.js';

export interface SimRequest {
  method: string;
  /** Path and query as received (still percent-encoded). */
  url: string;
  /** Route parameters, percent-decoded by the router. */
  params: Readonly<Record<string, string | undefined>>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, for requests that send one. */
  body: unknown;
}

export interface SimResponse {
  status: number;
  /** A string is sent verbatim (for providers whose exact serialisation matters); anything else as JSON. */
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
}

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

export interface SimRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  path: string;
  handler: SimHandler;
}

export interface SimulatorDefinition {
  /** Short name, e.g. "stellar". */
  name: string;
  routes: readonly SimRoute[];
  /** Refuses a request before routing (auth); undefined lets it through. */
  authorize?: (request: SimRequest) => SimResponse | undefined;
  /** The reply to a path no route knows. */
  notFound: (request: SimRequest) => SimResponse;
  /** Content type of successful JSON replies. */
  contentType?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface RunningSimulator {
  name: string;
  /** Base URL, without a trailing slash. */
  url: string;
  /** Every request received since start or the last reset, in order. */
  readonly requests: RecordedRequest[];
  /** Staged failures; also switchable over HTTP at `POST/DELETE /__simulator/faults`. */
  readonly faults: FaultController;
  /** Requests whose path (without query) matches, e.g. count('GET', '/accounts/alice'). */
  count(method: string, pathPrefix?: string): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startSimulator(definition: SimulatorDefinition, port = 0, host = '127.0.0.1'): Promise<RunningSimulator> {
  const router = Router({ ignoreTrailingSlash: false, maxParamLength: 10_000 });
  const requests: RecordedRequest[] = [];
  const faults = new FaultController();

  for (const route of definition.routes) {
    router.on(route.method, route.path, () => undefined, { handler: route.handler });
  }

  const server: Server = createServer(async (req, res) => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const rawBody = await readBody(req);
    if (url.startsWith(FAULTS_PATH)) return controlFaults(faults, method, rawBody, res);
    requests.push({ method, url, headers: req.headers });
    const outcome = faults.apply(req, res);
    if (outcome.handled) return;
    if (outcome.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, outcome.delayMs));
    const base: Omit<SimRequest, 'params'> = {
      method,
      url,
      query: new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''),
      headers: req.headers,
      body: parseJson(rawBody),
    };
    const match = router.find(method as 'GET', url.split('?')[0] ?? '/');
    const request: SimRequest = { ...base, params: match?.params ?? {} };
    let reply: SimResponse;
    try {
      const handler = (match?.store as { handler?: SimHandler } | undefined)?.handler;
      reply = definition.authorize?.(request) ?? (handler ? await handler(request) : definition.notFound(request));
    } catch (error) {
      reply = { status: 500, body: { error: String(error) } };
    }
    send(res, reply, definition.contentType ?? 'application/json');
  });

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;

  return {
    name: definition.name,
    url: `http://${host}:${address.port}`,
    requests,
    faults,
    count(method, pathPrefix) {
      return requests.filter((r) => r.method === method && (pathPrefix === undefined || r.url.split('?')[0] === pathPrefix)).length;
    },
    reset() {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const FAULTS_PATH = '/__simulator/faults';

/** `POST` a FaultRule (JSON) to add it, `DELETE` to clear all, `GET` to list them. */
function controlFaults(faults: FaultController, method: string, body: string, res: import('node:http').ServerResponse): void {
  if (method === 'POST') faults.set(JSON.parse(body) as FaultRule);
  else if (method === 'DELETE') faults.clear();
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(faults.list()));
}

function send(res: import('node:http').ServerResponse, reply: SimResponse, contentType: string): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  headers['content-type'] ??= contentType;
  res.writeHead(reply.status, headers).end(text);
}

function readBody(req: import('node:http').IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** HTTP Basic credentials from a request, or undefined. */
export function basicCredentials(headers: IncomingHttpHeaders): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** A bearer token from a request, or undefined. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
}

/** What each provider's simulator module exports (as `simulator`), so demo mode and tests can run it. */
export interface ProviderSimulator {
  provider: import('../generated/resolvers-types.js').AccountProvider;
  /** A fresh definition with freshly seeded state. */
  create(): SimulatorDefinition;
  /** Environment variables (contract section 1) pointing the gateway at a running instance, with credentials it accepts. */
  env(url: string): Record<string, string>;
  /** Global ids of seeded accounts, for the demo query and tests. */
  readonly sampleIds: readonly string[];
}
