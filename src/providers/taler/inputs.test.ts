// Taler mutation inputs: every check made before a call, and the request bodies the bank receives.
import { describe, expect, it } from 'vitest';
import { toReconfiguration, toRegisterRequest } from './inputs.js';
import { toChallenge } from './mapping.js';
import { listQuery } from './lists.js';

const base = { username: 'grace', password: 'secret-1', name: 'Grace' };

describe('toRegisterRequest', () => {
  it('builds the bank’s body with canonical amounts and lower-case TAN channels', () => {
    expect(
      toRegisterRequest({
        ...base,
        isPublic: true,
        contact: { email: 'g@example.com', phone: '+4912345' },
        debitThreshold: { amount: '0050.500', currency: 'EUR' },
        minCashout: { amount: '0', currency: 'EUR' },
        tanChannel: 'SMS',
        paytoUri: 'payto://iban/DE89370400440532013000',
      }),
    ).toEqual({
      ok: true,
      value: {
        username: 'grace',
        password: 'secret-1',
        name: 'Grace',
        is_public: true,
        contact_data: { email: 'g@example.com', phone: '+4912345' },
        debit_threshold: 'EUR:50.5',
        min_cashout: 'EUR:0',
        tan_channel: 'sms',
        payto_uri: 'payto://iban/DE89370400440532013000',
      },
    });
  });

  it('leaves absent optional fields out', () => {
    expect(toRegisterRequest(base)).toEqual({ ok: true, value: base });
  });

  it.each([
    ['a username with a space', { username: 'a b' }, ['input', 'username']],
    ['a username of 127 characters', { username: 'a'.repeat(127) }, ['input', 'username']],
    ['the username "."', { username: '.' }, ['input', 'username']],
    ['the username ".."', { username: '..' }, ['input', 'username']],
    ['an empty password', { password: '' }, ['input', 'password']],
    ['a blank name', { name: ' ' }, ['input', 'name']],
    ['an e-mail without a domain', { contact: { email: 'grace@' } }, ['input', 'contact', 'email']],
    ['a phone with dashes', { contact: { phone: '555-0100' } }, ['input', 'contact', 'phone']],
    ['a negative amount', { debitThreshold: { amount: '-1', currency: 'EUR' } }, ['input', 'debitThreshold', 'amount']],
    ['nine fractional digits', { debitThreshold: { amount: '0.123456789', currency: 'EUR' } }, ['input', 'debitThreshold', 'amount']],
    ['an amount over 2^52', { minCashout: { amount: '4503599627370497', currency: 'EUR' } }, ['input', 'minCashout', 'amount']],
    ['a lower-case currency', { minCashout: { amount: '1', currency: 'eur' } }, ['input', 'minCashout', 'currency']],
    ['a 12-letter currency', { minCashout: { amount: '1', currency: 'ABCDEFGHIJKL' } }, ['input', 'minCashout', 'currency']],
    ['a payto URI without a scheme', { paytoUri: 'DE89370400440532013000' }, ['input', 'paytoUri']],
  ])('refuses %s on its field', (_what, change, field) => {
    const checked = toRegisterRequest({ ...base, ...change });
    expect(checked).toEqual({ ok: false, errors: [{ field, code: 'INVALID', message: expect.any(String) }] });
  });

  it('accepts trailing zeros beyond 8 digits when the value itself fits', () => {
    expect(toRegisterRequest({ ...base, debitThreshold: { amount: '1.1234567800', currency: 'EUR' } })).toMatchObject({
      ok: true,
      value: { debit_threshold: 'EUR:1.12345678' },
    });
  });

  it('never puts the password in a message', () => {
    const checked = toRegisterRequest({ ...base, username: 'bad name', password: 'hunter2-secret' });
    expect(JSON.stringify(checked.ok ? {} : checked.errors)).not.toContain('hunter2-secret');
  });
});

describe('toReconfiguration', () => {
  it('sends only the fields given', () => {
    expect(toReconfiguration({ isPublic: false, tanChannel: 'EMAIL' })).toEqual({ ok: true, value: { is_public: false, tan_channel: 'email' } });
  });

  it('refuses an input that changes nothing', () => {
    expect(toReconfiguration({})).toEqual({
      ok: false,
      errors: [{ field: ['input'], code: 'INVALID', message: 'Give at least one field to change.' }],
    });
  });

  it('reports every bad field at once', () => {
    const checked = toReconfiguration({ name: '', cashoutPaytoUri: 'x', debitThreshold: { amount: '1', currency: 'E1' } });
    expect(checked.ok ? [] : checked.errors.map((e) => e.field)).toEqual([
      ['input', 'name'],
      ['input', 'cashoutPaytoUri'],
      ['input', 'debitThreshold', 'currency'],
    ]);
  });
});

describe('toChallenge', () => {
  it('maps a v10 ChallengeResponse', () => {
    expect(
      toChallenge({
        challenges: [
          { challenge_id: '7', tan_channel: 'sms', tan_info: '+49•••4567' },
          { challenge_id: 8, tan_channel: 'email', tan_info: '' },
        ],
        combi_and: true,
      }),
    ).toEqual({
      challenges: [
        { id: '7', channel: 'sms', info: '+49•••4567' },
        { id: '8', channel: 'email', info: null },
      ],
      allRequired: true,
    });
  });

  it('maps the single challenge id of older servers', () => {
    expect(toChallenge({ challenge_id: 12 })).toEqual({ challenges: [{ id: '12', channel: null, info: null }], allRequired: true });
  });
});

describe('listQuery', () => {
  it('asks for one row more than the page, in both parameter spellings, after the last row id', () => {
    expect(listQuery(20, '42', 'Bob')).toEqual({ limit: '21', delta: '21', offset: '42', start: '42', filter_name: 'Bob' });
    expect(listQuery(5, undefined, undefined)).toEqual({ limit: '6', delta: '6' });
  });
});
