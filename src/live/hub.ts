// The live updates of one replica: subscriptions to accounts and their movements, each id served by one watcher per
// account and credentials however many subscribers follow it, each subscriber with its own bounded queue. Limits hold
// per connection (LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION) and per caller (LIVE_MAX_SUBSCRIPTIONS_PER_CALLER).
import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { AccountProvider } from '../generated/resolvers-types.js';
import type { GatewayConfig, LiveConfig } from '../config.js';
import type { RequestContext } from '../context.js';
import type { Caller } from '../auth.js';
import type { CallerCredentials } from '../credentials.js';
import type { AccountModel } from '../providers/models.js';
import type { ProviderModule } from '../providers/types.js';
import { providers } from '../providers/index.js';
import { splitGlobalId } from '../ids.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { EventQueue } from './queue.js';
import { pollingFollow } from './polling.js';
import { AccountWatcher, type AccountEvent, type ActivityEvent, type Watcher, type WatchListener } from './watcher.js';
import type { LiveRelay } from './relay.js';
import { SharedWatcher } from './shared.js';

/** One connection (a WebSocket, an event stream): its open subscriptions and what to do with a slow consumer. */
export interface LiveConnection {
  /** Its open subscriptions, each ended when the connection closes (endSubscriptions), whatever the transport does. */
  readonly subscriptions: Set<AsyncIterator<unknown>>;
  /** Closes the connection: one of its subscribers left too many events unread. */
  slowConsumer(): void;
}

/** A connection's state before its first subscription. */
export const newConnection = (slowConsumer: () => void): LiveConnection => ({ subscriptions: new Set(), slowConsumer });

/** Ends every subscription of a closed connection (its watchers stop when nobody else follows their accounts). */
export function endSubscriptions(connection: LiveConnection): void {
  for (const subscription of [...connection.subscriptions]) void subscription.return?.();
}

/** Who subscribes: the caller, its own provider credentials, and its connection. */
export interface LiveSession {
  caller: Caller | undefined;
  credentials: CallerCredentials;
  connection: LiveConnection;
}

export type LiveKind = 'account' | 'activity';
export type LiveEvent = AccountEvent | ActivityEvent;

export interface HubSetup {
  config: Pick<GatewayConfig, 'providers' | 'maxIdsPerRequest'> & { live: LiveConfig };
  /** A context for a watcher: these credentials, fresh reads (never from the shared cache). */
  watcherContext(credentials: CallerCredentials): RequestContext;
  /** The account and its balances as comparable text, read through `context` (throws the read's GraphQLError). */
  readAccount(context: RequestContext, globalId: string): Promise<{ account: AccountModel; balances: string }>;
  /** Replicas share watchers of the configured credentials through Redis (REDIS_URL); absent: each replica its own. */
  relay?: LiveRelay | undefined;
  /** A context whose reads may come from the shared cache (a replica reading what the leading one just refreshed). */
  cachedContext?(credentials: CallerCredentials): RequestContext;
  logger: Logger;
}

/** Too many subscriptions for a connection or a caller. */
const limitError = (message: string) => new GraphQLError(message, { extensions: { code: 'RATE_LIMITED' } });

/** The error of one id, naming it, as the event for that id carries it. */
function forId(error: unknown, accountId: string): GraphQLError {
  const source = error instanceof GraphQLError ? error : new GatewayError(ErrorCode.UpstreamError, 'The account could not be followed.');
  return new GraphQLError(source.message, { originalError: source, extensions: { ...source.extensions, accountId } });
}

export class LiveHub {
  private readonly watchers = new Map<string, Watcher>();
  private readonly perCaller = new Map<string, number>();
  private readonly queues = new Set<EventQueue<LiveEvent>>();
  private closed = false;

  constructor(private readonly setup: HubSetup) {}

  /** Watchers running now (one per account and credentials), and subscribers, for metrics and tests. */
  stats(): { watchers: number; subscribers: number; reads: number } {
    const watchers = [...this.watchers.values()];
    return { watchers: watchers.length, subscribers: this.queues.size, reads: watchers.reduce((sum, watcher) => sum + watcher.reads, 0) };
  }

  /**
   * Why one more subscription of this session would be refused (shutting down, or past the connection's or the
   * caller's limit), or undefined: checked before a subscription starts (an event stream then answers 429), and again
   * when it does.
   */
  admit(session: LiveSession): GraphQLError | undefined {
    const { live } = this.setup.config;
    if (this.closed) return new GraphQLError('The gateway is shutting down.', { extensions: { code: 'SHUTTING_DOWN' } });
    if (session.connection.subscriptions.size >= live.maxPerConnection)
      return limitError(`At most ${live.maxPerConnection} subscriptions may be open on one connection.`);
    if ((this.perCaller.get(session.caller?.id ?? 'anonymous') ?? 0) >= live.maxPerCaller)
      return limitError(`At most ${live.maxPerCaller} subscriptions may be open at once for one caller.`);
    return undefined;
  }

