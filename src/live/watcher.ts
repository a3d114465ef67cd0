// One account followed live for every subscriber of this replica that reads it with the same credentials: its
// balances read when they may have changed (after each movement a provider tells of, or every poll interval), its
// new movements handed on once each, in order, and one error per state change rather than one per failed read.
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { ActivityModel } from '../activity/types.js';
import type { RequestContext } from '../context.js';
import type { AccountModel } from '../providers/models.js';
import type { ProviderClient } from '../upstream/client.js';
import { ErrorCode, GatewayError } from '../errors.js';
import { pause, type Follow } from './types.js';

/**
 * The account with the context it was read through (its lazy fields' answers are in that context's loaders) and its
 * balances as comparable text.
 */
export type AccountEvent = { account: AccountModel; context: RequestContext; balances: string } | { error: GraphQLError };
/** A new movement, with a context to resolve its fields in. */
export type ActivityEvent = { entry: ActivityModel; context: RequestContext } | { error: GraphQLError };

/** A subscriber's interest in the account: its account events, its movements, or both. */
export interface WatchListener {
  account?(event: AccountEvent): void;
  activity?(event: ActivityEvent): void;
}

/** What a watcher reads with and how. */
export interface WatcherSetup {
  globalId: string;
  nativeId: string;
  /** A fresh context with the watcher's credentials whose reads never come from the shared cache. */
  newContext(): RequestContext;
  /** The account and its balances as comparable text, read through `context`; throws its GraphQLError. */
  readAccount(context: RequestContext): Promise<{ account: AccountModel; balances: string }>;
  /** This provider's client with the watcher's credentials, for following its movements. */
  client(): ProviderClient;
  /** Follows movements (a stream, a long poll, or polling); undefined when the provider keeps no history. */
  follow: Follow | undefined;
  /** The provider tells of movements itself: the account is read again only after one, not every interval. */
  pushes: boolean;
  pollIntervalMs: number;
  timeoutMs: number;
  logger: Logger;
  /** Called once when the watcher has stopped (its last listener left, or the hub closed). */
  onStop(): void;
}

/** Errors after which reading again cannot help (the account does not exist, the provider lacks the feature). */
const FINAL = new Set<string>([ErrorCode.NotFound, ErrorCode.BadUserInput, ErrorCode.ProviderNotConfigured, 'NOT_SUPPORTED', 'FORBIDDEN']);
const codeOf = (error: unknown): string =>
  error instanceof GatewayError ? error.code : (((error as GraphQLError).extensions?.code as string) ?? 'INTERNAL');
/** The longest pause between attempts to follow again after failures, in ms. */
const MAX_BACKOFF_MS = 60_000;
/** A follow that lasted this long before it ended was healthy: the next one starts at once, in ms. */
const HEALTHY_FOLLOW_MS = 30_000;

/**
 * The pause before following again after `unhealthy` follows in a row ended without a movement or a healthy life: none
 * after the first (a stream dropped once is opened again at once), then the poll interval, doubling up to a minute.
 */
export const backoff = (unhealthy: number, pollIntervalMs: number): number =>
  unhealthy <= 1 ? 0 : Math.min(MAX_BACKOFF_MS, pollIntervalMs * 2 ** (unhealthy - 2));

/** What the hub keeps per account and credentials: a watcher of this replica, or one shared through Redis (shared.ts). */
export interface Watcher {
  add(listener: WatchListener): void;
  remove(listener: WatchListener): void;
  stop(): void;
  readonly stopped: boolean;
  /** Upstream reads and follows started, for tests and metrics. */
  readonly reads: number;
}

export class AccountWatcher implements Watcher {
  private readonly listeners = new Set<WatchListener>();
  private readonly stopping = new AbortController();
  /** The last account event (its current state for a newcomer) and the balances it had. */
  private latest: { event: AccountEvent; balances?: string } | undefined;
  private following = false;
  private polling = false;
  /** Upstream reads and follows started, for tests and metrics. */
  reads = 0;

  constructor(private readonly setup: WatcherSetup) {}

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Adds a listener: it gets the account's current state at once when known, then every change. */
  add(listener: WatchListener): void {
    this.listeners.add(listener);
    if (listener.account && this.latest) listener.account(this.latest.event);
    this.start(listener);
  }

  /** Removes a listener; the last one leaving stops the watcher. */
  remove(listener: WatchListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.stop();
  }

