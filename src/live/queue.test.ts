import { describe, expect, it, vi } from 'vitest';
import { EventQueue } from './queue.js';

describe('EventQueue', () => {
  it('hands events to a waiting reader, keeps them in order otherwise', async () => {
    const queue = new EventQueue<number>(3, { onOverflow: vi.fn(), onClose: vi.fn() });
    const waiting = queue.next();
    expect(queue.push(1)).toBe(true);
    expect(await waiting).toEqual({ value: 1, done: false });
    queue.push(2);
    queue.push(3);
    expect(queue.size).toBe(2);
    expect(await queue.next()).toEqual({ value: 2, done: false });
    expect(await queue.next()).toEqual({ value: 3, done: false });
  });

  it('ends itself, drops what it held and calls onOverflow once when a reader leaves more than the limit unread', async () => {
    const hooks = { onOverflow: vi.fn(), onClose: vi.fn() };
    const queue = new EventQueue<number>(2, hooks);
    expect([queue.push(1), queue.push(2), queue.push(3), queue.push(4)]).toEqual([true, true, false, false]);
    expect(hooks.onOverflow).toHaveBeenCalledTimes(1);
    expect(hooks.onClose).toHaveBeenCalledTimes(1);
    expect(queue.size).toBe(0);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('ends a pending read and runs onClose once when the reader returns', async () => {
    const hooks = { onOverflow: vi.fn(), onClose: vi.fn() };
    const queue = new EventQueue<number>(2, hooks);
    const pending = queue.next();
    await queue.return();
    await queue.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(hooks.onClose).toHaveBeenCalledTimes(1);
    expect(hooks.onOverflow).not.toHaveBeenCalled();
    expect(queue.push(1)).toBe(false);
  });
});