  /**
   * A subscription to `ids` (the same account twice, however spelled, followed once): account events (the current state first, then each change
   * of balances) or new movements. An id that cannot be followed gets one error event. Throws RATE_LIMITED or SHUTTING_DOWN where admit
   * refuses, and BAD_USER_INPUT for more ids than MAX_IDS_PER_REQUEST.
   */
  subscribe(kind: LiveKind, ids: readonly string[], session: LiveSession): AsyncIterableIterator<LiveEvent> {
    const { live, maxIdsPerRequest } = this.setup.config;
    if (ids.length > maxIdsPerRequest) {
      throw new GraphQLError(`At most ${maxIdsPerRequest} ids may be followed in one subscription; got ${ids.length}.`, {
        extensions: { code: ErrorCode.BadUserInput },
      });
    }
    const refused = this.admit(session);
    if (refused) throw refused;
    const callerId = session.caller?.id ?? 'anonymous';
    this.perCaller.set(callerId, (this.perCaller.get(callerId) ?? 0) + 1);
    const log = this.setup.logger.child({ callerId, subscription: kind === 'account' ? 'accountUpdated' : 'activityAdded' });
    log.info({ ids: ids.length }, 'subscription started');
    const attached: Array<[Watcher, WatchListener]> = [];
    const queue: EventQueue<LiveEvent> = new EventQueue(live.maxQueuedEvents, {
      onOverflow: () => {
        log.info({ limit: live.maxQueuedEvents }, 'subscriber too slow: its connection is closed');
        session.connection.slowConsumer();
      },
      onClose: () => {
        log.info('subscription ended');
        this.queues.delete(queue);
        for (const [watcher, listener] of attached) watcher.remove(listener);
        session.connection.subscriptions.delete(queue);
        const left = (this.perCaller.get(callerId) ?? 1) - 1;
        if (left > 0) this.perCaller.set(callerId, left);
        else this.perCaller.delete(callerId);
      },
    });
    this.queues.add(queue);
    session.connection.subscriptions.add(queue);
    for (const id of new Set(ids)) {
      try {
        const watcher = this.watcherFor(kind, id, session.credentials);
        // Two spellings of one account (`interledger:Alice`, `interledger:alice`) are one account.
        if (attached.some(([followed]) => followed === watcher)) continue;
        const listener = this.listener(kind, id, queue);
        attached.push([watcher, listener]);
        watcher.add(listener);
      } catch (error) {
        queue.push({ error: forId(error, id) });
      }
    }
    return queue;
  }

  /** Ends every subscription and stops every watcher (graceful shutdown), then leaves Redis. */
  async close(): Promise<void> {
    this.closed = true;
    for (const queue of [...this.queues]) void queue.return();
    for (const watcher of [...this.watchers.values()]) watcher.stop();
    await this.setup.relay?.close();
  }

  /** A subscriber's listener for one id: its events into the queue, errors naming the id. */
  private listener(kind: LiveKind, id: string, queue: EventQueue<LiveEvent>): WatchListener {
    const forward = (event: LiveEvent) => void queue.push('error' in event ? { error: forId(event.error, id) } : event);
    return kind === 'account' ? { account: forward } : { activity: forward };
  }

  /** The watcher of this account for these credentials, started on first use. Throws for an id that cannot be followed. */
  private watcherFor(kind: LiveKind, id: string, credentials: CallerCredentials): Watcher {
    const { provider, nativeId } = splitGlobalId(id);
    const module = providers[provider] as unknown as ProviderModule;
    const canonical = module.parseNativeId(nativeId);
    const settings = this.setup.config.providers[provider];
    if (!settings) {
      throw new GatewayError(ErrorCode.ProviderNotConfigured, `${module.identity.label} is not configured on this gateway.`, { provider });
    }
    if (kind === 'activity' && !module.activity) {
      throw new GatewayError(ErrorCode.NotSupported, `${module.identity.label} keeps no per-account history the gateway can follow.`, { provider });
    }
    const globalId = `${module.identity.prefix}:${canonical}`;
    const key = `${credentialKey(provider, credentials)}|${globalId}`;
    const existing = this.watchers.get(key);
    if (existing && !existing.stopped) return existing;
    const own = credentials[provider];
    const onStop = () => {
      if (this.watchers.get(key) === watcher) this.watchers.delete(key);
    };
    const { relay, cachedContext } = this.setup;
    const local = (stopped: () => void) => this.localWatcher(module, globalId, canonical, own ? { [provider]: own } : {}, stopped);
    const watcher: Watcher =
      relay && cachedContext && !own
        ? new SharedWatcher({
            globalId,
            provider,
            relay,
            local: () => local(() => undefined),
            context: () => cachedContext({}),
            readAccount: (ctx) => this.setup.readAccount(ctx, globalId),
            logger: this.setup.logger,
            onStop,
          })
        : local(onStop);
    this.watchers.set(key, watcher);
    return watcher;
  }

  /** A watcher of this replica with these credentials: the provider's stream or long poll, else polling. */
  private localWatcher(
    module: ProviderModule,
    globalId: string,
    nativeId: string,
    credentials: CallerCredentials,
    onStop: () => void,
  ): AccountWatcher {
    const provider = module.identity.provider;
    const settings = this.setup.config.providers[provider]!;
    const context = () => this.setup.watcherContext(credentials);
    return new AccountWatcher({
      globalId,
      nativeId,
      newContext: context,
      readAccount: (ctx) => this.setup.readAccount(ctx, globalId),
      client: () => context().client(provider),
      follow: module.live?.follow ?? (module.activity ? pollingFollow(module.activity) : undefined),
      pushes: module.live !== undefined,
      pollIntervalMs: settings.pollIntervalMs,
      timeoutMs: settings.timeoutMs,
      logger: this.setup.logger,
      onStop,
    });
  }
}

/** Which credentials a watcher reads with: the configured ones, or a digest of the caller's own (never the secret). */
function credentialKey(provider: AccountProvider, credentials: CallerCredentials): string {
  const own = credentials[provider];
  if (!own) return 'configured';
  return createHash('sha256')
    .update(JSON.stringify(Object.entries(own).sort()))
    .digest('base64url');
}
