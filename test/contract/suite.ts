// The provider contract, defined once and run over every registry entry (as Apollo's defineIntegrationTestSuite runs
// over integrations): ids, errors, call counts, lists and tolerant reading, each over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../simulators/shared/faults.js';
import type { ProviderModule } from '../../src/providers/types.js';
import type { Stack } from '../harness.js';
import { startReplayStack, type ReplayStack } from '../support/replay.js';
import { replayRoutes, type ContractTable } from './table.js';

/** What the suite needs of a registry entry. */
export type ContractModule = Pick<ProviderModule, 'identity' | 'resolvers'>;

/**
 * Native ids no provider may accept: empty, dot segments, path and query characters, encoded separators, blanks,
 * control characters, non-ASCII, and one longer than any global id may be. Each must be refused before any call.
 */
export const HOSTILE_NATIVE_IDS: readonly string[] = [
  '',
  '.',
  '..',
  '../admin',
  'a/../../admin',
  '..%2Fadmin',
  '%2e%2e',
  'a%2Fb',
  'a?limit=1000',
  'a#b',
  'a b',
  ' a',
  'a\n',
  'a\u0000b',
  'a\\b',
  'ä',
  'x'.repeat(300),
];

/** A GraphQL literal for a JSON value (strings, numbers, booleans, null, lists and input objects; no enums). */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  return `{ ${Object.entries(value as Record<string, unknown>)
    .map(([key, entry]) => `${key}: ${literal(entry)}`)
    .join(', ')} }`;
}

const arguments_ = (args: Record<string, unknown>) => {
  const given = Object.entries(args).filter(([, value]) => value !== undefined);
  return given.length ? `(${given.map(([key, value]) => `${key}: ${literal(value)}`).join(', ')})` : '';
};

