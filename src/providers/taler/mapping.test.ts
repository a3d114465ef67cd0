// Unit tests of the AccountData → TalerAccount mapping, over one payload per libeufin-bank version family (testdata/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toTalerAccount } from './mapping.js';
import type { TalerAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import { WireAccountData, WireAccountList, WireAccountMinimalData } from './wire.js';

const payload = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));
const accountData = (name: string) => WireAccountData.parse(payload(name));
const balance = (code: string, amount: string) => [{ asset: { code, issuer: null, network: null }, amount, onHold: null }];

const empty: Pick<
  Mapped<TalerAccountModel>,
  'createdAt' | 'minCashout' | 'contact' | 'cashoutPaytoUri' | 'tanChannels' | 'conversionRateClassId' | 'statusRaw' | 'omittedBalances'
> = {
  createdAt: null,
  minCashout: null,
  contact: null,
  cashoutPaytoUri: null,
  tanChannels: [],
  conversionRateClassId: null,
  statusRaw: null,
  omittedBalances: 0,
};

describe('toTalerAccount over each version family', () => {
  it.each<[string, string, Mapped<TalerAccountModel>]>([
    [
      'account-0.9.3.json (API 0:0:1: no is_public, is_taler_exchange, status; contact_data always sent)',
      'bakery',
      {
        ...empty,
        id: 'taler:bakery',
        provider: 'TALER',
        nativeId: 'bakery',
        displayName: 'Corner Bakery',
        balances: balance('KUDOS', '42.25'),
        paytoUri: 'payto://iban/DE71500105170648489890',
        debitThreshold: { amount: '0', currency: 'KUDOS' },
        isPublic: false,
        isTalerExchange: false,
        status: 'ACTIVE',
      },
    ],
    [
      'account-0.9.3-11.json (API 4:0:0: is_public, is_taler_exchange, tan_channel)',
      'mill',
      {
        ...empty,
        id: 'taler:mill',
        provider: 'TALER',
        nativeId: 'mill',
        displayName: 'Mill Cooperative',
        balances: balance('KUDOS', '-7.5'),
        paytoUri: 'payto://iban/DE02120300000000202051',
        debitThreshold: { amount: '50', currency: 'KUDOS' },
        isPublic: true,
        isTalerExchange: false,
        status: 'ACTIVE',
        contact: { email: null, phone: '+4915112345678' },
        cashoutPaytoUri: 'payto://iban/DE02100500000054540402',
        tanChannels: ['sms'],
      },
    ],
    [
      'account-0.11.json (API 4:8:0: status, min_cashout, x-taler-bank payto)',
      'harbour',
      {
        ...empty,
        id: 'taler:harbour',
        provider: 'TALER',
        nativeId: 'harbour',
        displayName: 'Harbour Books',
        balances: balance('EUR', '0.01'),
        paytoUri: 'payto://x-taler-bank/bank.example.com/harbour?receiver-name=Harbour%20Books',
        debitThreshold: { amount: '0', currency: 'EUR' },
        minCashout: { amount: '0.5', currency: 'EUR' },
        isPublic: false,
        isTalerExchange: false,
        status: 'ACTIVE',
        statusRaw: 'active',
        contact: { email: 'books@example.org', phone: null },
        tanChannels: ['email'],
      },
    ],
    [
      'account-legacy-v6.json (docs v6: is_locked and tan_channel, no status)',
      'dave.k',
      {
        ...empty,
        id: 'taler:dave.k',
        provider: 'TALER',
        nativeId: 'dave.k',
        displayName: 'Dave Kowalski',
        balances: balance('EUR', '0'),
        paytoUri: 'payto://x-taler-bank/bank.example.com/dave.k?receiver-name=Dave%20Kowalski',
        debitThreshold: { amount: '0', currency: 'EUR' },
        minCashout: { amount: '0.5', currency: 'EUR' },
        isPublic: false,
        isTalerExchange: true,
        status: 'LOCKED',
        contact: { email: null, phone: '+4915112345678' },
        tanChannels: ['sms'],
      },
    ],
    [
      'account-every-field-v10.json (v10+: tan_channels, status locked, conversion_rate_class_id)',
      'Carol.M',
      {
        ...empty,
        id: 'taler:Carol.M',
        provider: 'TALER',
        nativeId: 'Carol.M',
        displayName: 'Carol Müller',
        balances: balance('EUR', '1234.56789012'),
        paytoUri: 'payto://iban/DE08370400440532013003?receiver-name=Carol%20M%C3%BCller',
        debitThreshold: { amount: '25', currency: 'EUR' },
        minCashout: { amount: '5', currency: 'EUR' },
        isPublic: true,
        isTalerExchange: false,
        status: 'LOCKED',
        statusRaw: 'locked',
        contact: { email: 'carol@example.com', phone: '+491701234567' },
        cashoutPaytoUri: 'payto://iban/DE78370400440532013004?receiver-name=Carol%20M%C3%BCller',
        tanChannels: ['sms', 'email'],
        conversionRateClassId: 3,
      },
    ],
  ])('maps every field of %s', (file, username, expected) => {
    expect(toTalerAccount(username, accountData(file.split(' ')[0]!))).toEqual(expected);
  });

  it.each([
    [
      'accounts-0.9.3.json',
      [
        ['admin', '-142.25', false, null],
        ['bakery', '42.25', false, null],
        ['exchange', '100', false, null],
      ],
    ],
    [
      'accounts-0.9.3-11.json',
      [
        ['admin', '-92.5', false, 'payto://iban/DE91100000000123456789'],
        ['mill', '-7.5', true, 'payto://iban/DE02120300000000202051'],
        ['exchange', '100', false, 'payto://iban/DE02500105170137075030'],
      ],
    ],
    [
      'accounts-0.11.json',
      [
        ['admin', '-1.01', false, 'payto://x-taler-bank/bank.example.com/admin?receiver-name=Bank%20administrator'],
        ['harbour', '0.01', false, 'payto://x-taler-bank/bank.example.com/harbour?receiver-name=Harbour%20Books'],
        ['gone', '0', false, 'payto://x-taler-bank/bank.example.com/gone?receiver-name=Former%20Tenant'],
      ],
    ],
    ['accounts-v10.json', [['bob', '-3', false, 'payto://iban/DE89370400440532013000?receiver-name=Bob']]],
  ])('maps each entry of the admin list %s', (file, expected) => {
    const items = WireAccountList.parse(payload(file)).accounts ?? [];
    const mapped = items.map((item) => {
      const entry = WireAccountMinimalData.parse(item);
      const account = toTalerAccount(entry.username, entry);
      return [account.nativeId, account.balances[0]?.amount, account.isPublic, account.paytoUri];
    });
    expect(mapped).toEqual(expected);
  });
});

