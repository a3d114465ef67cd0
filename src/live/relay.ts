// Replicas sharing live updates through Redis: one replica at a time leads each account (a lock it renews), runs the
// only watcher of the deployment for it and publishes what it sees on the account's channel; the others listen. A
// Redis that does not answer makes every replica lead its own accounts: updates go on, each replica watching.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** What a leader publishes: an account read (its model and balances), a new movement, or an error, by kind. */
export type RelayMessage =
  | { kind: 'account'; account: unknown; balances: string }
  | { kind: 'activity'; entry: unknown }
  | { kind: 'error'; of: 'account' | 'activity'; message: string; extensions: Record<string, unknown> };

/** How long a leader's lock lasts without renewal, in ms: a replica that dies is replaced within this time. */
export const LOCK_MS = 15_000;

/** Renews the lock only if this replica still holds it. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** Releases the lock only if this replica holds it. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class LiveRelay {
  /** This replica, in every message and lock it writes. */
  readonly replicaId = randomUUID();
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, (message: RelayMessage) => void>();

  /** `redis`: the shared store's connection (its key prefix applies to locks); channels carry `channelPrefix`. */
  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly channelPrefix = 'accounts-gateway:live:',
  ) {
    this.subscriber = redis.duplicate();
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (channel: string, text: string) => this.receive(channel, text));
  }

  private channel = (globalId: string) => `${this.channelPrefix}${globalId}`;
  private lock = (globalId: string) => `live:lock:${globalId}`;

  private receive(channel: string, text: string): void {
    const handler = this.handlers.get(channel);
    if (!handler) return;
    try {
      const message = JSON.parse(text) as RelayMessage & { from?: string };
      if (message.from !== this.replicaId) handler(message);
    } catch {
      this.logger.warn({ channel: 'live' }, 'live relay message unreadable; ignored');
    }
  }

  /** Listens to the account's channel. */
  async join(globalId: string, handler: (message: RelayMessage) => void): Promise<void> {
    this.handlers.set(this.channel(globalId), handler);
    await this.quietly(() => this.subscriber.subscribe(this.channel(globalId)), undefined);
  }

  async leave(globalId: string): Promise<void> {
    this.handlers.delete(this.channel(globalId));
    await this.quietly(() => this.subscriber.unsubscribe(this.channel(globalId)), undefined);
  }

  async publish(globalId: string, message: RelayMessage): Promise<void> {
    await this.quietly(() => this.redis.publish(this.channel(globalId), JSON.stringify({ ...message, from: this.replicaId })), undefined);
  }

  /** Takes the lead of an account if nobody holds it; true when this replica leads (also when Redis does not answer). */
  async lead(globalId: string): Promise<boolean> {
    return this.quietly(async () => (await this.redis.set(this.lock(globalId), this.replicaId, 'PX', LOCK_MS, 'NX')) === 'OK', true);
  }

  /** Keeps the lead; false when another replica took it (this one then stops watching). */
  async renew(globalId: string): Promise<boolean> {
    return this.quietly(async () => Number(await this.redis.eval(RENEW, 1, this.lock(globalId), this.replicaId, String(LOCK_MS))) === 1, true);
  }

  async release(globalId: string): Promise<void> {
    await this.quietly(() => this.redis.eval(RELEASE, 1, this.lock(globalId), this.replicaId), undefined);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private async quietly<T>(call: () => Promise<unknown>, fallback: T): Promise<T> {
    try {
      return (await call()) as T;
    } catch {
      return fallback;
    }
  }
}
