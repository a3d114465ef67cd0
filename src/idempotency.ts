// Optional idempotency keys for creates: a create repeated with the same key (a client retrying after a lost answer)
// gets the first answer back instead of a second account, within the gateway's shared store.
import { createHash } from 'node:crypto';
import type { SharedStore } from './cache/store.js';
import { badUserInput } from './errors.js';

/** How long a create's answer is kept for its key. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Keys are the caller's own: 1 to 255 printable ASCII characters (a UUID fits). */
const KEY = /^[\x21-\x7e]{1,255}$/;

interface Stored {
  /** SHA-256 of the operation and its input: the same key with another input is the caller's mistake. */
  fingerprint: string;
  result: unknown;
}

/**
 * Runs creates at most once per (caller, operation, key). Within one process concurrent repeats share one call; across
 * replicas the answer is shared through the store (Redis) once the first call has answered.
 */
export class IdempotentCreates {
  private readonly running = new Map<string, Promise<Stored>>();

  constructor(private readonly store: SharedStore) {}

  /**
   * The answer of `create` for this key: run now, or the stored answer of an earlier run with the same input. Without
   * a key, just runs. BAD_USER_INPUT for a malformed key or a key reused with another input. Failures (errors thrown)
   * are not stored, so a retry after a failure runs again; answers with userErrors are stored like any answer.
   */
  async run<T>(callerId: string, operation: string, key: string | null | undefined, input: unknown, create: () => Promise<T>): Promise<T> {
    if (key === undefined || key === null) return create();
    if (!KEY.test(key)) throw badUserInput('idempotencyKey must be 1 to 255 printable characters without spaces (a UUID, for example).');
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([operation, input]))
      .digest('base64url');
    const storeKey = `idempotency:${createHash('sha256')
      .update(JSON.stringify([callerId, operation, key]))
      .digest('base64url')}`;
    const shared = this.running.get(storeKey);
    if (shared) return this.same(await shared, fingerprint) as T;
    const pending = this.once(storeKey, fingerprint, create);
    this.running.set(storeKey, pending);
    try {
      return this.same(await pending, fingerprint) as T;
    } finally {
      this.running.delete(storeKey);
    }
  }

  private async once(storeKey: string, fingerprint: string, create: () => Promise<unknown>): Promise<Stored> {
    const raw = await this.store.get(storeKey);
    if (raw !== undefined) return JSON.parse(raw) as Stored;
    const stored: Stored = { fingerprint, result: await create() };
    await this.store.set(storeKey, JSON.stringify(stored), IDEMPOTENCY_TTL_MS);
    return stored;
  }

  private same(stored: Stored, fingerprint: string): unknown {
    if (stored.fingerprint !== fingerprint) throw badUserInput('This idempotencyKey was used for a different input; use a new key for a new create.');
    return stored.result;
  }
}
