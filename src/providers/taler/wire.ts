// The libeufin-bank Core Bank API's JSON as real servers send it (null fields omitted), checked with zod.
import { z } from 'zod';

/** `CUR:VALUE[.FRACTION]`; its syntax is checked when it is parsed (amount.ts), not here. */
const Amount = z.string();

export const WireBalance = z.object({
  amount: Amount,
  credit_debit_indicator: z.enum(['credit', 'debit']),
});

export const WireAccountStatus = z.enum(['active', 'locked', 'deleted']);

/** Optional fields are omitted by the server; an explicit null is read the same way. */
export const WireAccountData = z.object({
  name: z.string(),
  balance: WireBalance,
  payto_uri: z.string(),
  debit_threshold: Amount,
  min_cashout: Amount.nullish(),
  contact_data: z.object({ email: z.string().nullish(), phone: z.string().nullish() }).nullish(),
  cashout_payto_uri: z.string().nullish(),
  is_public: z.boolean(),
  is_taler_exchange: z.boolean(),
  is_locked: z.boolean().nullish(),
  tan_channel: z.string().nullish(),
  tan_channels: z.array(z.string()).nullish(),
  status: WireAccountStatus.nullish(),
  conversion_rate_class_id: z.number().int().nullish(),
});
export type WireAccountData = z.infer<typeof WireAccountData>;

/** One item of `GET /accounts` (admin list). */
export const WireAccountMinimalData = z.object({
  username: z.string(),
  name: z.string(),
  payto_uri: z.string(),
  balance: WireBalance,
  debit_threshold: Amount,
  min_cashout: Amount.nullish(),
  is_public: z.boolean(),
  is_taler_exchange: z.boolean(),
  row_id: z.number().int(),
  status: WireAccountStatus.nullish(),
  conversion_rate_class_id: z.number().int().nullish(),
});
export type WireAccountMinimalData = z.infer<typeof WireAccountMinimalData>;

/** `GET /accounts` with at least one account (an empty list is 204 with no body). */
export const WireAccountList = z.object({ accounts: z.array(WireAccountMinimalData) });
export type WireAccountList = z.infer<typeof WireAccountList>;

/** One item of `GET /public-accounts`. */
export const WirePublicAccount = z.object({
  username: z.string(),
  payto_uri: z.string(),
  balance: WireBalance,
  is_taler_exchange: z.boolean(),
  row_id: z.number().int(),
});
export type WirePublicAccount = z.infer<typeof WirePublicAccount>;

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
