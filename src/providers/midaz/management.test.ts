// Midaz lists and mutations in parts: input checks, wire mappings, the page plan and loader priming (the simulator's own
// answers are tested in simulators/midaz/).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRequestContext } from '../../context.js';
import { CursorCodec } from '../../cursor.js';
import { startSimulator, type RunningSimulator } from '../../../simulators/shared/server.js';
import { type UpstreamClient } from '../../upstream/client.js';
import { providers } from '../index.js';
import { MIDAZ_LEDGER_IDS, MIDAZ_ORGANIZATION_ID } from '../../../simulators/midaz/fixtures.js';
import { parseCreateInput, parseListFilter, parseUpdateInput } from './input.js';
import { listAccounts, planPage, readWindow } from './lists.js';
import { providerCall } from '../shared/resolve.js';
import { toCreateBody, toListQuery, toUpdateBody, toUserErrors } from './mapping.js';
import { createMidazSimulator } from '../../../simulators/midaz/simulator.js';
import { testClient } from '../../../test/support/clients.js';

const ORG = MIDAZ_ORGANIZATION_ID;
const BRAZIL = MIDAZ_LEDGER_IDS.brazil;

describe('parseListFilter', () => {
  it('canonicalises ids and the asset code, and keeps only what was given', () => {
    expect(parseListFilter({ assetCode: 'brl', portfolioId: MIDAZ_ORGANIZATION_ID.toUpperCase(), blocked: false, namePrefix: null })).toStrictEqual({
      assetCode: 'BRL',
      portfolioId: MIDAZ_ORGANIZATION_ID,
      blocked: false,
    });
  });

  it.each([
    ['a segment that is not a UUID', { segmentId: 'seg' }, /segmentId must be a UUID/],
    ['a blank type', { type: '  ' }, /type cannot be blank/],
    ['a name prefix over 256 characters', { namePrefix: 'x'.repeat(257) }, /at most 256/],
    ['one date alone', { createdTo: '2025-09-01' }, /both createdFrom and createdTo/],
    ['an impossible date', { createdFrom: '2025-02-30', createdTo: '2025-03-01' }, /createdFrom must be/],
    ['a metadata key starting with $', { metadata: { key: '$where', value: '1' } }, /cannot be used in a filter/],
  ])('refuses %s as BAD_USER_INPUT', (_name, filter, message) => {
    expect(() => parseListFilter(filter)).toThrowError(
      expect.objectContaining({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } }),
    );
  });
});

describe('toListQuery', () => {
  it('names every filter as Midaz reads it', () => {
    const filter = parseListFilter({
      type: 'deposit',
      assetCode: 'usd',
      statusCode: 'BLOCKED',
      portfolioId: ORG,
      segmentId: ORG,
      entityId: 'E-1',
      parentAccountId: ORG,
      blocked: true,
      namePrefix: 'Ma',
      aliasPrefix: '@m',
      metadata: { key: 'tier', value: 'gold' },
      createdFrom: '2025-09-01',
      createdTo: '2025-09-02 12:00:00',
    });
    expect(toListQuery(filter)).toStrictEqual({
      type: 'deposit',
      asset_code: 'USD',
      status: 'BLOCKED',
      portfolio_id: ORG,
      segment_id: ORG,
      entity_id: 'E-1',
      parent_account_id: ORG,
      blocked: 'true',
      name: 'Ma',
      alias: '@m',
      start_date: '2025-09-01',
      end_date: '2025-09-02 12:00:00',
      'metadata.tier': 'gold',
    });
  });
});

describe('mutation inputs', () => {
  it('builds a create body of the given fields only, asset code upper-cased, ids left out', () => {
    const checked = parseCreateInput({
      organizationId: ORG,
      ledgerId: BRAZIL,
      assetCode: 'brl',
      type: 'deposit',
      blocked: null,
      metadata: [{ key: 'k', value: 'v' }],
    });
    expect(checked.ok && toCreateBody(checked.value)).toStrictEqual({ assetCode: 'BRL', type: 'deposit', metadata: { k: 'v' } });
  });

  it('refuses an alias over 100 characters or with other characters', () => {
    for (const alias of ['@'.padEnd(101, 'a'), '@maria oliveira', '@external/BRL']) {
      const checked = parseCreateInput({ organizationId: ORG, ledgerId: BRAZIL, assetCode: 'BRL', type: 'deposit', alias });
      expect(checked).toMatchObject({ ok: false, errors: [{ code: 'INVALID', field: ['input', 'alias'] }] });
    }
  });

  it('sends removed metadata keys as null beside the ones set', () => {
    const checked = parseUpdateInput({ metadata: [{ key: 'a', value: '1' }], removeMetadataKeys: ['b'] });
    expect(checked.ok && toUpdateBody(checked.value)).toStrictEqual({ metadata: { b: null, a: '1' } });
  });

  it('refuses a key both set and removed, and an update with nothing in it', () => {
    expect(parseUpdateInput({ metadata: [{ key: 'a', value: '1' }], removeMetadataKeys: ['a'] })).toMatchObject({
      ok: false,
      errors: [{ field: ['input', 'removeMetadataKeys', '0'] }],
    });
    expect(parseUpdateInput({ removeMetadataKeys: [] })).toMatchObject({ ok: false, errors: [{ field: ['input'] }] });
  });
});

