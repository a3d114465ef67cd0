// One subscriber's events on their way to its connection: a bounded queue read as an async iterator. A subscriber
// that does not read is not allowed to make the server hold its events: past the limit the queue is dropped and its
// owner told (the connection is then closed), rather than memory growing.

/**
 * A bounded queue of events, read with `for await`. push() returns false (and ends the queue, calling onOverflow
 * once) when `limit` events are already waiting; return() (the reader leaving) runs onClose once.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  private readonly waiting: T[] = [];
  private reader: ((result: IteratorResult<T>) => void) | undefined;
  private ended = false;

  constructor(
    private readonly limit: number,
    private readonly hooks: { onOverflow(): void; onClose(): void },
  ) {}

  /** Hands an event to the reader, or keeps it; false when the queue has ended or just overflowed. */
  push(event: T): boolean {
    if (this.ended) return false;
    if (this.reader) {
      const read = this.reader;
      this.reader = undefined;
      read({ value: event, done: false });
      return true;
    }
    if (this.waiting.length >= this.limit) {
      this.finish();
      this.hooks.onOverflow();
      return false;
    }
    this.waiting.push(event);
    return true;
  }

  /** Events waiting to be read. */
  get size(): number {
    return this.waiting.length;
  }

  next(): Promise<IteratorResult<T>> {
    const event = this.waiting.shift();
    if (event !== undefined) return Promise.resolve({ value: event, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.reader = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.waiting.length = 0;
    this.reader?.({ value: undefined, done: true });
    this.reader = undefined;
    this.hooks.onClose();
  }
}
