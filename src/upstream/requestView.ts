// The per-request view of a provider's client: the same pool, policies and cache, with what one gateway request adds
// to each call (the caller's own credentials, the request id where the provider takes one, the request's scope and
// logger). Provider modules see only this view (ProviderClient), never the client itself.
import type { Logger } from 'pino';
import { REQUEST_ID_HEADER, type RequestScope } from '../ops/requestScope.js';
import type { EventsOptions, GetOptions, SendOptions, UpstreamClient } from './client.js';

/** The gateway request a per-request view serves (see UpstreamClient.forRequest); every part is optional. */
export interface RequestBinding {
  /** The caller's own provider credentials, replacing the configured ones (and part of the cache key). */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Sent as X-Request-Id to providers that accept one (their identity's acceptsRequestId); never part of the cache key. */
  requestId?: string | undefined;
  /** Handed to the observer with each upstream request (tracing parents its span under the operation's). */
  scope?: RequestScope | undefined;
  /** Logs this request's upstream failures (the request's logger, with its id); the client's own otherwise. */
  logger?: Logger | undefined;
  /** Every read goes to the provider, never to the shared cache (whose copy it refreshes): live watchers' reads. */
  fresh?: boolean | undefined;
}

/** What a per-request view adds to each call it makes: no credentials, so nothing here is in the cache key. */
export interface RequestCall {
  headers: Readonly<Record<string, string>> | undefined;
  scope: RequestScope | undefined;
  logger: Logger | undefined;
}

/** What provider modules use: calls to one provider, and errors attributed to it. */
export type ProviderClient = Pick<UpstreamClient, 'provider' | 'label' | 'get' | 'fetch' | 'send' | 'events' | 'error' | 'reportWire'>;

/** The client's calls for one gateway request: they share pool, policies and cache, never the headers. */
export function requestView(client: UpstreamClient, { headers, requestId, scope, logger, fresh }: RequestBinding): ProviderClient {
  const sendsId = requestId !== undefined && client.acceptsRequestId;
  const request: RequestCall = { headers: sendsId ? { [REQUEST_ID_HEADER]: requestId } : undefined, scope, logger };
  const bind = <O extends GetOptions | SendOptions | EventsOptions>(options: O): O => ({
    ...options,
    headers: headers ? { ...headers, ...options.headers } : options.headers,
    request,
  });
  return {
    provider: client.provider,
    label: client.label,
    error: (code, message, extra) => client.error(code, message, extra),
    reportWire: (issue) => client.reportWire(issue, request),
    get: (segments, options = {}) => client.get(segments, bind(fresh ? { ...options, noCache: true } : options)),
    fetch: (segments, options = {}) => client.fetch(segments, bind(fresh ? { ...options, noCache: true } : options)),
    send: (method, segments, options = {}) => client.send(method, segments, bind(options)),
    events: (segments, options) => client.events(segments, bind(options)),
  };
}
