// Pure mapping from a libeufin-bank AccountData body to the schema's TalerAccount. Throws on a malformed amount.
import type { Balance, Money, TalerAccountStatus, TalerChallengeRequired, TalerContact } from '../../generated/resolvers-types.js';
import { formatGlobalId } from '../../ids.js';
import { parseAmount, signedAmount } from './amount.js';
import type { TalerAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import type { WireAccountData, WireChallengeResponse } from './wire.js';

export function toTalerAccount(username: string, wire: WireAccountData): Mapped<TalerAccountModel> {
  return {
    id: formatGlobalId('TALER', username),
    provider: 'TALER',
    nativeId: username,
    displayName: nonBlank(wire.name),
    balances: [toBalance(wire.balance)],
    createdAt: null,
    paytoUri: wire.payto_uri,
    debitThreshold: toMoney(wire.debit_threshold),
    minCashout: wire.min_cashout == null ? null : toMoney(wire.min_cashout),
    isPublic: wire.is_public,
    isTalerExchange: wire.is_taler_exchange,
    status: toStatus(wire),
    contact: toContact(wire.contact_data),
    cashoutPaytoUri: nonBlank(wire.cashout_payto_uri),
    tanChannels: toTanChannels(wire),
    conversionRateClassId: wire.conversion_rate_class_id ?? null,
  };
}

function toBalance(balance: WireAccountData['balance']): Balance {
  const { currency, value } = signedAmount(balance.amount, balance.credit_debit_indicator);
  return { asset: { code: currency, issuer: null, network: null }, amount: value, onHold: null };
}

function toMoney(amount: string): Money {
  const { currency, value } = parseAmount(amount);
  return { amount: value, currency };
}

/** `status` wins; servers older than v7 only send the deprecated `is_locked` flag. */
function toStatus(wire: Pick<WireAccountData, 'status' | 'is_locked'>): TalerAccountStatus {
  switch (wire.status ?? (wire.is_locked ? 'locked' : 'active')) {
    case 'active':
      return 'ACTIVE';
    case 'locked':
      return 'LOCKED';
    case 'deleted':
      return 'DELETED';
  }
}

function toContact(contact: WireAccountData['contact_data']): TalerContact | null {
  const email = nonBlank(contact?.email);
  const phone = nonBlank(contact?.phone);
  return email === null && phone === null ? null : { email, phone };
}

/** `tan_channels` (v10), else the deprecated single `tan_channel`, else none. */
function toTanChannels(wire: Pick<WireAccountData, 'tan_channels' | 'tan_channel'>): string[] {
  if (wire.tan_channels != null) return [...wire.tan_channels];
  return wire.tan_channel ? [wire.tan_channel] : [];
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
