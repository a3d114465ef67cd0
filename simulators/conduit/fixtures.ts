// Sample Conduit accounts and clients that the simulator serves (demo mode and tests).
import type { Account } from './api.js';

export interface FixtureClient {
  id: string;
  businessLegalName: string;
  /** The client's accounts, in listing order; the first is its `/clients/{id}/account`. */
  accountIds: readonly string[];
}

/** The seed's example account, verbatim: USD, USDC on ethereum, USDT on two networks (one of them zero). */
export const SEED_ACCOUNT: Account = {
  id: 'acct_2fvietuCNSu8unMNLsEGBrDTVFn',
  balances: {
    available: [
      { asset: 'USD', amount: '150.320000' },
      { asset: 'USDC', network: 'ethereum', amount: '90.000000' },
      { asset: 'USDT', network: 'ethereum', amount: '0' },
      { asset: 'USDT', network: 'tron', amount: '150.320000' },
    ],
  },
  createdAt: '2024-10-27T00:00:00.000Z',
};

/** The account of the docs' `/clients/{id}/accounts` example (Acme LLC, 10 USD). */
export const DOCS_ACCOUNT: Account = {
  id: 'acct_2ofTA5mz0T91pBmD3tMTeLE7T4X',
  balances: { available: [{ asset: 'USD', amount: '10.000000' }] },
  createdAt: '2024-11-04T15:22:41.318Z',
};

/** Fiat only, each balance with the country it is held in. */
export const FIAT_ACCOUNT: Account = {
  id: 'acct_2St7EMkMcxswfOMAAkq3Ox4eqC8',
  balances: {
    available: [
      { asset: 'EUR', amount: '2500.500000', country: 'DE' },
      { asset: 'GBP', amount: '1234.560000', country: 'GB' },
    ],
  },
  createdAt: '2025-01-15T09:30:00.000Z',
};

/** Stablecoins only: the same token on two networks is two balances. */
export const STABLECOIN_ACCOUNT: Account = {
  id: 'acct_2xaFtbjxsMof8nXblNShrbgNIMH',
  balances: {
    available: [
      { asset: 'USDC', network: 'solana', amount: '1200.000000' },
      { asset: 'USDC', network: 'base', amount: '75.250000' },
    ],
  },
  createdAt: '2025-03-02T18:04:12.000Z',
};

/** A fresh account that holds nothing yet. */
export const EMPTY_ACCOUNT: Account = {
  id: 'acct_2NXCv18goo3DQdGsGXZw8KmtUVz',
  balances: { available: [] },
  createdAt: '2025-06-20T11:00:00.000Z',
};

export const FIXTURE_ACCOUNTS: readonly Account[] = [SEED_ACCOUNT, DOCS_ACCOUNT, FIAT_ACCOUNT, STABLECOIN_ACCOUNT, EMPTY_ACCOUNT];

/** The accounts of a client with many (ids `acct_2Mny` and 23 digits): its list takes several pages. Not demo sample ids. */
export const MANY_ACCOUNTS: readonly Account[] = Array.from({ length: 45 }, (_, n) => ({
  id: `acct_2Mny${String(n).padStart(23, '0')}`,
  balances: { available: [{ asset: 'USD', amount: `${n + 1}.500000` }] },
  createdAt: `2025-05-${String(1 + (n % 28)).padStart(2, '0')}T12:00:00.000Z`,
}));

export const MANY_ACCOUNTS_CLIENT_ID = 'client_2GlobexPaymentsLtd000000001';

export const FIXTURE_CLIENTS: readonly FixtureClient[] = [
  { id: 'client_2ofTA13AD0xBtbEvBl20aEb1hEu', businessLegalName: 'Acme LLC', accountIds: [DOCS_ACCOUNT.id, STABLECOIN_ACCOUNT.id] },
  { id: 'client_2HpTLFIaaEbuexLTLTvKB7bIGDH', businessLegalName: 'Northwind Trading Ltd', accountIds: [FIAT_ACCOUNT.id, EMPTY_ACCOUNT.id] },
  // Listed newest first, as a real list may be: the gateway orders pages by id whatever the upstream order.
  { id: MANY_ACCOUNTS_CLIENT_ID, businessLegalName: 'Globex Payments Ltd', accountIds: MANY_ACCOUNTS.map((account) => account.id).reverse() },
];
