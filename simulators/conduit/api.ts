// What the Conduit API (version 2024-12-01) documents, for its simulator: the id patterns of its OpenAPI and the
// bodies a Conduit server writes.

/** `AccountId`: `acct_` and 27 base-62 characters. */
export const ACCOUNT_ID = /^acct_[a-zA-Z0-9]{27}$/;
/** A client id, as in `/clients/{id}/accounts`. */
export const CLIENT_ID = /^client_[a-zA-Z0-9]{27}$/;

/** `AssetAmount`: `network` for stablecoins only, `country` optional. */
export interface AssetAmount {
  asset: string;
  network?: string | null;
  amount: string;
  country?: string | null;
}

/** `GetAccountResponse` (`GET /accounts/{id}`). */
export interface Account {
  id: string;
  balances: { available: AssetAmount[] };
  createdAt: string;
}

/** The error body of every documented failure (400, 401, 403, 404, 429, 500); concrete codes are not documented. */
export interface ErrorResponse {
  errors: Array<{ detail: string; code: string }>;
}
