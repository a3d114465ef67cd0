// Seeded accounts of the Taler simulator: a small EUR demo bank, with amounts printed as libeufin-bank prints them.
import type { AccountData } from './bank.js';

export interface TalerFixture {
  username: string;
  /** HTTP Basic password the simulator accepts for this user. */
  password: string;
  /** Database row id: the paging key of `GET /accounts`. */
  rowId: number;
  /** Exactly what `GET /accounts/<username>` answers (absent fields omitted, as the real server does). */
  account: AccountData;
}

export const TALER_CURRENCY = 'EUR';
export const TALER_ADMIN_PASSWORD = 'taler-demo-admin';

/** Bearer tokens (`secret-token:` + 52 Crockford base32 characters) and whom they authenticate. */
export const TALER_TOKENS: Readonly<Record<string, { username: string; scope: 'readonly' | 'readwrite' }>> = {
  'secret-token:EEFB4PBBRYZ6FW2NC5BQCA36DD29KPJ16A2VXWT777MCRTPMY5JD': { username: 'admin', scope: 'readonly' },
  'secret-token:C5S7W7FAWMFE0Y36HNNDX98Y693XVS0NJ8YN0NZR9T2BK93Z9V8R': { username: 'alice', scope: 'readwrite' },
};

const payto = (iban: string, name: string) => `payto://iban/${iban}?receiver-name=${encodeURIComponent(name)}`;
const password = (username: string) => `${username}-password`;

/** The admin account is debited whatever the others hold (libeufin's books always balance to zero). */
export const talerFixtures: readonly TalerFixture[] = [
  {
    username: 'admin',
    password: TALER_ADMIN_PASSWORD,
    rowId: 1,
    account: {
      name: 'Bank administrator',
      balance: { amount: 'EUR:2815.06789012', credit_debit_indicator: 'debit' },
      payto_uri: payto('DE41370400440000000001', 'Bank administrator'),
      debit_threshold: 'EUR:1000000',
      is_public: false,
      is_taler_exchange: false,
      status: 'active',
    },
  },
  {
    username: 'alice',
    password: password('alice'),
    rowId: 2,
    account: {
      name: 'Alice Example',
      balance: { amount: 'EUR:10.5', credit_debit_indicator: 'credit' },
      payto_uri: payto('DE62370400440532013001', 'Alice Example'),
      debit_threshold: 'EUR:0',
      is_public: false,
      is_taler_exchange: false,
      status: 'active',
    },
  },
  {
    username: 'bob',
    password: password('bob'),
    rowId: 3,
    account: {
      name: 'Bob',
      balance: { amount: 'EUR:3', credit_debit_indicator: 'debit' },
      payto_uri: payto('DE89370400440532013000', 'Bob'),
      debit_threshold: 'EUR:100',
      is_public: false,
      is_taler_exchange: false,
      status: 'active',
    },
  },
  {
    username: 'exchange',
    password: password('exchange'),
    rowId: 4,
    account: {
      name: 'Taler Exchange',
      balance: { amount: 'EUR:1523.75', credit_debit_indicator: 'credit' },
      payto_uri: payto('DE35370400440532013002', 'Taler Exchange'),
      debit_threshold: 'EUR:0',
      is_public: true,
      is_taler_exchange: true,
      status: 'active',
    },
  },
  {
    username: 'carol',
    password: password('carol'),
    rowId: 5,
    account: {
      name: 'Carol Müller',
      balance: { amount: 'EUR:42', credit_debit_indicator: 'credit' },
      payto_uri: payto('DE08370400440532013003', 'Carol Müller'),
      debit_threshold: 'EUR:25',
      min_cashout: 'EUR:5',
      contact_data: { email: 'carol@example.com', phone: '+491701234567' },
      cashout_payto_uri: payto('DE78370400440532013004', 'Carol Müller'),
      is_public: true,
      is_taler_exchange: false,
      tan_channels: ['sms', 'email'],
      status: 'active',
    },
  },
  {
    username: 'dave.k',
    password: password('dave.k'),
    rowId: 6,
    account: {
      name: 'Dave Kowalski',
      balance: { amount: 'EUR:1234.56789012', credit_debit_indicator: 'credit' },
      payto_uri: payto('DE51370400440532013005', 'Dave Kowalski'),
      debit_threshold: 'EUR:0',
      contact_data: { email: 'dave@example.org' },
      is_public: false,
      is_taler_exchange: false,
      tan_channel: 'email',
      status: 'active',
    },
  },
  {
    username: 'erin',
    password: password('erin'),
    rowId: 7,
    account: {
      name: 'Erin Former',
      balance: { amount: 'EUR:0', credit_debit_indicator: 'credit' },
      payto_uri: payto('DE24370400440532013006', 'Erin Former'),
      debit_threshold: 'EUR:0',
      is_public: false,
      is_taler_exchange: false,
      status: 'deleted',
    },
  },
  {
    username: 'Frank_2',
    password: password('Frank_2'),
    rowId: 8,
    account: {
      name: 'Frank Locked',
      balance: { amount: 'EUR:7.25', credit_debit_indicator: 'credit' },
      payto_uri: payto('DE94370400440532013007', 'Frank Locked'),
      debit_threshold: 'EUR:10',
      is_public: false,
      is_taler_exchange: false,
      is_locked: true,
      status: 'locked',
    },
  },
];
