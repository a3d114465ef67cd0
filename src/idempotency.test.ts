import { describe, expect, it } from 'vitest';
import { IdempotentCreates } from './idempotency.js';
import { memoryStore } from './cache/store.js';

describe('IdempotentCreates', () => {
  it('keeps keys per caller, shares answers through the store (as replicas would), and does not keep failures', async () => {
    const store = memoryStore(100);
    const [replicaA, replicaB] = [new IdempotentCreates(store), new IdempotentCreates(store)];
    let runs = 0;
    const create = async () => ({ made: ++runs });
    expect(await replicaA.run('key:alice', 'op', 'k1', { a: 1 }, create)).toEqual({ made: 1 });
    expect(await replicaB.run('key:alice', 'op', 'k1', { a: 1 }, create)).toEqual({ made: 1 });
    expect(await replicaA.run('key:bob', 'op', 'k1', { a: 1 }, create)).toEqual({ made: 2 });
    await expect(replicaA.run('key:alice', 'op', 'k2', {}, async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await replicaA.run('key:alice', 'op', 'k2', {}, create)).toEqual({ made: 3 });
    await expect(replicaA.run('key:alice', 'op', 'has space', {}, create)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
