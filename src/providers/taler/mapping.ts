// Pure mapping from a libeufin-bank AccountData (or admin-list AccountMinimalData) body to the schema's TalerAccount.
// Never throws: the wire schema has already degraded what it could not read, and a balance that cannot be read
// exactly is left out (counted in `omittedBalances`) rather than given a guessed sign.
import type { Balance, Money, TalerAccountStatus, TalerChallengeRequired, TalerContact } from '../../generated/resolvers-types.js';
import { formatGlobalId } from '../../ids.js';
import { withoutUserinfo } from '../../redaction.js';
import { parseAmount, signedAmount, type CreditDebit } from './amount.js';
import type { TalerAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import type { ReadAccountData, WireChallengeResponse } from './wire.js';

/** Called with the field paths (never the values) of a balance the mapping had to leave out. */
export type BalanceRefused = (fields: string[]) => void;

/**
 * The TalerAccount of `username` from its AccountData (libeufin TalerMessage.kt, every API version from 0:0:1):
 * absent fields take the API's documented defaults (`is_public`/`is_taler_exchange` false, status active), and
 * the balance is signed by its credit/debit indicator, exactly, or left out (`onRefused` says which field failed).
 */
export function toTalerAccount(username: string, wire: ReadAccountData, onRefused: BalanceRefused = () => undefined): Mapped<TalerAccountModel> {
  const balance = toBalance(wire.balance);
  if ('refused' in balance) onRefused(balance.refused);
  return {
    id: formatGlobalId('TALER', username),
    provider: 'TALER',
    nativeId: username,
    displayName: nonBlank(wire.name),
    balances: 'refused' in balance ? [] : [balance],
    omittedBalances: 'refused' in balance ? 1 : 0,
    createdAt: null,
    paytoUri: url(wire.payto_uri),
    debitThreshold: toMoney(wire.debit_threshold),
    minCashout: toMoney(wire.min_cashout),
    isPublic: wire.is_public ?? false,
    isTalerExchange: wire.is_taler_exchange ?? false,
    ...toStatus(wire),
    contact: toContact(wire.contact_data),
    cashoutPaytoUri: url(wire.cashout_payto_uri),
    tanChannels: toTanChannels(wire),
    conversionRateClassId: wire.conversion_rate_class_id ?? null,
  };
}

const INDICATORS: ReadonlySet<string> = new Set<CreditDebit>(['credit', 'debit']);

/**
 * `Balance {amount, credit_debit_indicator}` as a signed exact amount. The indicator decides the sign, so one the
 * API does not define ("CREDIT", "overdrawn", "") refuses the balance, as does a malformed amount.
 */
export function toBalance(balance: ReadAccountData['balance']): Balance | { refused: string[] } {
  const refused: string[] = [];
  if (!INDICATORS.has(balance.credit_debit_indicator)) refused.push('balance.credit_debit_indicator');
  let signed: ReturnType<typeof signedAmount> | undefined;
  try {
    signed = signedAmount(balance.amount, balance.credit_debit_indicator as CreditDebit);
  } catch {
    refused.push('balance.amount');
  }
  if (refused.length > 0 || !signed) return { refused };
  return { asset: { code: signed.currency, issuer: null, network: null }, amount: signed.value, onHold: null };
}

/** An amount the wire schema has checked; null when absent. */
function toMoney(amount: string | null | undefined): Money | null {
  if (amount == null) return null;
  const { currency, value } = parseAmount(amount);
  return { amount: value, currency };
}

const STATES: Readonly<Record<string, TalerAccountStatus>> = { active: 'ACTIVE', locked: 'LOCKED', deleted: 'DELETED' };

/**
 * `status` wins (kept raw in statusRaw; a value the gateway does not know is OTHER); servers before 0.10 send none,
 * and the deprecated `is_locked` flag (docs before v7) then says LOCKED; otherwise ACTIVE, the API's default.
 */
function toStatus(wire: Pick<ReadAccountData, 'status' | 'is_locked'>): { status: TalerAccountStatus; statusRaw: string | null } {
  if (wire.status == null) return { status: wire.is_locked ? 'LOCKED' : 'ACTIVE', statusRaw: null };
  return { status: Object.hasOwn(STATES, wire.status) ? STATES[wire.status]! : 'OTHER', statusRaw: wire.status };
}

function toContact(contact: ReadAccountData['contact_data']): TalerContact | null {
  const email = nonBlank(contact?.email);
  const phone = nonBlank(contact?.phone);
  return email === null && phone === null ? null : { email, phone };
}

/** `tan_channels` (v10), else the deprecated single `tan_channel` (API 3:0:3 to v9), else none. */
function toTanChannels(wire: Pick<ReadAccountData, 'tan_channels' | 'tan_channel'>): string[] {
  if (wire.tan_channels != null) return [...wire.tan_channels];
  return wire.tan_channel ? [wire.tan_channel] : [];
}

/** A URI from the bank, without any userinfo; null when absent or empty. */
function url(value: string | null | undefined): string | null {
  const text = nonBlank(value);
  return text === null ? null : withoutUserinfo(text);
}

/** The contract reads an empty upstream string as absent. */
function nonBlank(value: string | null | undefined): string | null {
  return value ? value : null;
}

/** A 202's challenge body: the v10+ list, or the single id older servers send (then one challenge, channel unknown). */
export function toChallenge(wire: WireChallengeResponse): TalerChallengeRequired {
  if ('challenges' in wire) {
    return {
      challenges: wire.challenges.map((c) => ({ id: String(c.challenge_id), channel: nonBlank(c.tan_channel), info: nonBlank(c.tan_info) })),
      allRequired: wire.combi_and ?? false,
    };
  }
  return { challenges: [{ id: String(wire.challenge_id), channel: null, info: null }], allRequired: true };
}
