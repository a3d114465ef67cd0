// The per-request context: one source per provider (created on first use, never shared between requests).
import type { AccountProvider } from './generated/resolvers-types.js';
import type { AccountModel } from './providers/models.js';
import type { ProviderRegistry, SourceMap } from './providers/index.js';
import type { ProviderClients } from './providers/clients.js';
import type { AccountSource, ProviderModule } from './providers/types.js';
import type { SourceOptions } from './providers/batch.js';
import type { CursorCodec } from './cursor.js';
import type { ProviderClient } from './upstream/client.js';
import { splitGlobalId } from './ids.js';
import { ErrorCode, GatewayError } from './errors.js';
import type { CallerCredentials } from './credentials.js';
import type { Logger } from 'pino';
import { requestLogger, type RequestScope } from './ops/requestScope.js';
import { PartialResults } from './partialResults.js';
import type { ActivityPage } from './activity/types.js';
import type { Caller } from './auth.js';
import type { IdempotentCreates } from './idempotency.js';

export type { ProviderRegistry, SourceMap } from './providers/index.js';
export type { ProviderClients } from './providers/clients.js';

export interface RequestContext {
  /** This request's source for a provider; PROVIDER_NOT_CONFIGURED when it has no URL. */
  source<P extends AccountProvider>(provider: P): SourceMap[P];
  /**
   * Parses and checks a global id, then loads the account through its provider's source. `selects` tells which
   * fields the query asks for on a type, so lazy fields' calls start at once (see ProviderModule.lazyFields).
   */
  loadAccount(globalId: string, selects?: (typename: string) => ReadonlySet<string>): Promise<AccountModel>;
  /** Signs and checks the opaque cursors of list connections. */
  cursors: CursorCodec;
  /** This request's client for a provider (with the caller's own credentials, if sent), for lists and mutations. */
  client(provider: AccountProvider): ProviderClient;
  /** The HTTP request's scope (id, operation, span); undefined outside one (tests, a bare Apollo server). */
  readonly scope: RequestScope | undefined;
  /** Logs while serving this request: the base logger with the request id; undefined without a base logger. */
  readonly logger: Logger | undefined;
  /** Who is calling and with which scopes; undefined outside HTTP (tests building a bare server). */
  readonly caller: Caller | undefined;
  /**
   * Runs a create at most once per caller and `idempotencyKey` (see IdempotentCreates); without a key, runs it.
   * `operation` is the mutation field, `input` its input (a repeat must carry the same).
   */
  idempotent<T>(operation: string, key: string | null | undefined, input: unknown, create: () => Promise<T>): Promise<T>;
  /**
   * One page of an account's history, read once per request for the same account, size and position (`load` runs
   * with this request's client for the provider only the first time).
   */
  activityPage(
    provider: AccountProvider,
    nativeId: string,
    size: number,
    after: string | undefined,
    load: (client: ProviderClient) => Promise<ActivityPage>,
  ): Promise<ActivityPage>;
  /** Fields this request answers in part (list entries left out): added to the response's errors. */
  readonly partial: PartialResults;
}

/**
 * A context for one GraphQL request. A caller's own provider credentials replace the configured ones for
 * this request only; loaders live in this context alone, so no caller is ever served another's data.
 */
/** Starts the calls of selected lazy fields now; their resolvers later get the same (cached) promise. */
function prefetchLazyFields<S extends AccountSource>(
  module: ProviderModule<S>,
  providerSource: S,
  nativeId: string,
  selects: ((typename: string) => ReadonlySet<string>) | undefined,
): void {
  const lazy = module.lazyFields;
  if (!lazy || !selects) return;
  const selected = selects(lazy.typename);
  // A failure surfaces when the field resolves (or not at all if the account itself fails): never unhandled here.
  if (lazy.fields.some((field) => selected.has(field))) lazy.prefetch(providerSource, nativeId).catch(() => undefined);
}

export interface ContextSetup {
  registry: ProviderRegistry;
  clients: ProviderClients;
  /** How each provider's loaders work (the naive baseline, list thresholds). */
  sourceOptions: (provider: AccountProvider, ownCredentials: boolean) => SourceOptions;
  /** Start selected lazy fields' calls with their accounts (off only in the benchmark's naive baseline). */
  prefetchLazyFields?: boolean;
  cursors: CursorCodec;
  /** The gateway's logger; each request logs through a child of it carrying the request id. */
  logger?: Logger;
  /** Answers of creates by idempotency key, in the shared store; absent: keys are ignored (tests of a bare server). */
  idempotency?: IdempotentCreates;
}

export function createRequestContext(
  { registry, clients, sourceOptions, cursors, logger: baseLogger, prefetchLazyFields: prefetch = true, idempotency }: ContextSetup,
  credentials: CallerCredentials = {},
  scope?: RequestScope,
  caller?: Caller,
  { fresh = false }: { fresh?: boolean } = {},
): RequestContext {
  const sources: Partial<SourceMap> = {};
  const views: Partial<Record<AccountProvider, ProviderClient>> = {};
  const logger = baseLogger && requestLogger(baseLogger, scope);

  function client(provider: AccountProvider): ProviderClient {
    const configured = clients[provider];
    if (!configured) {
      throw new GatewayError(ErrorCode.ProviderNotConfigured, `${registry[provider].identity.label} is not configured on this gateway.`, {
        provider,
      });
    }
    return (views[provider] ??= configured.forRequest({ headers: credentials[provider], requestId: scope?.requestId, scope, logger, fresh }));
  }

  function source<P extends AccountProvider>(provider: P): SourceMap[P] {
    const existing = sources[provider];
    if (existing) return existing;
    const created = registry[provider].createSource(client(provider), sourceOptions(provider, !!credentials[provider]));
    sources[provider] = created;
    return created;
  }

  async function loadAccount(globalId: string, selects?: (typename: string) => ReadonlySet<string>): Promise<AccountModel> {
    const { provider, nativeId } = splitGlobalId(globalId);
    const canonical = registry[provider].parseNativeId(nativeId);
    const providerSource = source(provider);
    if (prefetch) prefetchLazyFields(registry[provider], providerSource, canonical, selects);
    return providerSource.account(canonical);
  }

  const activityPages = new Map<string, Promise<ActivityPage>>();
  const activityPage: RequestContext['activityPage'] = (provider, nativeId, size, after, load) => {
    const key = JSON.stringify([provider, nativeId, size, after ?? null]);
    let page = activityPages.get(key);
    if (!page) activityPages.set(key, (page = Promise.resolve().then(() => load(client(provider)))));
    return page;
  };

  const idempotent: RequestContext['idempotent'] = (operation, key, input, create) =>
    idempotency ? idempotency.run(caller?.id ?? 'anonymous', operation, key, input, create) : create();
  return {
    source,
    loadAccount,
    cursors,
    client,
    scope,
    logger,
    caller,
    idempotent,
    activityPage,
    partial: new PartialResults((provider) => registry[provider].identity.label),
  };
}
