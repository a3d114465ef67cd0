// The Core Bank API bodies the Taler simulator serves, as libeufin-bank serialises them (TalerMessage.kt, 1.x:
// `explicitNulls = false`, so an absent optional field is left out rather than sent as null).

export type CreditDebit = 'credit' | 'debit';

export interface Balance {
  amount: string;
  credit_debit_indicator: CreditDebit;
}

/** `ChallengeContactData`. */
export interface ContactData {
  email?: string;
  phone?: string;
}

/** `AccountData` (GET /accounts/{username}). */
export interface AccountData {
  name: string;
  balance: Balance;
  payto_uri: string;
  debit_threshold: string;
  min_cashout?: string;
  contact_data?: ContactData;
  cashout_payto_uri?: string;
  is_public: boolean;
  is_taler_exchange: boolean;
  /** Deprecated since protocol v7, still sent by some servers. */
  is_locked?: boolean;
  /** Deprecated by `tan_channels` (v10). */
  tan_channel?: string;
  tan_channels?: string[];
  status?: 'active' | 'locked' | 'deleted';
  conversion_rate_class_id?: number;
}

/** One item of the admin list `GET /accounts` (`AccountMinimalData`). */
export interface AccountMinimalData extends Pick<
  AccountData,
  'name' | 'balance' | 'payto_uri' | 'debit_threshold' | 'min_cashout' | 'is_public' | 'is_taler_exchange' | 'status' | 'conversion_rate_class_id'
> {
  username: string;
  row_id: number;
}

/** One item of `GET /public-accounts` (`PublicAccount`). */
export interface PublicAccount {
  username: string;
  payto_uri: string;
  balance: Balance;
  is_taler_exchange: boolean;
  row_id: number;
}

/** One row of an account's history (`BankAccountTransactionInfo`, GET /accounts/{username}/transactions). */
export interface TransactionInfo {
  creditor_payto_uri: string;
  debtor_payto_uri: string;
  amount: string;
  direction: CreditDebit;
  subject: string;
  row_id: number;
  date: { t_s: number };
}