/** Where the provider's answers name the gateway's machinery: none of it may reach a client. */
const LEAKS = /127\.0\.0\.1|localhost|https?:\/\/|stack|at [A-Za-z]+ \(/;

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Page {
  edges: Array<{ cursor: string; node: { id: string } }>;
  nodes: Array<{ id: string }>;
  pageInfo: PageInfo;
}

/**
 * Defines the contract of one provider module. `stack` is a running gateway over the simulators (shared by every
 * provider, reset before each test); the tolerant-reading cases start a replay server of their own.
 */
export function defineProviderContract(module: ContractModule, table: ContractTable, stack: () => Stack): void {
  const { provider, prefix, label, typename } = module.identity;
  const simulator = () => stack().fleet.byProvider[provider];
  const samples = () => stack().fleet.sampleIds.filter((id) => id.startsWith(`${prefix}:`));
  const otherProvidersId = () => stack().fleet.sampleIds.find((id) => !id.startsWith(`${prefix}:`)) as string;
  const calls = () => simulator().requests.length;
  const mutations = Object.keys(module.resolvers.Mutation ?? {});

  describe(`${label}: ids`, () => {
    it('has samples in its simulator, each answered under its own canonical id with the provider’s type', async () => {
      const ids = samples();
      expect(ids.length).toBeGreaterThan(1);
      const result = await stack().query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id provider nativeId __typename } }`, { ids });
      expect(result.errors).toBeUndefined();
      expect(result.data?.accounts).toEqual(ids.map((id) => ({ id, provider, nativeId: id.slice(prefix.length + 1), __typename: typename })));
    });

    it.each(table.canonical)('answers %s under its canonical id %s', async (given, canonical) => {
      const result = await stack().query(`query ($id: ID!) { account(id: $id) { id nativeId } }`, { id: given });
      expect(result.errors).toBeUndefined();
      expect(result.data?.account).toEqual({ id: canonical, nativeId: canonical.slice(prefix.length + 1) });
    });

    it('refuses every hostile id with BAD_USER_INPUT, each at its place in the list, before any call', async () => {
      const ids = [...HOSTILE_NATIVE_IDS, ...table.hostile].map((nativeId) => `${prefix}:${nativeId}`);
      ids.push(prefix, `${prefix.toUpperCase()}:${samples()[0]?.slice(prefix.length + 1)}`, ` ${samples()[0]}`);
      const result = await stack().query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id } }`, { ids });
      expect(result.status).toBe(200);
      expect(result.data?.accounts).toEqual(ids.map(() => null));
      expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual(
        ids.map((_id, index) => [['accounts', index], 'BAD_USER_INPUT']),
      );
      expect(stack().fleet.totalRequests()).toBe(0);
    });

    it.runIf(mutations.length > 0)(
      'refuses hostile and other providers’ ids to its mutations as INVALID user errors on ["id"], before any call',
      async () => {
        const ids = [...HOSTILE_NATIVE_IDS.map((nativeId) => `${prefix}:${nativeId}`), otherProvidersId(), samples()[0]?.slice(prefix.length + 1)];
        const changes = mutations.flatMap((field) => {
          if (field.endsWith('Delete')) return ids.map((id) => `${field}(id: ${literal(id)})`);
          if (field.endsWith('Update') && table.updateInput)
            return ids.map((id) => `${field}(id: ${literal(id)}, input: ${literal(table.updateInput)})`);
          return [];
        });
        expect(changes.length).toBeGreaterThan(0);
        const result = await stack().query(
          `mutation { ${changes.map((change, index) => `m${index}: ${change} { userErrors { code field } }`).join(' ')} }`,
        );
        expect(result.errors).toBeUndefined();
        expect(Object.values(result.data ?? {})).toEqual(changes.map(() => ({ userErrors: [{ code: 'INVALID', field: ['id'] }] })));
        expect(stack().fleet.totalRequests()).toBe(0);
      },
    );
  });

  describe(`${label}: errors`, () => {
    const ACCOUNT = `query ($id: ID!) { account(id: $id) { id } }`;

    it('answers an account its provider does not hold with NOT_FOUND from the provider, after one call', async () => {
      const result = await stack().query(ACCOUNT, { id: table.unknown });
      expect(result.data?.account).toBeNull();
      expect(result.errors).toEqual([expect.objectContaining({ path: ['account'], extensions: { code: 'NOT_FOUND', provider } })]);
      expect(result.errors?.[0]?.message).toContain(label);
      expect(result.raw).not.toMatch(LEAKS);
      expect(calls()).toBe(1);
    });

    it.each([
      ['refusing the gateway’s credentials (401)', { kind: 'status', status: 401, body: '{"error":"unauthorized"}' }, 'UNAUTHENTICATED'],
      ['refusing access (403)', { kind: 'status', status: 403, body: '{"error":"forbidden"}' }, 'FORBIDDEN'],
      [
        'failing (500, with a Java stack trace)',
        { kind: 'status', status: 500, body: '<html>java.lang.NullPointerException at Foo.bar(Foo.java:1)</html>' },
        'UPSTREAM_ERROR',
      ],
      ['unavailable (503)', { kind: 'status', status: 503 }, 'UPSTREAM_ERROR'],
      ['not answering in time', { kind: 'hang' }, 'UPSTREAM_TIMEOUT'],
    ] as Array<[string, Fault, string]>)(
      'answers a provider %s with %s at the account, naming the provider and nothing of its answer',
      async (_what, fault, code) => {
        simulator().faults.set({ fault });
        const result = await stack().query(ACCOUNT, { id: samples()[0] });
        expect(result.data?.account).toBeNull();
        expect(result.errors).toEqual([expect.objectContaining({ path: ['account'], extensions: expect.objectContaining({ code, provider }) })]);
        expect(result.errors?.[0]?.message).toContain(label);
        expect(result.raw).not.toMatch(LEAKS);
        expect(result.raw).not.toMatch(/NullPointer|unauthorized|forbidden|simulated/);
        expect(calls()).toBeGreaterThanOrEqual(1);
      },
    );
  });

  describe(`${label}: upstream calls`, () => {
    it(`reads N distinct accounts with ${table.batch === 'each' ? 'one call each' : 'one list call'}, and repeats of them for free`, async () => {
      const ids = samples();
      const asked = [...ids, ...[...ids].reverse(), ...ids];
      const result = await stack().query(`query ($ids: [ID!]!) { accounts(ids: $ids) { id } }`, { ids: asked });
      expect(result.errors).toBeUndefined();
      expect(result.data?.accounts).toEqual(asked.map((id) => ({ id })));
      const urls = simulator().requests.map((request) => `${request.method} ${request.url}`);
      expect(new Set(urls).size).toBe(urls.length);
      expect(urls).toHaveLength(table.batch === 'each' ? ids.length : 1);
      expect(stack().fleet.totalRequests()).toBe(urls.length);
    });

    it('fetches an account once however one request asks for it: account, aliases, accounts, node and nodes', async () => {
      const result = await stack().query(
        `query ($id: ID!) { a: account(id: $id) { id } b: account(id: $id) { __typename } accounts(ids: [$id, $id]) { id } node(id: $id) { id } nodes(ids: [$id]) { id } }`,
        { id: samples()[0] },
      );
      expect(result.errors).toBeUndefined();
      expect(calls()).toBe(1);
    });

    it('never serves one request’s accounts to another: each request calls again', async () => {
      const id = samples()[0];
      for (let request = 0; request < 2; request += 1)
        expect((await stack().query(`query ($id: ID!) { account(id: $id) { id } }`, { id })).errors).toBeUndefined();
      expect(calls()).toBe(2);
    });
  });

  describe(`${label}: lists`, () => {
    it('has a table entry for every list field of the module', () => {
      expect(table.lists.map((list) => list.field).sort()).toEqual(Object.keys(module.resolvers.Query ?? {}).sort());
    });

    const pageQuery = (field: string, args: Record<string, unknown>) =>
      `{ ${field}${arguments_(args)} { edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

    describe.each(table.lists)('$field', ({ field, args, first, maxFirst, count }) => {
      it(`pages to the end ${first} at a time: every page answers without error, hasNextPage never leads to an error, nothing repeats or is lost`, async () => {
        const pages: Page[] = [];
        let after: string | null = null;
        do {
          const before = calls();
          const result = await stack().query(pageQuery(field, { ...args, first, after }));
          expect(result.errors).toBeUndefined();
          const page = result.data?.[field] as Page;
          expect(page.nodes).toEqual(page.edges.map((edge) => edge.node));
          expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
          expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
          expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
          if (page.pageInfo.hasNextPage) expect(page.pageInfo.endCursor).not.toBeNull();
          expect(page.nodes.length).toBeLessThanOrEqual(first);
          expect(calls() - before).toBeGreaterThanOrEqual(1);
          pages.push(page);
          after = page.pageInfo.endCursor;
          expect(pages.length).toBeLessThanOrEqual(Math.ceil(count / first) + 1);
        } while (pages.at(-1)?.pageInfo.hasNextPage);
        const ids = pages.flatMap((page) => page.nodes.map((node) => node.id));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(count);
        for (const id of ids) expect(id.startsWith(`${prefix}:`)).toBe(true);

        const whole = await stack().query(pageQuery(field, { ...args, first: Math.max(count, 1) }));
        expect(whole.errors).toBeUndefined();
        expect((whole.data?.[field] as Page).nodes.map((node) => node.id)).toEqual(ids);
      });

      it(`takes pages of up to ${maxFirst}, and refuses a forged or altered cursor and a page size out of range with BAD_USER_INPUT, before any call`, async () => {
        const largest = await stack().query(pageQuery(field, { ...args, first: maxFirst }));
        expect(largest.errors).toBeUndefined();
        const first_ = await stack().query(pageQuery(field, { ...args, first: 1 }));
        const cursor = (first_.data?.[field] as Page).pageInfo.endCursor as string;
        stack().fleet.reset();
        const altered = `${cursor.slice(0, -1)}${cursor.endsWith('A') ? 'B' : 'A'}`;
        for (const bad of [{ after: 'forged' }, { after: altered }, { first: 0 }, { first: -1 }, { first: maxFirst + 1 }]) {
          const result = await stack().query(pageQuery(field, { ...args, first, ...bad }));
          expect(result.data).toBeNull();
          expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[[field], 'BAD_USER_INPUT']]);
        }
        expect(stack().fleet.totalRequests()).toBe(0);
      });
    });
  });

  describe(`${label}: tolerant reading`, () => {
    let replay: ReplayStack;
    beforeAll(async () => {
      const { degraded, badAmount } = table.tolerant;
      replay = await startReplayStack(provider, [...replayRoutes(prefix, degraded.routes), ...replayRoutes(prefix, badAmount.routes)]);
    });
    afterAll(() => replay?.close());

    const wireLogs = () =>
      replay.logs
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => /^upstream (fields degraded|body refused)$/.test(String(line.msg)));
    const read = ({ id, select }: { id: string; select: string }) => replay.query(`query ($id: ID!) { account(id: $id) { id ${select} } }`, { id });

    it('reads an optional field it cannot read as degraded: the account stands, the field’s path is logged, never its value', async () => {
      const { degraded } = table.tolerant;
      replay.logs.length = 0;
      const result = await read(degraded);
      expect(result.errors).toBeUndefined();
      expect(result.data?.account).toMatchObject({ id: degraded.id, ...degraded.expect });
      const logged = wireLogs();
      expect(logged.map((line) => [line.msg, line.provider])).toContainEqual(['upstream fields degraded', provider]);
      expect(logged.flatMap((line) => line.fields as string[])).toEqual(expect.arrayContaining(degraded.fields));
    });

    it(`never shows an amount it cannot read exactly: ${table.tolerant.badAmount.outcome === 'refused' ? 'the account is refused' : 'the entry is left out with an error at its path'}`, async () => {
      const { badAmount } = table.tolerant;
      replay.logs.length = 0;
      const result = await read(badAmount);
      if (badAmount.outcome === 'refused') {
        expect(result.data?.account).toBeNull();
        expect(result.errors).toEqual([
          expect.objectContaining({ path: ['account'], extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', provider }) }),
        ]);
      } else {
        expect(result.data?.account).toMatchObject({ id: badAmount.id });
        expect(result.errors).toContainEqual(
          expect.objectContaining({
            path: ['account', ...badAmount.path],
            extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', provider, leftOut: expect.any(Number) }),
          }),
        );
      }
      expect(result.raw).not.toContain(badAmount.amount);
      expect(wireLogs().map((line) => [line.msg, line.provider])).toContainEqual(['upstream body refused', provider]);
      expect(replay.logs.join('\n')).not.toContain(badAmount.amount);
    });
  });
}