describe('toTalerAccount field by field', () => {
  const alice = payload('account-alice.json');
  const read = (change: Record<string, unknown>) => toTalerAccount('alice', WireAccountData.parse({ ...alice, ...change }));

  it.each<[string, Record<string, unknown>, Partial<TalerAccountModel>]>([
    ['an empty name becomes a null displayName', { name: '' }, { displayName: null }],
    [
      'an explicit null is read as an omitted field',
      { min_cashout: null, contact_data: null, status: null, is_public: null },
      { minCashout: null, contact: null, status: 'ACTIVE', statusRaw: null, isPublic: false },
    ],
    ['a deleted account is DELETED', { status: 'deleted' }, { status: 'DELETED', statusRaw: 'deleted' }],
    ['a status the gateway does not know is OTHER, kept raw', { status: 'frozen' }, { status: 'OTHER', statusRaw: 'frozen' }],
    ['a status in another case is OTHER, kept raw', { status: 'ACTIVE' }, { status: 'OTHER', statusRaw: 'ACTIVE' }],
    ['status wins over the deprecated is_locked flag', { status: 'active', is_locked: true }, { status: 'ACTIVE' }],
    ['is_locked without status is LOCKED', { status: undefined, is_locked: true }, { status: 'LOCKED', statusRaw: null }],
    ['tan_channels wins over the deprecated tan_channel', { tan_channels: ['email'], tan_channel: 'sms' }, { tanChannels: ['email'] }],
    ['a TAN channel the gateway does not know is passed on', { tan_channels: ['telegram'] }, { tanChannels: ['telegram'] }],
    ['an empty tan_channels list means no channels', { tan_channels: [] }, { tanChannels: [] }],
    ['contact data with neither field is no contact', { contact_data: {} }, { contact: null }],
    ['an empty cash-out payto URI is null', { cashout_payto_uri: '' }, { cashoutPaytoUri: null }],
    ['a URI loses its userinfo', { cashout_payto_uri: 'https://user:pass@cash.example/out' }, { cashoutPaytoUri: 'https://cash.example/out' }],
    ['a zero balance in debit is 0, not -0', { balance: { amount: 'EUR:0', credit_debit_indicator: 'debit' } }, { balances: balance('EUR', '0') }],
    ['a missing payto URI is null', { payto_uri: undefined }, { paytoUri: null }],
    ['a missing debit threshold is null', { debit_threshold: undefined }, { debitThreshold: null }],
  ])('reads %s', (_behaviour, change, expected) => {
    expect(read(change)).toMatchObject(expected);
  });

  it.each([
    ['an indicator the API does not define', { amount: 'EUR:1', credit_debit_indicator: 'CREDIT' }, ['balance.credit_debit_indicator']],
    ['an empty indicator', { amount: 'EUR:1', credit_debit_indicator: '' }, ['balance.credit_debit_indicator']],
    ['an exponent', { amount: 'EUR:1e3', credit_debit_indicator: 'credit' }, ['balance.amount']],
    ['a signed amount', { amount: 'EUR:-3', credit_debit_indicator: 'credit' }, ['balance.amount']],
    ['nine fractional digits', { amount: 'EUR:1.123456789', credit_debit_indicator: 'debit' }, ['balance.amount']],
    ['a value above 2^52', { amount: `EUR:${2n ** 52n + 1n}`, credit_debit_indicator: 'credit' }, ['balance.amount']],
    ['both wrong', { amount: 'one euro', credit_debit_indicator: 'overdrawn' }, ['balance.credit_debit_indicator', 'balance.amount']],
  ])('leaves out a balance with %s, and says which field', (_what, wrong, fields) => {
    const refused: string[][] = [];
    const account = toTalerAccount('alice', WireAccountData.parse({ ...alice, balance: wrong }), (f) => refused.push(f));
    expect(account).toMatchObject({ id: 'taler:alice', displayName: 'Alice Example', balances: [], omittedBalances: 1 });
    expect(refused).toEqual([fields]);
  });
});

