// The HTTP server every provider simulator runs on: routing, auth checks, request counting, JSON replies and the
// fault control route. Nothing a client sends (a body, a path, a staged fault) can throw out of a request.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from 'find-my-way';
import { ACCEPTED_FAULT_RULES, FaultController, FaultRuleSchema } from './faults.js';

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
  /** Aborted when the client goes away before the reply is sent (for handlers that wait, e.g. long polls). */
  signal?: AbortSignal;
}

export interface SimResponse {
  status: number;
  /** A string is sent verbatim (for providers whose exact serialisation matters); anything else as JSON. */
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
  /**
   * Takes over the response instead of `body`/`headers` (server-sent events): called once with the raw response,
   * whose status and headers it writes itself; `status` is then only what the route means to answer.
   */
  stream?: (res: ServerResponse) => void;
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

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const rawBody = await readBody(req, MAX_BODY_BYTES);
    if (isFaultsPath(url)) return controlFaults(faults, method, rawBody, res);
    requests.push({ method, url, headers: req.headers });
    if (rawBody === undefined) return send(res, { status: 413, body: { error: `request body over ${MAX_BODY_BYTES} bytes` } }, 'application/json');
    const outcome = faults.apply(req, res);
    if (outcome.handled) return;
    if (outcome.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, outcome.delayMs));
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const base: Omit<SimRequest, 'params'> = {
      method,
      url,
      query: new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''),
      headers: req.headers,
      body: parseJson(rawBody),
      signal: gone.signal,
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
  };

  // A stand-in must outlive whatever it is sent: an error here ends this one exchange, never the process.
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"simulator failure"}');
      else res.destroy();
    });
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

export const FAULTS_PATH = '/__simulator/faults';
/** Requests (any route) and fault rules are small; a bigger body is refused unread. */
const MAX_BODY_BYTES = 1024 * 1024;

const isFaultsPath = (url: string): boolean => (url.split('?')[0] ?? '') === FAULTS_PATH;

/**
 * `POST` a FaultRule (JSON) to add it, `DELETE` to clear all, `GET` to list them. A body that is not JSON or not an
 * accepted rule is 400 with the issues and the accepted shapes, and changes nothing.
 */
function controlFaults(faults: FaultController, method: string, body: string | undefined, res: ServerResponse): void {
  const reply = (status: number, value: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
  };
  if (method === 'GET') return reply(200, faults.list());
  if (method === 'DELETE') {
    faults.clear();
    return reply(200, faults.list());
  }
  if (method !== 'POST')
    return reply(405, { error: `${method} is not allowed here`, accepted: ACCEPTED_FAULT_RULES }, { allow: 'GET, POST, DELETE' });
  if (body === undefined) return reply(413, { error: `a fault rule is at most ${MAX_BODY_BYTES} bytes`, accepted: ACCEPTED_FAULT_RULES });
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return reply(400, { error: 'the body is not JSON', accepted: ACCEPTED_FAULT_RULES });
  }
  const checked = FaultRuleSchema.safeParse(json);
  if (!checked.success) {
    const issues = checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    return reply(400, { error: 'not an accepted fault rule', issues, accepted: ACCEPTED_FAULT_RULES });
  }
  faults.set(checked.data);
  reply(200, faults.list());
}

function send(res: ServerResponse, reply: SimResponse, contentType: string): void {
  if (res.destroyed) return;
  if (reply.stream) {
    reply.stream(res);
    return;
  }
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  headers['content-type'] ??= contentType;
  res.writeHead(reply.status, headers).end(text);
}

/** The body as text, or undefined when it is longer than `limit` bytes (the rest is drained, not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks).toString('utf8') : undefined));
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
  /** The provider, as the gateway's `AccountProvider` enum names it (`STELLAR`); its key in simulators/index.ts. */
  provider: string;
  /** A fresh definition with freshly seeded state. */
  create(): SimulatorDefinition;
  /** Environment variables (contract section 1) pointing the gateway at a running instance, with credentials it accepts. */
  env(url: string): Record<string, string>;
  /** Global ids of seeded accounts, for the demo query and tests. */
  readonly sampleIds: readonly string[];
}
