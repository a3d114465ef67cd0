// An account followed once for the whole deployment (REDIS_URL set, the configured credentials): the replica that
// leads it (LiveRelay's lock) runs the watcher and publishes what it sees; every other replica hands the published
// events to its own subscribers, reading the account through the shared cache the leader has just refreshed. Each
// replica tries to take the lead every few seconds, so a leader that stops or dies is replaced.
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { AccountProvider } from '../generated/resolvers-types.js';
import type { RequestContext } from '../context.js';
import type { AccountModel } from '../providers/models.js';
import type { ActivityModel } from '../activity/types.js';
import type { LiveRelay, RelayMessage } from './relay.js';
import type { AccountEvent, AccountWatcher, ActivityEvent, Watcher, WatchListener } from './watcher.js';

/** How often a follower tries to take the lead, and a leader renews it, in ms. */
export const LEAD_INTERVAL_MS = 5_000;

export interface SharedWatcherSetup {
  globalId: string;
  provider: AccountProvider;
  relay: LiveRelay;
  /** The watcher this replica runs while it leads. */
  local(): AccountWatcher;
  /** A context whose reads may come from the shared cache (a follower's). */
  context(): RequestContext;
  /** Reads the account and its balances (a follower's first state when nobody has published one yet). */
  readAccount(context: RequestContext): Promise<{ account: AccountModel; balances: string }>;
  logger: Logger;
  onStop(): void;
}

const asError = (message: string, extensions: Record<string, unknown>) => new GraphQLError(message, { extensions });

export class SharedWatcher implements Watcher {
  private readonly listeners = new Set<WatchListener>();
  private leading: AccountWatcher | undefined;
  private latest: AccountEvent | undefined;
  private timer: NodeJS.Timeout | undefined;
  private done = false;
  private started = false;
  private reading = false;

  constructor(private readonly setup: SharedWatcherSetup) {}

  get stopped(): boolean {
    return this.done;
  }

  get reads(): number {
    return this.leading?.reads ?? 0;
  }

  add(listener: WatchListener): void {
    this.listeners.add(listener);
    if (listener.account && this.latest) listener.account(this.latest);
    if (!this.started) {
      this.started = true;
      void this.start();
    } else if (listener.account && !this.latest && !this.leading) void this.readFirst();
  }

  remove(listener: WatchListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0) this.stop();
  }

  stop(): void {
    if (this.done) return;
    this.done = true;
    clearInterval(this.timer);
    this.listeners.clear();
    const { relay, globalId } = this.setup;
    void relay.leave(globalId);
    if (this.leading) {
      this.leading.stop();
      this.leading = undefined;
      void relay.release(globalId);
    }
    this.setup.onStop();
  }

  private async start(): Promise<void> {
    await this.setup.relay.join(this.setup.globalId, (message) => this.receive(message));
    await this.contend();
    if (this.done) return;
    this.timer = setInterval(() => void this.contend(), LEAD_INTERVAL_MS);
    this.timer.unref();
  }

  /** Leads when nobody does; keeps the lead while it holds it; a follower without a first state reads one. */
  private async contend(): Promise<void> {
    const { relay, globalId } = this.setup;
    if (this.leading) {
      if (await relay.renew(globalId)) return;
      this.setup.logger.info({ account: globalId }, 'live lead taken by another replica');
      this.leading.stop();
      this.leading = undefined;
    }
    if (this.done) return;
    if (await relay.lead(globalId)) {
      if (this.done) return void relay.release(globalId);
      this.leading = this.setup.local();
      this.leading.add({ account: (event) => this.fromLeader('account', event), activity: (event) => this.fromLeader('activity', event) });
    } else if (!this.latest && [...this.listeners].some((listener) => listener.account)) {
      await this.readFirst();
    }
  }

  /** What this replica's own watcher saw: to its subscribers and to the other replicas. */
  private fromLeader(kind: 'account' | 'activity', event: AccountEvent | ActivityEvent): void {
    const { relay, globalId } = this.setup;
    if ('error' in event) {
      void relay.publish(globalId, { kind: 'error', of: kind, message: event.error.message, extensions: { ...event.error.extensions } });
    } else if ('account' in event) {
      void relay.publish(globalId, { kind: 'account', account: event.account, balances: event.balances });
    } else {
      void relay.publish(globalId, { kind: 'activity', entry: event.entry });
    }
    this.deliver(kind, event);
  }

  /** What the leading replica published. */
  private receive(message: RelayMessage): void {
    if (this.done || this.leading) return;
    if (message.kind === 'error') return this.deliver(message.of, { error: asError(message.message, message.extensions) });
    const context = this.setup.context();
    if (message.kind === 'activity') return this.deliver('activity', { entry: message.entry as ActivityModel, context });
    const account = message.account as AccountModel;
    context.source(this.setup.provider).prime(account as never);
    this.deliver('account', { account, context, balances: message.balances });
  }

  /** A follower's first state when no leader has published one since it joined. */
  private async readFirst(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    const context = this.setup.context();
    try {
      const { account, balances } = await this.setup.readAccount(context);
      if (!this.latest && !this.done) this.deliver('account', { account, context, balances });
    } catch (error) {
      if (!this.done) this.deliver('account', { error: error as GraphQLError });
    } finally {
      this.reading = false;
    }
  }

  /** To this replica's subscribers; an account event only when its balances (or its error) differ from the last one. */
  private deliver(kind: 'account' | 'activity', event: AccountEvent | ActivityEvent): void {
    if (kind === 'account') {
      const latest = this.latest;
      if (latest && 'balances' in latest && 'balances' in event && latest.balances === event.balances) return;
      this.latest = event as AccountEvent;
    }
    for (const listener of this.listeners) {
      if (kind === 'account') listener.account?.(event as AccountEvent);
      else listener.activity?.(event as ActivityEvent);
    }
  }
}