describe('the wire schemas', () => {
  const alice = payload('account-alice.json');

  it('refuse an AccountData without its balance, or with a balance lacking a part', () => {
    const { balance: _balance, ...rest } = alice;
    expect(WireAccountData.safeParse(rest).success).toBe(false);
    expect(WireAccountData.safeParse({ ...alice, balance: { amount: 'EUR:1' } }).success).toBe(false);
    expect(WireAccountData.safeParse({ ...alice, balance: { amount: 1, credit_debit_indicator: 'credit' } }).success).toBe(false);
  });

  it.each([
    ['debit_threshold', 'EUR:-1'],
    ['debit_threshold', 'EUR:1e3'],
    ['min_cashout', 'eur:5'],
    ['is_public', 'yes'],
    ['tan_channels', 'sms'],
    ['conversion_rate_class_id', 1.5],
    ['status', 7],
  ])('fail on a malformed optional %s (so that readWire degrades it)', (field, value) => {
    const result = WireAccountData.safeParse({ ...alice, [field]: value });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([field]);
  });

  it.each([
    ['a number', 3, 3],
    ['decimal text', '3', 3],
  ])('read conversion_rate_class_id and row_id sent as %s', (_what, value, expected) => {
    expect(WireAccountData.parse({ ...alice, conversion_rate_class_id: value }).conversion_rate_class_id).toBe(expected);
    expect(WireAccountMinimalData.parse({ ...alice, username: 'alice', row_id: value }).row_id).toBe(expected);
  });

  it('refuse a list entry whose username the bank could not have issued', () => {
    expect(WireAccountMinimalData.safeParse({ ...alice, username: 'a/b' }).success).toBe(false);
    expect(WireAccountMinimalData.safeParse({ ...alice }).success).toBe(false);
  });
});
