// The libeufin-bank Core Bank API's JSON as real servers send it, read under the gateway's tolerant-reading rule
// (src/upstream/wire.ts): only identity and money are required, every other field degrades to absent.
//
// Versions, from libeufin's bank/src/main/kotlin/tech/libeufin/bank/TalerMessage.kt (GitHub copy stanisci/libeufin)
// and the current docs (taler-docs core/corebank/get-accounts*.rst); null fields are omitted (explicitNulls=false):
//   API 0:0:1 (0.9.3, Nov 2023)       AccountData: name, balance, payto_uri, debit_threshold, contact_data?,
//                                     cashout_payto_uri?; list items: username, name, balance, debit_threshold.
//   API 2:0:2-4:1:0 (0.9.3-8 to       + is_public, is_taler_exchange (both), tan_channel? (AccountData, 3:0:3);
//     0.9.4~dev, Dec 2023-Feb 2024)   list items + payto_uri, is_public, is_taler_exchange; still no row_id.
//   API 4:2:0-4:8:0 (0.9.4-0.11.1)    list items + row_id (4:2:0); + status "active"|"deleted" (4:5:0, 0.10.0);
//                                     + min_cashout? (4:8:0, 0.11.0).
//   protocol v9-v12 (1.x, current)    + conversion_rate_class_id? (v9), tan_channels? (v10, tan_channel deprecated),
//                                     status also "locked"; is_locked? (deprecated since v7) may still appear.
import { z } from 'zod';
import { isTalerAmount } from './amount.js';
import { TALER_USERNAME } from './inputs.js';

/** `CUR:VALUE[.FRACTION]` (TalerCommon.kt's syntax); anything else fails here, so the field degrades, logged. */
const Amount = z.string().refine(isTalerAmount, 'not a Taler amount');

/**
 * A JSON integer as the bank sends it (a number), or as decimal text (a transport that keeps numbers exact hands
 * them over as strings): read as a safe integer; anything else fails.
 */
const Integer = z.union([z.number(), z.string().regex(/^-?\d{1,15}$/)]).transform((value, ctx) => {
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(number)) {
    ctx.addIssue({ code: 'custom', message: 'not a safe integer' });
    return z.NEVER;
  }
  return number;
});

/**
 * `Balance`: both parts must be there as text, or the body is not an account. Whether they can be read exactly (a
 * well-formed amount, an indicator of "credit" or "debit") is decided by the mapping, which leaves out a balance it
 * cannot read exactly instead of refusing the account (see mapping.ts `toBalance`).
 */
export const WireBalance = z.object({
  amount: z.string(),
  credit_debit_indicator: z.string(),
});

/** The states libeufin-bank reports (`AccountStatus`); others are read as OTHER, the raw value kept. */
export const TALER_ACCOUNT_STATES = ['active', 'locked', 'deleted'] as const;

/** `ChallengeContactData`: each part optional. */
const WireContact = z.object({ email: z.string().nullish(), phone: z.string().nullish() });

/** `AccountData` (GET /accounts/{username}), every version above; an explicit null is read as an omitted field. */
export const WireAccountData = z.object({
  name: z.string().nullish(),
  balance: WireBalance,
  payto_uri: z.string().nullish(),
  debit_threshold: Amount.nullish(),
  min_cashout: Amount.nullish(),
  contact_data: WireContact.nullish(),
  cashout_payto_uri: z.string().nullish(),
  is_public: z.boolean().nullish(),
  is_taler_exchange: z.boolean().nullish(),
  is_locked: z.boolean().nullish(),
  tan_channel: z.string().nullish(),
  tan_channels: z.array(z.string()).nullish(),
  status: z.string().nullish(),
  conversion_rate_class_id: Integer.nullish(),
});
/** `Balance` as servers send it. */
export interface WireBalanceData {
  amount: string;
  credit_debit_indicator: 'credit' | 'debit';
}

/** An `AccountData` as a current server (1.x) sends it, absent fields omitted: what the simulator and its fixtures hold. */
export interface WireAccountData {
  name: string;
  balance: WireBalanceData;
  payto_uri: string;
  debit_threshold: string;
  min_cashout?: string;
  contact_data?: WireContactData;
  cashout_payto_uri?: string;
  is_public: boolean;
  is_taler_exchange: boolean;
  is_locked?: boolean;
  tan_channel?: string;
  tan_channels?: string[];
  status?: (typeof TALER_ACCOUNT_STATES)[number];
  conversion_rate_class_id?: number;
}
/** An `AccountData` as the gateway read it. */
export type ReadAccountData = z.output<typeof WireAccountData>;

/** One item of `GET /accounts` (admin list, `AccountMinimalData`): the username is its identity. */
export const WireAccountMinimalData = WireAccountData.pick({
  name: true,
  balance: true,
  payto_uri: true,
  debit_threshold: true,
  min_cashout: true,
  is_public: true,
  is_taler_exchange: true,
  status: true,
  conversion_rate_class_id: true,
}).extend({
  username: z.string().regex(TALER_USERNAME),
  /** Since API 4:2:0 (libeufin 0.9.4); the paging key. */
  row_id: Integer.nullish(),
});
/** An `AccountMinimalData` as a current server sends it. */
export interface WireAccountMinimalData extends Pick<
  WireAccountData,
  'name' | 'balance' | 'payto_uri' | 'debit_threshold' | 'min_cashout' | 'is_public' | 'is_taler_exchange' | 'status' | 'conversion_rate_class_id'