  stop(): void {
    if (this.stopping.signal.aborted) return;
    this.stopping.abort();
    this.listeners.clear();
    this.setup.onStop();
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private start(listener: WatchListener): void {
    const { follow, pushes } = this.setup;
    if (listener.account && !this.polling && !this.latest) {
      this.polling = true;
      void this.watchAccount();
    }
    if (follow && !this.following && (listener.activity || pushes)) {
      this.following = true;
      void this.followMovements(follow);
    }
  }

  /** The first read, then (for providers that do not push) one every poll interval. */
  private async watchAccount(): Promise<void> {
    const { signal } = this.stopping;
    while (!signal.aborted) {
      const final = await this.refresh();
      if (final || (this.setup.pushes && this.latest && !('error' in this.latest.event))) return;
      await pause(this.setup.pollIntervalMs, signal);
    }
  }

  /** Reads the account; tells account listeners when its balances changed or its error did. True after a final error. */
  private async refresh(): Promise<boolean> {
    const context = this.setup.newContext();
    this.reads += 1;
    try {
      const { account, balances } = await this.setup.readAccount(context);
      if (this.stopped || (this.latest && this.latest.balances === balances)) return false;
      this.publishAccount({ account, context, balances }, balances);
      return false;
    } catch (error) {
      if (this.stopped) return true;
      const code = codeOf(error);
      const previous = this.latest && 'error' in this.latest.event ? codeOf(this.latest.event.error) : undefined;
      if (previous !== code) this.publishAccount({ error: error as GraphQLError });
      return FINAL.has(code);
    }
  }

  private publishAccount(event: AccountEvent, balances?: string): void {
    this.latest = { event, ...(balances === undefined ? {} : { balances }) };
    for (const listener of this.listeners) listener.account?.(event);
  }

  private publishActivity(event: ActivityEvent): void {
    for (const listener of this.listeners) listener.activity?.(event);
  }

  /** Whether subscribers were told of movements left out since the last one read. */
  private omissionTold = false;

  /**
   * Movements the provider sent that could not be read exactly are never guessed: subscribers get one UPSTREAM_ERROR
   * (`extensions.leftOut`) until a movement is read again (a poll that sees the same unreadable entry says it once).
   */
  private reportOmitted(omitted: number, readSome: boolean): void {
    if (omitted > 0 && !this.omissionTold) {
      this.omissionTold = true;
      const { label, provider } = this.setup.client();
      const message = `${label} sent a movement the gateway could not read exactly; it was left out.`;
      this.publishActivity({ error: new GraphQLError(message, { extensions: { code: ErrorCode.UpstreamError, provider, leftOut: omitted } }) });
    } else if (omitted === 0 && readSome) this.omissionTold = false;
  }

  /** Follows movements until stopped, starting again from the last position after a failure (with back-off). */
  private async followMovements(follow: Follow): Promise<void> {
    const { signal } = this.stopping;
    const { nativeId, pollIntervalMs, timeoutMs, logger } = this.setup;
    let position: string | undefined;
    let started = false;
    /** Follows in a row that ended (or failed) without a movement or a long healthy life. */
    let unhealthy = 0;
    let lastError: string | undefined;
    let retryAfterMs = 0;
    while (!signal.aborted) {
      const began = performance.now();
      try {
        this.reads += 1;
        for await (const batch of follow(this.setup.client(), nativeId, started ? position : undefined, { signal, pollIntervalMs, timeoutMs })) {
          if (signal.aborted) return;
          started = true;
          position = batch.position ?? position;
          this.reportOmitted(batch.omitted ?? 0, batch.entries.length > 0);
          if (batch.entries.length === 0) continue;
          // Movements came: the provider is fine.
          unhealthy = 0;
          lastError = undefined;
          const context = this.setup.newContext();
          for (const entry of batch.entries) this.publishActivity({ entry, context });
          if (this.setup.pushes && [...this.listeners].some((listener) => listener.account)) await this.refresh();
        }
        if (signal.aborted) return;
        unhealthy = performance.now() - began >= HEALTHY_FOLLOW_MS ? 0 : unhealthy + 1;
      } catch (error) {
        if (signal.aborted) return;
        const code = codeOf(error);
        unhealthy = performance.now() - began >= HEALTHY_FOLLOW_MS ? 1 : unhealthy + 1;
        logger.warn({ account: this.setup.globalId, code, failures: unhealthy }, 'live follow failed; following again');
        // A stream dropped once is opened again quietly; subscribers hear of a failure that lasts, once per kind.
        if ((FINAL.has(code) || unhealthy >= 2) && code !== lastError) {
          this.publishActivity({ error: error as GraphQLError });
          lastError = code;
        }
        if (FINAL.has(code)) return;
        // A provider that says when to come back (429 with Retry-After) is not asked sooner.
        const retryAfter = (error as GraphQLError).extensions?.retryAfter;
        retryAfterMs = typeof retryAfter === 'number' ? retryAfter * 1000 : 0;
      }
      await pause(Math.max(retryAfterMs, backoff(unhealthy, pollIntervalMs)), signal);
      retryAfterMs = 0;
    }
  }
}
