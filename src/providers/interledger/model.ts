// What the Interledger resolvers receive: the account without its lazy balance, and the per-request source.
import type { InterledgerAccount, InterledgerBalance, InterledgerBalanceSettings } from '../../generated/resolvers-types.js';
import type { GatewayError } from '../../errors.js';
import type { AccountSource } from '../types.js';

/** Amount limits whose value the connector sent but the gateway could not read exactly (shown as null with an error). */
export type LimitField = 'maximumPacketAmount' | 'minBalance' | 'settleThreshold' | 'settleTo';

/** The balance settings, with the limits that could not be read (their fields resolve to an error, never "unlimited"). */
export type InterledgerBalanceSettingsModel = InterledgerBalanceSettings & { unreadable?: LimitField[] };

export type InterledgerAccountModel = Omit<
  InterledgerAccount,
  '__typename' | 'capabilities' | 'activity' | 'balances' | 'balance' | 'balanceSettings'
> & {
  provider: 'INTERLEDGER';
  balanceSettings: InterledgerBalanceSettingsModel;
  /** Top-level limits the gateway could not read (`maximumPacketAmount`); absent when every one was read. */
  unreadable?: LimitField[];
};

/** A balance call's outcome: the balance, or why it could not be read (a refused body, or no balance API). */
export type BalanceRead = { balance: InterledgerBalance } | { unreadable: GatewayError };

export interface InterledgerSource extends AccountSource<InterledgerAccountModel> {
  /** The account's balance (`GET /accounts/{id}/balance`), fetched once per request and only when asked. */
  balance(nativeId: string): Promise<BalanceRead>;
}
