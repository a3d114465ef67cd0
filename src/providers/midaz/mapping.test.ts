// Unit tests of the Midaz mapping over example payloads, parsed the way the gateway parses them (exact numbers).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toBalances, toMidazAccount, toMidazBalance } from './mapping.js';
import { parseExactJson, wireAccountSchema, wireBalancePageSchema, wireBalanceSchema } from './wire.js';

const payload = (name: string): unknown => parseExactJson(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));
const account = (name: string) => toMidazAccount(wireAccountSchema.parse(payload(name)));

describe('toMidazAccount', () => {
  it.each([
    {
      file: 'account-v3.8.json',
      expected: {
        id: 'midaz:5f3a4c55-8b28-4276-bed7-f7c8a4bb44e8/c3a89e04-b1cd-4df8-a5f9-0bb077e07e6d/0198f3a2-6c1e-7b3a-9d41-2f5c8e7a1b20',
        provider: 'MIDAZ',
        nativeId: '5f3a4c55-8b28-4276-bed7-f7c8a4bb44e8/c3a89e04-b1cd-4df8-a5f9-0bb077e07e6d/0198f3a2-6c1e-7b3a-9d41-2f5c8e7a1b20',
        displayName: 'My BRL account',
        createdAt: '2026-07-17T18:42:53.123456Z',
        updatedAt: '2026-07-17T18:42:53.123456Z',
        organizationId: '5f3a4c55-8b28-4276-bed7-f7c8a4bb44e8',
        ledgerId: 'c3a89e04-b1cd-4df8-a5f9-0bb077e07e6d',
        accountId: '0198f3a2-6c1e-7b3a-9d41-2f5c8e7a1b20',
        alias: '@gabe',
        type: 'deposit',
        assetCode: 'BRL',
        statusCode: 'ACTIVE',
        statusDescription: null,
        blocked: false,
        parentAccountId: null,
        entityId: null,
        portfolioId: null,
        segmentId: null,
        metadata: [{ key: 'mrOlympia', value: 'Ronnie Coleman' }],
      },
    },
    {
      file: 'account-savings-upper-case.json',
      expected: {
        id: 'midaz:01978b4e-3a10-7c2e-9f41-6d2a8c0e5b17/01978b4f-8e05-7f19-a2d4-47c1e9b63f50/0198f3b1-7a4c-7d90-8b52-6e3f0c1a9d47',
        provider: 'MIDAZ',
        nativeId: '01978b4e-3a10-7c2e-9f41-6d2a8c0e5b17/01978b4f-8e05-7f19-a2d4-47c1e9b63f50/0198f3b1-7a4c-7d90-8b52-6e3f0c1a9d47',
        displayName: 'Acme Corp - Reserve Savings',
        createdAt: '2025-08-29T02:39:11.436871Z',
        updatedAt: '2025-09-02T17:45:03.120554Z',
        organizationId: '01978b4e-3a10-7c2e-9f41-6d2a8c0e5b17',
        ledgerId: '01978b4f-8e05-7f19-a2d4-47c1e9b63f50',
        accountId: '0198f3b1-7a4c-7d90-8b52-6e3f0c1a9d47',
        alias: '@acme_reserve',
        type: 'savings',
        assetCode: 'USD',
        statusCode: 'INACTIVE',
        statusDescription: 'Frozen pending quarterly reconciliation',
        blocked: true,
        parentAccountId: '0198f3b0-0c11-7a22-9b33-4c44d55e66f7',
        entityId: 'CUST-000482',
        portfolioId: '01978b52-47aa-7b03-b8e1-93f0d26c4a71',
        segmentId: '01978b52-9c3e-7a65-8d27-c5e4b1f09e82',
        metadata: [
          { key: 'costCenter', value: 'CC-4410' },
          { key: 'interestBearing', value: 'true' },
          { key: 'aprBps', value: '425' },
          { key: 'approvals', value: '["cfo","treasurer"]' },
        ],
      },
    },
    {
      file: 'account-blank-fields.json',
      expected: {
        id: 'midaz:01978b4e-3a10-7c2e-9f41-6d2a8c0e5b17/01978b4f-1c22-7d4a-8e63-0b9f5a7d2c38/0198f3a7-2e91-7c58-9a03-5b7d1f4e8c26',
        provider: 'MIDAZ',
        nativeId: '01978b4e-3a10-7c2e-9f41-6d2a8c0e5b17/01978b4f-1c22-7d4a-8e63-0b9f5a7d2c38/0198f3a7-2e91-7c58-9a03-5b7d1f4e8c26',
        displayName: null,
        createdAt: '2025-08-29T02:27:56.689044Z',
        updatedAt: '2025-08-29T02:27:56.689044Z',
        organizationId: '01978b4e-3a10-7c2e-9f41-6d2a8c0e5b17',
        ledgerId: '01978b4f-1c22-7d4a-8e63-0b9f5a7d2c38',
        accountId: '0198f3a7-2e91-7c58-9a03-5b7d1f4e8c26',
        alias: null,
        type: 'deposit',
        assetCode: 'BRL',
        statusCode: 'ACTIVE',
        statusDescription: null,
        blocked: false,
        parentAccountId: null,
        entityId: null,
        portfolioId: null,
        segmentId: null,
        metadata: [],
      },
    },
  ])('maps every field of $file', ({ file, expected }) => {
    expect(account(file)).toStrictEqual(expected);
  });
});

