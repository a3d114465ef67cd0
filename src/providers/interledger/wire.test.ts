// The shared tolerant-reading rule (upstream/wire.ts) applied to the connector's bodies: each optional field degrades
// alone, the id, asset and amounts refuse the body, and integer text reads exactly in every notation.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readWire, type WireIssue } from '../../upstream/wire.js';
import { GatewayError } from '../../errors.js';
import { accountWire, balanceWire, exactInteger, parseExactJson } from './wire.js';

const load = (name: string): Record<string, unknown> =>
  parseExactJson(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

function reader() {
  const issues: WireIssue[] = [];
  const client = {
    provider: 'INTERLEDGER' as const,
    label: 'Interledger',
    error: (code: never, message: string) => new GatewayError(code, message, { provider: 'INTERLEDGER' }),
    reportWire: (issue: WireIssue) => issues.push(issue),
  };
  return { issues, client };
}

describe('accountWire under readWire', () => {
  it.each([
    ['createdAt', 17],
    ['modifiedAt', 'yesterday'],
    ['description', ['x']],
    ['accountRelationship', { kind: 'PEER' }],
    ['maximumPacketAmount', '1.5'],
    ['linkType', 3],
    ['ilpAddressSegment', false],
    ['connectionInitiator', 'true'],
    ['internal', 'no'],
    ['sendRoutes', 0],
    ['receiveRoutes', 'yes'],
    ['balanceSettings', 'none'],
    ['rateLimitSettings', []],
    ['settlementEngineDetails', 5],
    ['customSettings', 'a=b'],
  ])('degrades an unreadable %s alone and reads the rest', (field, value) => {
    const { client, issues } = reader();
    const body = { ...load('v0.5-account.json'), [field]: value };
    const read = readWire(client as never, accountWire, body, 'GET /accounts/{accountId}');
    expect(read).toMatchObject({ accountId: 'quinn', assetCode: 'USD', assetScale: 2 });
    expect((read as Record<string, unknown>)[field]).toBeUndefined();
    expect(issues).toEqual([{ outcome: 'degraded', route: 'GET /accounts/{accountId}', fields: [field] }]);
  });

  it.each([
    ['accountId', undefined],
    ['accountId', ''],
    ['assetCode', undefined],
    ['assetScale', '2.5'],
    ['assetScale', '256'],
    ['assetScale', null],
  ])('refuses a body whose %s is %j', (field, value) => {
    const { client, issues } = reader();
    const body = { ...load('v0.5-account.json'), [field]: value };
    expect(() => readWire(client as never, accountWire, body, 'GET /accounts/{accountId}')).toThrow(GatewayError);
    expect(issues).toEqual([{ outcome: 'refused', route: 'GET /accounts/{accountId}', fields: [field] }]);
  });
});

describe('balanceWire under readWire', () => {
  it.each(['clearingBalance', 'prepaidAmount', 'netBalance'])('refuses a balance whose %s is not an exact integer', (field) => {
    const { client, issues } = reader();
    const body = load('v0.5-balance.json');
    const broken = { ...body, accountBalance: { ...(body.accountBalance as object), [field]: '0.5' } };
    expect(() => readWire(client as never, balanceWire, broken, 'GET /accounts/{accountId}/balance')).toThrow(GatewayError);
    expect(issues[0]).toMatchObject({ outcome: 'refused', fields: [`accountBalance.${field}`] });
  });

  it('degrades an unreadable accountId of the balance', () => {
    const { client } = reader();
    const body = load('v0.5-balance.json');
    const read = readWire(
      client as never,
      balanceWire,
      { ...body, accountBalance: { ...(body.accountBalance as object), accountId: 7 } },
      'GET /accounts/{accountId}/balance',
    );
    expect(read.accountBalance).toEqual({ clearingBalance: '-9223372036854775808', prepaidAmount: '-1', netBalance: '-9223372036854775809' });
  });
});

describe('exactInteger', () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['-0.0', '0'],
    ['150.00', '150'],
    ['1E+3', '1000'],
    ['1e3', '1000'],
    ['15.0e1', '150'],
    ['1200e-2', '12'],
    ['00042', '42'],
    ['18446744073709551615', '18446744073709551615'],
    ['-123456789012345678901234567890', '-123456789012345678901234567890'],
  ])('reads %s as %s', (text, integer) => {
    expect(exactInteger(text)).toBe(integer);
  });

  it.each(['1.5', '5e-7', '1e41', '1'.repeat(41), 'abc', '', '1,000', '+1', '0x10', 'Infinity', '1e99999'])('refuses %j', (text) => {
    expect(exactInteger(text)).toBeUndefined();
  });
});
