// Unit tests of the Midaz mapping over example payloads, parsed the way the gateway parses them (exact numbers).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toBalances, toMidazAccount, toMidazBalances } from './mapping.js';
import { parseExactJson, wireAccountSchema, wireBalancePageSchema } from './wire.js';

const payload = (name: string): unknown => parseExactJson(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));
const account = (name: string) => toMidazAccount(wireAccountSchema.parse(payload(name)));
const balancePage = (name: string) => wireBalancePageSchema.parse(payload(name));

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

describe('toMidazBalances and toBalances', () => {
  it('maps the v3.8 balance example with its amount on hold', () => {
    const items = balancePage('balances-v3.8.json').items;
    const balances = toMidazBalances(items);
    expect(balances).toStrictEqual([
      { key: 'default', asset: { code: 'BRL' }, available: '23212.31', onHold: '112.31', allowSending: true, allowReceiving: true },
    ]);
    expect(toBalances(balances)).toStrictEqual([{ asset: { code: 'BRL' }, amount: '23212.31', onHold: '112.31' }]);
  });

  it('gives one Balance per balance key, not a sum, with canonical amounts', () => {
    const balances = toMidazBalances(balancePage('balances-two-keys.json').items);
    expect(balances).toStrictEqual([
      { key: 'default', asset: { code: 'BRL' }, available: '1520', onHold: '0', allowSending: true, allowReceiving: true },
      { key: 'asset-freeze', asset: { code: 'BRL' }, available: '250.5', onHold: '0', allowSending: false, allowReceiving: true },
    ]);
    expect(toBalances(balances)).toStrictEqual([
      { asset: { code: 'BRL' }, amount: '1520', onHold: '0' },
      { asset: { code: 'BRL' }, amount: '250.5', onHold: '0' },
    ]);
  });

  it('keeps every digit of amounts that arrive as JSON numbers', () => {
    const page = balancePage('balances-json-numbers.json');
    expect(page.items[0]?.available).toBe('12345678901234567.89');
    expect(toBalances(toMidazBalances(page.items))).toStrictEqual([
      { asset: { code: 'USD' }, amount: '12345678901234567.89', onHold: '12345678901234567890' },
    ]);
  });

  it('refuses amounts that JSON.parse has already turned into floats', () => {
    const text = readFileSync(new URL('./testdata/balances-json-numbers.json', import.meta.url), 'utf8');
    expect(wireBalancePageSchema.safeParse(JSON.parse(text)).success).toBe(false);
  });

  it('refuses amounts written with an exponent', () => {
    const text = readFileSync(new URL('./testdata/balances-v3.8.json', import.meta.url), 'utf8').replace('"available":"23212.31"', '"available":2.321231e4');
    expect(wireBalancePageSchema.safeParse(parseExactJson(text)).success).toBe(false);
  });
});
