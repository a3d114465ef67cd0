// The Conduit 2024-12-01 wire shapes the gateway reads, checked with zod before anything is mapped.
import { z } from 'zod';

/** Conduit account ids: `acct_` and 27 base-62 characters (the API's own AccountId pattern). */
export const ACCOUNT_ID = /^acct_[a-zA-Z0-9]{27}$/;
/** Conduit client ids, as in `/clients/{id}/accounts`. */
export const CLIENT_ID = /^client_[a-zA-Z0-9]{27}$/;

/**
 * The schema calls `amount` a NonNegativeInteger (`^[0-9]*$`) but every example is a decimal
 * ("150.320000"), so any unsigned decimal is accepted; signs, exponents and blanks are not.
 */
const Amount = z.string().regex(/^\d+(\.\d+)?$/, 'amount must be an unsigned decimal string');

/** Codes beyond the documented enum are accepted, so a new currency or token is not an outage. */
const AssetCode = z.string().regex(/^[A-Z0-9]{1,16}$/, 'asset must be an upper-case code');

/** Unknown extra fields are dropped (z.object strips), so an additive API change does not break reads. */
export const AssetAmount = z.object({
  asset: AssetCode,
  /** Required for stablecoins, omitted for fiat; null is read as omitted. */
  network: z.string().nullish(),
  amount: Amount,
  country: z.string().nullish(),
});
export type AssetAmount = z.infer<typeof AssetAmount>;

export const Balances = z.object({ available: z.array(AssetAmount) });

/** `GET /accounts/{id}`. */
export const GetAccountResponse = z.object({
  id: z.string().regex(ACCOUNT_ID),
  balances: Balances,
  createdAt: z.iso.datetime({ offset: true }),
});
export type GetAccountResponse = z.infer<typeof GetAccountResponse>;

/** One item of `GET /clients/{id}/accounts`: `id` is the CLIENT id, `accountId` the account's. */
export const ClientAccountItem = z.object({
  id: z.string().regex(CLIENT_ID),
  accountId: z.string().regex(ACCOUNT_ID),
  balances: Balances,
  businessLegalName: z.string(),
});
export type ClientAccountItem = z.infer<typeof ClientAccountItem>;

/** `GET /clients/{id}/accounts`: all of one client's accounts (no paging documented) and their totals. */
export const ListClientAccountsResponse = z.object({
  data: z.array(ClientAccountItem),
  totalBalances: Balances,
});
export type ListClientAccountsResponse = z.infer<typeof ListClientAccountsResponse>;

/** `GET /clients/{id}/account`: the client's account, here with its own id and the client's. */
export const GetClientAccountResponse = z.object({
  id: z.string().regex(ACCOUNT_ID),
  clientId: z.string().regex(CLIENT_ID),
  businessLegalName: z.string(),
  balances: Balances,
});
export type GetClientAccountResponse = z.infer<typeof GetClientAccountResponse>;

/** Every documented error (400, 401, 403, 429, 500) has this body; concrete codes are not documented. */
export const ErrorResponse = z.object({
  errors: z.array(z.object({ detail: z.string(), code: z.string() })),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
