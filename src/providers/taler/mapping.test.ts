// Unit tests of the AccountData → TalerAccount mapping, over example payloads kept in testdata/.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toTalerAccount } from './mapping.js';
import type { TalerAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import { WireAccountData, WireAccountList } from './wire.js';

const payload = (name: string): unknown => JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));
const accountData = (name: string) => WireAccountData.parse(payload(name));

describe('toTalerAccount', () => {
  it.each<[string, string, Mapped<TalerAccountModel>]>([
    [
      'account-alice.json',
      'alice',
      {
        id: 'taler:alice',
        provider: 'TALER',
        nativeId: 'alice',
        displayName: 'Alice Example',
        balances: [{ asset: { code: 'KUDOS', issuer: null, network: null }, amount: '10.5', onHold: null }],
        createdAt: null,
        paytoUri: 'payto://x-taler-bank/bank.example.com/alice?receiver-name=Alice%20Example',
        debitThreshold: { amount: '0', currency: 'KUDOS' },
        minCashout: null,
        isPublic: false,
        isTalerExchange: false,
        status: 'ACTIVE',
        contact: null,
        cashoutPaytoUri: null,
        tanChannels: [],
        conversionRateClassId: null,
      },
    ],
    [
      'account-bob-debit.json',
      'bob',
      {
        id: 'taler:bob',
        provider: 'TALER',
        nativeId: 'bob',
        displayName: 'Bob',
        balances: [{ asset: { code: 'EUR', issuer: null, network: null }, amount: '-3', onHold: null }],
        createdAt: null,
        paytoUri: 'payto://iban/DE89370400440532013000?receiver-name=Bob',
        debitThreshold: { amount: '100', currency: 'EUR' },
        minCashout: null,
        isPublic: false,
        isTalerExchange: false,
        status: 'ACTIVE',
        contact: null,
        cashoutPaytoUri: null,
        tanChannels: [],
        conversionRateClassId: null,
      },
    ],
    [
      'account-every-field-v10.json',
      'Carol.M',
      {
        id: 'taler:Carol.M',
        provider: 'TALER',
        nativeId: 'Carol.M',
        displayName: 'Carol Müller',
        balances: [{ asset: { code: 'EUR', issuer: null, network: null }, amount: '1234.56789012', onHold: null }],
        createdAt: null,
        paytoUri: 'payto://iban/DE08370400440532013003?receiver-name=Carol%20M%C3%BCller',
        debitThreshold: { amount: '25', currency: 'EUR' },
        minCashout: { amount: '5', currency: 'EUR' },
        isPublic: true,
        isTalerExchange: false,
        status: 'LOCKED',
        contact: { email: 'carol@example.com', phone: '+491701234567' },
        cashoutPaytoUri: 'payto://iban/DE78370400440532013004?receiver-name=Carol%20M%C3%BCller',
        tanChannels: ['sms', 'email'],
        conversionRateClassId: 3,
      },
    ],
    [
      'account-legacy-v6.json',
      'dave.k',
      {
        id: 'taler:dave.k',
        provider: 'TALER',
        nativeId: 'dave.k',
        displayName: 'Dave Kowalski',
        balances: [{ asset: { code: 'EUR', issuer: null, network: null }, amount: '0', onHold: null }],
        createdAt: null,
        paytoUri: 'payto://x-taler-bank/bank.example.com/dave.k?receiver-name=Dave%20Kowalski',
        debitThreshold: { amount: '0', currency: 'EUR' },
        minCashout: { amount: '0.5', currency: 'EUR' },
        isPublic: false,
        isTalerExchange: true,
        status: 'LOCKED',
        contact: { email: null, phone: '+4915112345678' },
        cashoutPaytoUri: null,
        tanChannels: ['sms'],
        conversionRateClassId: null,
      },
    ],
  ])('maps every field of %s', (file, username, expected) => {
    expect(toTalerAccount(username, accountData(file))).toEqual(expected);
  });

  const alice = accountData('account-alice.json');

  it.each<[string, Partial<WireAccountData>, Partial<TalerAccountModel>]>([
    ['an empty name becomes a null displayName', { name: '' }, { displayName: null }],
    ['an explicit null is read as an omitted field', { min_cashout: null, contact_data: null, status: null }, { minCashout: null, contact: null, status: 'ACTIVE' }],
    ['a deleted account is DELETED', { status: 'deleted' }, { status: 'DELETED' }],
    ['status wins over the deprecated is_locked flag', { status: 'active', is_locked: true }, { status: 'ACTIVE' }],
    ['tan_channels wins over the deprecated tan_channel', { tan_channels: ['email'], tan_channel: 'sms' }, { tanChannels: ['email'] }],
    ['an empty tan_channels list means no channels', { tan_channels: [] }, { tanChannels: [] }],
    ['contact data with neither field is no contact', { contact_data: {} }, { contact: null }],
    ['an empty cash-out payto URI is null', { cashout_payto_uri: '' }, { cashoutPaytoUri: null }],
    ['a zero balance in debit is 0, not -0', { balance: { amount: 'EUR:0', credit_debit_indicator: 'debit' } }, { balances: [{ asset: { code: 'EUR', issuer: null, network: null }, amount: '0', onHold: null }] }],
  ])('reads %s', (_behaviour, change, expected) => {
    expect(toTalerAccount('alice', WireAccountData.parse({ ...alice, ...change }))).toMatchObject(expected);
  });

  it.each([
    ['balance', { balance: { amount: 'EUR:1e3', credit_debit_indicator: 'credit' } }],
    ['debit_threshold', { debit_threshold: 'EUR:-1' }],
    ['min_cashout', { min_cashout: 'eur:5' }],
  ])('refuses a malformed amount in %s', (_field, change) => {
    expect(() => toTalerAccount('alice', WireAccountData.parse({ ...alice, ...change }))).toThrow(RangeError);
  });
});

describe('the wire schemas', () => {
  it('refuses an AccountData without its balance', () => {
    const { balance: _balance, ...rest } = alicePayload();
    expect(WireAccountData.safeParse(rest).success).toBe(false);
  });

  it('refuses a status the API does not define', () => {
    expect(WireAccountData.safeParse({ ...alicePayload(), status: 'frozen' }).success).toBe(false);
  });

  it('reads the GET /accounts example list', () => {
    const list = WireAccountList.parse(payload('accounts-list.json'));
    expect(list.accounts.map((account) => [account.username, account.row_id, account.balance.credit_debit_indicator])).toEqual([['bob', 7, 'debit']]);
  });

  function alicePayload(): Record<string, unknown> {
    return payload('account-alice.json') as Record<string, unknown>;
  }
});
