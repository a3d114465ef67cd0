// The mapping of one libeufin-bank `BankAccountTransactionInfo` to a TalerTransfer: sign, exactness, the other side.
import { describe, expect, it } from 'vitest';
import { receiverName, toTransfer } from './activity.js';
import type { ReadTransaction } from './wire.js';

const wire = (fields: Partial<ReadTransaction> = {}): ReadTransaction => ({
  row_id: 7,
  date: { t_s: 1767225600 },
  amount: 'EUR:0.00000001',
  direction: 'debit',
  creditor_payto_uri: 'payto://iban/DE89370400440532013000?receiver-name=Bob',
  debtor_payto_uri: 'payto://iban/DE62370400440532013001?receiver-name=Alice+Example',
  subject: 'Test',
  ...fields,
});

describe('toTransfer', () => {
  it('signs a debit negative and keeps every decimal; the counterparty of a debit is the creditor', () => {
    expect(toTransfer('alice', wire())).toMatchObject({
      id: 'activity:taler:alice:7',
      accountId: 'taler:alice',
      occurredAt: '2026-01-01T00:00:00.000Z',
      direction: 'DEBIT',
      amount: '-0.00000001',
      asset: { code: 'EUR', issuer: null, network: null },
      counterparty: 'payto://iban/DE89370400440532013000?receiver-name=Bob',
      counterpartyName: 'Bob',
      rowId: '7',
    });
  });

  it('a credit is positive and its counterparty the debtor, named from receiver-name (+ is a space)', () => {
    expect(toTransfer('bob', wire({ direction: 'credit', amount: 'EUR:010.50' }))).toMatchObject({
      direction: 'CREDIT',
      amount: '10.5',
      counterparty: 'payto://iban/DE62370400440532013001?receiver-name=Alice+Example',
      counterpartyName: 'Alice Example',
    });
  });

  it('drops userinfo from payto URIs', () => {
    const transfer = toTransfer('bob', wire({ direction: 'credit', debtor_payto_uri: 'payto://user:secret@x-taler-bank/bank.example/alice' }));
    expect(transfer).toMatchObject({
      counterparty: 'payto://x-taler-bank/bank.example/alice',
      debtorPaytoUri: 'payto://x-taler-bank/bank.example/alice',
    });
  });

  it.each([
    [{ direction: 'DEBIT' }, ['direction']],
    [{ direction: '' }, ['direction']],
    [{ amount: 'EUR:1.000000001' }, ['amount']],
    [{ amount: 'EUR:-1' }, ['amount']],
    [{ amount: '1.5' }, ['amount']],
    [{ date: { t_s: 'never' as const } }, ['date.t_s']],
    [{ date: { t_s: 9_000_000_000_000 } }, ['date.t_s']],
    [{ direction: 'sideways', amount: 'EUR' }, ['direction', 'amount']],
  ])('refuses %j: %j', (fields, refused) => {
    expect(toTransfer('alice', wire(fields))).toEqual(refused);
  });

  it('an empty subject is no description, and absent URIs no counterparty', () => {
    expect(toTransfer('alice', wire({ subject: '', creditor_payto_uri: undefined }))).toMatchObject({
      description: null,
      subject: '',
      counterparty: null,
      counterpartyName: null,
    });
  });
});

describe('receiverName', () => {
  it.each([
    ['payto://iban/DE08370400440532013003?receiver-name=Carol%20M%C3%BCller', 'Carol Müller'],
    ['payto://iban/DE08370400440532013003?message=x&receiver-name=A+B', 'A B'],
    ['payto://iban/SANDBOXX/DE71500105170648489890', null],
    ['payto://iban/DE08?receiver-name=', null],
    [null, null],
  ])('%s → %s', (uri, name) => {
    expect(receiverName(uri)).toBe(name);
  });
});
