// The Conduit 2024-12-01 bodies the gateway reads, under the tolerant-reading rule (src/upstream/wire.ts): required
// are the account id (and, in a client's list, the item's `accountId`), the `balances.available` array, and in each
// balance its asset code and amount; every other field is optional and degrades to null when missing, null or
// unreadable. Balances (and the items of a client's list) are read one entry at a time.
//
// Source of the shapes: the OpenAPI of API version 2024-12-01 (`GET /accounts/{id}`: GetAccountResponse,
// AssetAmount, AssetCode, NetworkName, NonNegativeInteger, AccountId), and docs.conduit.financial for
// `GET /clients/{id}/accounts` (see ../shared/providers.md, section 2).
import { z } from 'zod';

/** Conduit account ids: `acct_` and 27 base-62 characters (the API's own AccountId pattern). */
export const ACCOUNT_ID = /^acct_[a-zA-Z0-9]{27}$/;
/** Conduit client ids, as in `/clients/{id}/accounts`. */
export const CLIENT_ID = /^client_[a-zA-Z0-9]{27}$/;

/**
 * The schema calls `amount` a NonNegativeInteger (`^[0-9]*$`) but every example is a decimal ("150.320000"), so any
 * unsigned decimal is read; the empty string the pattern allows is not an amount, and neither is a JSON number, a
 * sign, an exponent or a blank (the spec says string; such an entry is left out, never guessed).
 */
const Amount = z.string().regex(/^\d+(\.\d+)?$/, 'amount must be an unsigned decimal string');

/** Codes beyond the documented enum are read (a new currency or token is not an outage); they must look like a code. */
const AssetCode = z.string().regex(/^[A-Z0-9]{1,16}$/, 'asset must be an upper-case code');

/** The AssetCode enum of 2024-12-01, in the spec's order. */
export const DOCUMENTED_ASSET_CODES = ['USD', 'MXN', 'BRL', 'COP', 'EUR', 'NGN', 'ARS', 'GBP', 'AED', 'SGD', 'HKD', 'USDT', 'USDC', 'RLUSD'] as const;
/** The NetworkName enum of 2024-12-01, in the spec's order. */
export const DOCUMENTED_NETWORKS = ['ethereum', 'tron', 'solana', 'polygon', 'base', 'xrpl'] as const;

/**
 * One entry of `balances.available` (AssetAmount). Required: `asset` and `amount`. `network` (required for stablecoins,
 * omitted for fiat by the spec) and `country` are optional: a value the gateway cannot read is null. Unknown extra
 * fields are dropped (the spec's `additionalProperties: false` is not enforced: an additive change is not an outage).
 */
export const AssetAmountEntry = z.object({
  asset: AssetCode,
  amount: Amount,
  network: z.string().nullish(),
  country: z.string().nullish(),
});
export type AssetAmountEntry = z.infer<typeof AssetAmountEntry>;

/** `balances`: the `available` list is required (an account whose balances are unknown is not read as empty). */
const BalancesWire = z.object({ available: z.array(z.unknown()) });

/** `GET /accounts/{id}`: the id and the balances are required; `createdAt` degrades to null. */
export const GetAccountWire = z.object({
  id: z.string().regex(ACCOUNT_ID, 'not a Conduit account id'),
  balances: BalancesWire,
  createdAt: z.iso.datetime({ offset: true }).nullish(),
});
export type GetAccountWire = z.infer<typeof GetAccountWire>;

/** One item of `GET /clients/{id}/accounts`: `accountId` (the account) and its balances are required; `id` is the CLIENT's. */
export const ClientAccountItemWire = z.object({
  id: z.string().regex(CLIENT_ID, 'not a Conduit client id').nullish(),
  accountId: z.string().regex(ACCOUNT_ID, 'not a Conduit account id'),
  balances: BalancesWire,
  businessLegalName: z.string().nullish(),
});
export type ClientAccountItemWire = z.infer<typeof ClientAccountItemWire>;

/**
 * `GET /clients/{id}/accounts`: `data` holds every account of the client (no paging documented), read item by item;
 * `data: null` is an empty list, a body without `data` is refused (reading it as empty would claim the client has
 * no accounts). `totalBalances` is not used.
 */
export const ListClientAccountsWire = z.object({ data: z.array(z.unknown()).nullable() });

// What the API documents, for the simulator and fixtures: the shapes a Conduit server writes.

/** AssetAmount as documented: `network` for stablecoins only, `country` optional. */
export interface AssetAmount {
  asset: string;
  network?: string | null;
  amount: string;
  country?: string | null;
}

/** `GET /accounts/{id}` as documented. */
export interface GetAccountResponse {
  id: string;
  balances: { available: AssetAmount[] };
  createdAt: string;
}

/** One item of `GET /clients/{id}/accounts`: `id` is the CLIENT id, `accountId` the account's. */
export interface ClientAccountItem {
  id: string;
  accountId: string;
  balances: { available: AssetAmount[] };
  businessLegalName: string;
}

/** `GET /clients/{id}/accounts`: all of one client's accounts and their totals. */
export interface ListClientAccountsResponse {
  data: ClientAccountItem[];
  totalBalances: { available: AssetAmount[] };
}

/** `GET /clients/{id}/account`: the client's account, here with its own id and the client's. */
export interface GetClientAccountResponse {
  id: string;
  clientId: string;
  businessLegalName: string;
  balances: { available: AssetAmount[] };
}

/** Every documented error (400, 401, 403, 429, 500) has this body; concrete codes are not documented. */
export interface ErrorResponse {
  errors: Array<{ detail: string; code: string }>;
}