> {
  username: string;
  row_id: number;
}
export type ReadAccountMinimalData = z.output<typeof WireAccountMinimalData>;

/**
 * `GET /accounts` with at least one account (`ListBankAccountsResponse`); its entries are read one by one
 * (`WireAccountMinimalData`), so one bad account never costs the page. A missing or null list is an empty page.
 */
export const WireAccountList = z.object({ accounts: z.array(z.unknown()).nullish() });
export type WireAccountList = { accounts: WireAccountMinimalData[] };

/** One item of `GET /public-accounts` (`username` since API 2:0:2; 0.9.3 sent `account_name` instead). Not read by the gateway. */
export const WirePublicAccount = z.object({
  username: z.string().regex(TALER_USERNAME),
  payto_uri: z.string().nullish(),
  balance: WireBalance,
  is_taler_exchange: z.boolean().nullish(),
  row_id: Integer.nullish(),
});
/** A `PublicAccount` as a current server sends it. */
export interface WirePublicAccount {
  username: string;
  payto_uri: string;
  balance: WireBalanceData;
  is_taler_exchange: boolean;
  row_id: number;
}

/** The error body of every failure: a numeric TALER_ErrorCode and an optional hint (never shown to callers). */
export const WireApiError = z.object({ code: z.number().int(), hint: z.string().nullish(), detail: z.string().nullish() });
export type WireApiError = z.infer<typeof WireApiError>;

/** `POST /accounts` → 200. */
export const WireRegisterResponse = z.object({ internal_payto_uri: z.string() });

const ChallengeId = z.union([z.string().min(1), z.number().int()]);

/**
 * 202 to a PATCH or DELETE when the bank wants a second factor: `ChallengeResponse` (v10+: a list of challenges),
 * or the single `{challenge_id}` older servers send.
 */
export const WireChallengeResponse = z.union([
  z.object({
    challenges: z.array(z.object({ challenge_id: ChallengeId, tan_channel: z.string().nullish(), tan_info: z.string().nullish() })).min(1),
    combi_and: z.boolean().nullish(),
  }),
  z.object({ challenge_id: ChallengeId }),
]);
export type WireChallengeResponse = z.infer<typeof WireChallengeResponse>;

export type WireTanChannel = 'sms' | 'email';

/** `ChallengeContactData`: absent parts are left out. */
export interface WireContactData {
  email?: string;
  phone?: string;
}

/** `RegisterAccountRequest` (POST /accounts); absent optional fields are left out. */
export interface WireRegisterAccountRequest {
  username: string;
  password: string;
  name: string;
  is_public?: boolean;
  is_taler_exchange?: boolean;
  contact_data?: WireContactData;
  cashout_payto_uri?: string;
  payto_uri?: string;
  debit_threshold?: string;
  min_cashout?: string;
  tan_channel?: WireTanChannel;
}

/** `AccountReconfiguration` (PATCH /accounts/{username}); only the fields to change. */
export interface WireAccountReconfiguration {
  name?: string;
  is_public?: boolean;
  contact_data?: WireContactData;
  cashout_payto_uri?: string;
  debit_threshold?: string;
  min_cashout?: string;
  tan_channel?: WireTanChannel;
}

// Account history (`GET /accounts/{username}/transactions`, `…/transactions/{row_id}`): `BankAccountTransactionInfo`
// has had the same fields from API 0:0:1 (0.9.3) to protocol v12. The payto URIs carry `?receiver-name=` since
// libeufin 0.9.4 (Feb 2024, "receiver-name everywhere"); x-taler-bank URIs appear from then on. `date.t_s` is whole
// seconds, or the string "never" (TalerProtocolTimestamp's serialiser, never sent for a booked transfer).

/** `TalerProtocolTimestamp`: `{t_s: seconds | "never"}`. */
const WireTimestamp = z.object({ t_s: z.union([Integer, z.literal('never')]) });

/**
 * `BankAccountTransactionInfo`: the row id, the date, the amount and the direction are what a movement cannot do
 * without (the mapping refuses an amount it cannot read exactly or a direction other than credit/debit); the payto
 * URIs and the subject degrade to absent.
 */
export const WireTransaction = z.object({
  row_id: Integer,
  date: WireTimestamp,
  amount: z.string(),
  direction: z.string(),
  creditor_payto_uri: z.string().nullish(),
  debtor_payto_uri: z.string().nullish(),
  subject: z.string().nullish(),
});
export type ReadTransaction = z.output<typeof WireTransaction>;

/** A `BankAccountTransactionInfo` as servers send it: what the simulator and its fixtures hold. */
export interface WireTransactionData {
  creditor_payto_uri: string;
  debtor_payto_uri: string;
  amount: string;
  direction: CreditDebitIndicator;
  subject: string;
  row_id: number;
  date: { t_s: number | 'never' };
}
type CreditDebitIndicator = 'credit' | 'debit';

/**
 * `BankAccountTransactionsResponse` (200; an empty history is 204 without a body): its entries are read one by one,
 * so one bad transfer never costs the page. A missing or null list is an empty page.
 */
export const WireTransactionList = z.object({ transactions: z.array(z.unknown()).nullish() });
export type WireTransactionList = { transactions: WireTransactionData[] };