describe('toUserErrors', () => {
  it.each([
    ['create', 409, { code: '0020', title: 't', message: 'm' }, 'CONFLICT', ['input', 'alias']],
    ['delete', 400, { code: '0012', title: 't', message: 'm' }, 'NON_ZERO_BALANCE', ['id']],
    ['delete', 409, { code: '0012', title: 't', message: 'm' }, 'NON_ZERO_BALANCE', ['id']],
    ['update', 400, { code: '0074', title: 't', message: 'm' }, 'NOT_ALLOWED', ['id']],
    ['update', 404, { code: '0052', title: 't', message: 'm' }, 'NOT_FOUND', ['id']],
    ['update', 404, 'Cannot PATCH /v1/x', 'NOT_FOUND', ['id']],
    ['create', 404, { code: '0037', title: 't', message: 'm' }, 'NOT_FOUND', ['input', 'ledgerId']],
    [
      'create',
      400,
      { code: '0009', title: 't', message: 'm', fields: { assetCode: 'assetCode is a required field' } },
      'INVALID',
      ['input', 'assetCode'],
    ],
    ['create', 400, { code: '0047', title: 't', message: 'm', fields: { 'metadata[k]': 'x' } }, 'INVALID', ['input', 'metadata']],
    ['update', 400, { code: '0053', title: 't', message: 'm', fields: { alias: '@a' } }, 'INVALID', ['input']],
    ['create', 422, { code: '9999', title: 't', message: 'secret upstream text' }, 'INVALID', ['input']],
  ] as const)('maps a %s answered %i %j to %s at its field', (kind, status, body, code, field) => {
    const [error] = toUserErrors(kind, status, body);
    expect(error).toMatchObject({ code, field });
    expect(error?.message).not.toMatch(/secret upstream text|Cannot PATCH|required field/);
  });
});

describe('the page plan', () => {
  it.each([
    [0, 20, { limit: 20, page: 1 }],
    [40, 20, { limit: 20, page: 3 }],
    [37, 30, { limit: 37, page: 2 }],
    [60, 25, { limit: 30, page: 3 }],
    [151, 60, { limit: 100, page: 2 }],
  ])('reads position %i with %i a page as %j', (offset, first, plan) => {
    expect(planPage(offset, first)).toStrictEqual(plan);
  });

  const all = Array.from({ length: 230 }, (_, i) => i);
  const reader =
    (calls: Array<[number, number]>) =>
    async ({ limit, page }: { limit: number; page: number }) => {
      calls.push([limit, page]);
      return all.slice((page - 1) * limit, page * limit);
    };

  it('cuts a window across two pages, and says whether more follow', async () => {
    const calls: Array<[number, number]> = [];
    expect(await readWindow(151, 60, reader(calls))).toStrictEqual({ items: all.slice(151, 211), hasNextPage: true });
    expect(calls).toStrictEqual([
      [100, 2],
      [100, 3],
    ]);
  });

  it('stops at a short page, and knows it is the last', async () => {
    const calls: Array<[number, number]> = [];
    expect(await readWindow(200, 50, reader(calls))).toStrictEqual({ items: all.slice(200), hasNextPage: false });
    expect(calls).toStrictEqual([[50, 5]]);
  });
});

describe('the Midaz list over HTTP', () => {
  let sim: RunningSimulator;
  let client: UpstreamClient;
  beforeAll(async () => {
    sim = await startSimulator(createMidazSimulator());
    client = testClient('MIDAZ', sim.url);
  });
  afterAll(async () => {
    await client.close();
    await sim.close();
  });
  beforeEach(() => sim.reset());

  const context = () =>
    createRequestContext({
      registry: providers,
      clients: { MIDAZ: client },
      sourceOptions: () => ({ dedupe: true, listThreshold: 0 }),
      cursors: new CursorCodec('test-secret'),
    });

  it('primes the request’s loader, so a listed account is not fetched again', async () => {
    const ctx = context();
    const page = await listAccounts(
      providerCall(ctx, 'MIDAZ'),
      { organizationId: ORG, ledgerId: BRAZIL, first: 3 },
      { path: { prev: undefined, key: 'midazAccounts', typename: 'Query' } },
    );
    const [first] = page.nodes;
    const again = await ctx.loadAccount(first?.id ?? '');
    expect(again).toBe(first);
    expect(sim.requests).toHaveLength(1);
  });
});