/** Each balance of a fixture page, read the strict way (a fixture must match the wire schema without degrading). */
const balances = (name: string) =>
  (wireBalancePageSchema.parse(payload(name)).items ?? []).map((item) => toMidazBalance(wireBalanceSchema.parse(item)));
const whole = <T>(entries: T[]) => ({ entries, omitted: 0 });
/** The parts a client checks the amount with. */
const parts = (name: string) =>
  balances(name).map(({ key, available, overdraftUsed, positionAvailable, direction, directionRaw, scope, scopeRaw, signedAmount, overdraft }) => ({
    key,
    available,
    overdraftUsed,
    positionAvailable,
    direction,
    directionRaw,
    scope,
    scopeRaw,
    signedAmount,
    overdraft,
  }));

describe('toMidazBalance and toBalances, one version family at a time', () => {
  it('v3.0–v3.2: a balance without key, direction or overdraft is the default, asset-like balance', () => {
    expect(balances('balances-v3.0.json')).toStrictEqual([
      {
        key: 'default',
        asset: { code: 'BRL' },
        available: '1520.5',
        onHold: '20',
        overdraftUsed: '0',
        positionAvailable: '1520.5',
        direction: 'CREDIT',
        directionRaw: null,
        scope: 'TRANSACTIONAL',
        scopeRaw: null,
        signedAmount: '1520.5',
        overdraft: null,
        allowSending: true,
        allowReceiving: true,
      },
    ]);
    expect(toBalances(whole(balances('balances-v3.0.json')))).toStrictEqual(whole([{ asset: { code: 'BRL' }, amount: '1520.5', onHold: '20' }]));
  });

  it('v3.0–v3.3: an account without the blocked flag (added in v3.4) is not blocked', () => {
    expect(account('account-v3.0.json')).toMatchObject({
      type: 'deposit',
      assetCode: 'BRL',
      statusCode: 'ACTIVE',
      blocked: false,
      metadata: [{ key: 'segment', value: 'food' }],
    });
  });

  it('v3.3–v3.6: keys, and the legacy external account whose credit balance is negative', () => {
    const read = balances('balances-v3.3.json');
    expect(read.map((b) => [b.key, b.available, b.signedAmount, b.allowSending])).toStrictEqual([
      ['default', '-25095.12', '-25095.12', true],
      ['settlement-hold', '0', '0', false],
    ]);
    expect(toBalances(whole(read)).entries.map((b) => b.amount)).toStrictEqual(['-25095.12', '0']);
  });

  it('v3.7: an unlimited overdraft in use, its internal companion, and a liability balance of the owner', () => {
    expect(parts('balances-v3.7.json')).toStrictEqual([
      {
        key: 'default',
        available: '0',
        overdraftUsed: '80.25',
        positionAvailable: '-80.25',
        direction: 'CREDIT',
        directionRaw: 'credit',
        scope: 'TRANSACTIONAL',
        scopeRaw: null,
        signedAmount: '-80.25',
        overdraft: { allowed: true, limitEnabled: false, limit: null, limitAvailable: null },
      },
      {
        key: 'overdraft',
        available: '80.25',
        overdraftUsed: '0',
        positionAvailable: '80.25',
        direction: 'DEBIT',
        directionRaw: 'debit',
        scope: 'INTERNAL',
        scopeRaw: 'internal',
        signedAmount: null,
        overdraft: { allowed: false, limitEnabled: false, limit: null, limitAvailable: '0' },
      },
      {
        key: 'supplier-credit',
        available: '1000',
        overdraftUsed: '0',
        positionAvailable: '1000',
        direction: 'DEBIT',
        directionRaw: 'debit',
        scope: 'TRANSACTIONAL',
        scopeRaw: null,
        signedAmount: '-1000',
        overdraft: null,
      },
    ]);
    expect(toBalances(whole(balances('balances-v3.7.json')))).toStrictEqual(
      whole([
        { asset: { code: 'BRL' }, amount: '-80.25', onHold: '0' },
        { asset: { code: 'BRL' }, amount: '-1000', onHold: '0' },
      ]),
    );
  });

  it('v3.8: an account overdrawn by 150.50 reads -150.5, never 0 and +150.5', () => {
    const read = balances('balances-v3.8-overdraft.json');
    expect(read[0]).toMatchObject({
      key: 'default',
      available: '0',
      overdraftUsed: '150.5',
      positionAvailable: '-150.5',
      direction: 'CREDIT',
      scope: 'TRANSACTIONAL',
      signedAmount: '-150.5',
      overdraft: { allowed: true, limitEnabled: true, limit: '500', limitAvailable: '349.5' },
    });
    expect(read[1]).toMatchObject({ key: 'overdraft', available: '150.5', direction: 'DEBIT', scope: 'INTERNAL', signedAmount: null });
    expect(toBalances(whole(read))).toStrictEqual(whole([{ asset: { code: 'BRL' }, amount: '-150.5', onHold: '0' }]));
  });

  it('v3.8: a new external account (debit default balance) reads as the legacy one did', () => {
    const read = balances('balances-v3.8-external.json');
    expect(read.map((b) => [b.available, b.direction, b.signedAmount])).toStrictEqual([['25095.12', 'DEBIT', '-25095.12']]);
    expect(toBalances(whole(read)).entries.map((b) => b.amount)).toStrictEqual(['-25095.12']);
  });

  it('v3.8: the plain balance example with its amount on hold', () => {
    expect(toBalances(whole(balances('balances-v3.8.json')))).toStrictEqual(
      whole([{ asset: { code: 'BRL' }, amount: '23212.31', onHold: '112.31' }]),
    );
  });

  it('computes the position as Midaz does (available − overdraftUsed) when the position block is absent', () => {
    const items = (wireBalancePageSchema.parse(payload('balances-v3.8-overdraft.json')).items ?? []).map((item) => {
      const { position: _position, ...rest } = item as Record<string, unknown>;
      return toMidazBalance(wireBalanceSchema.parse(rest));
    });
    expect(items.map((b) => [b.positionAvailable, b.signedAmount, b.overdraft?.limitAvailable])).toStrictEqual([
      ['-150.5', '-150.5', null],
      ['150.5', null, null],
    ]);
  });

  it("reads an unknown direction or scope as UNKNOWN with the raw value, and leaves the balance out of the account's money with a count", () => {
    const [first] = wireBalancePageSchema.parse(payload('balances-v3.8.json')).items ?? [];
    const odd = (extra: Record<string, unknown>) => toMidazBalance(wireBalanceSchema.parse({ ...(first as object), ...extra }));
    const sideways = odd({ direction: 'sideways' });
    const escrow = odd({ settings: { balanceScope: 'escrow', allowOverdraft: false, overdraftLimitEnabled: false } });
    expect([sideways.direction, sideways.directionRaw, sideways.signedAmount, sideways.positionAvailable]).toStrictEqual([
      'UNKNOWN',
      'sideways',
      null,
      '23212.31',
    ]);
    expect([escrow.scope, escrow.scopeRaw, escrow.signedAmount]).toStrictEqual(['UNKNOWN', 'escrow', null]);
    expect(toBalances({ entries: [sideways, escrow, odd({})], omitted: 1 })).toStrictEqual({
      entries: [{ asset: { code: 'BRL' }, amount: '23212.31', onHold: '112.31' }],
      omitted: 3,
    });
  });

  it('gives one Balance per balance key, not a sum, with canonical amounts', () => {
    expect(toBalances(whole(balances('balances-two-keys.json')))).toStrictEqual(
      whole([
        { asset: { code: 'BRL' }, amount: '1520', onHold: '0' },
        { asset: { code: 'BRL' }, amount: '250.5', onHold: '0' },
      ]),
    );
  });

  it('keeps every digit of amounts that arrive as JSON numbers', () => {
    expect(toBalances(whole(balances('balances-json-numbers.json')))).toStrictEqual(
      whole([{ asset: { code: 'USD' }, amount: '12345678901234567.89', onHold: '12345678901234567890' }]),
    );
  });

  it('refuses amounts that JSON.parse has already turned into floats', () => {
    const text = readFileSync(new URL('./testdata/balances-json-numbers.json', import.meta.url), 'utf8');
    const [item] = (JSON.parse(text) as { items: unknown[] }).items;
    expect(wireBalanceSchema.safeParse(item).success).toBe(false);
  });

  it.each([
    ['2.321231e4', '23212.31'],
    ['2321231E-2', '23212.31'],
    ['5e-7', '0.0000005'],
    ['-0.0', '0'],
    ['123456789012345678901234567890.123', '123456789012345678901234567890.123'],
  ])('reads the JSON number %s exactly as %s', (number, expected) => {
    const text = readFileSync(new URL('./testdata/balances-v3.8.json', import.meta.url), 'utf8').replace(
      '"available":"23212.31"',
      `"available":${number}`,
    );
    const [item] = wireBalancePageSchema.parse(parseExactJson(text)).items ?? [];
    expect(toMidazBalance(wireBalanceSchema.parse(item)).available).toBe(expected);
  });
});
