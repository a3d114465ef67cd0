// Checks Taler mutation inputs before any call, and turns them into the bank's request bodies (pure).
import type {
  TalerAccountCreateInput,
  TalerAccountUpdateInput,
  TalerContactInput,
  TalerMoneyInput,
  TalerTanChannel,
} from '../../generated/resolvers-types.js';
import { canonicalDecimal, isDecimal } from '../../decimal.js';
import { requirePattern } from '../../ids.js';
import type { WireAccountReconfiguration, WireContactData, WireRegisterAccountRequest, WireTanChannel } from './wire.js';
import { Problems, type Checked } from '../shared/userErrors.js';

/** libeufin-bank's username alphabet, with the docs' length limit; never only dots (`.` and `..` are path steps). */
export const TALER_USERNAME = /^(?!\.+$)[A-Za-z0-9._~-]{1,126}$/;

/** A Taler username checked (the module's id rule): case-sensitive, so returned exactly as given; BAD_USER_INPUT otherwise. */
export const parseUsername = (nativeId: string): string =>
  requirePattern(nativeId, TALER_USERNAME, 'Taler username: 1 to 126 characters from A-Z, a-z, 0-9 and . _ ~ -');
const CURRENCY = /^[A-Z]{1,11}$/;
const MAX_FRACTION_DIGITS = 8;
const MAX_VALUE = 2n ** 52n;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9]{1,31}$/;
const PAYTO = /^payto:\/\/[A-Za-z0-9-]+\/\S+$/;

/** Where a problem sits in the input. */
type Path = readonly string[];

/** `CUR:VALUE[.FRACTION]` in the canonical form the bank prints, or undefined (with a problem) when out of range. */
export function toTalerAmount(money: TalerMoneyInput, field: Path, problems: Problems): string | undefined {
  if (!CURRENCY.test(money.currency)) {
    problems.add([...field, 'currency'], `The currency must be 1 to 11 capital letters, e.g. "EUR"; got "${money.currency}".`);
    return undefined;
  }
  if (!isDecimal(money.amount) || money.amount.startsWith('-')) {
    problems.add([...field, 'amount'], `The amount must not be negative; got "${money.amount}".`);
    return undefined;
  }
  const value = canonicalDecimal(money.amount);
  const [whole = '0', fraction = ''] = value.split('.');
  if (fraction.length > MAX_FRACTION_DIGITS) {
    problems.add([...field, 'amount'], `A Taler amount has at most ${MAX_FRACTION_DIGITS} fractional digits; got "${money.amount}".`);
    return undefined;
  }
  if (BigInt(whole) > MAX_VALUE) {
    problems.add([...field, 'amount'], `A Taler amount is at most 2^52 in major units; got "${money.amount}".`);
    return undefined;
  }
  return `${money.currency}:${value}`;
}

function toContact(contact: TalerContactInput, field: Path, problems: Problems): WireContactData {
  const wire: WireContactData = {};
  if (contact.email != null) {
    if (contact.email.length > 254 || !EMAIL.test(contact.email)) problems.add([...field, 'email'], `"${contact.email}" is not an e-mail address.`);
    else wire.email = contact.email;
  }
  if (contact.phone != null) {
    if (!PHONE.test(contact.phone)) problems.add([...field, 'phone'], `A phone number is digits, optionally after a '+'; got "${contact.phone}".`);
    else wire.phone = contact.phone;
  }
  return wire;
}

function checkPayto(value: string, field: Path, problems: Problems): string | undefined {
  if (PAYTO.test(value) && value.length <= 1_024) return value;
  problems.add(field, `A payto URI looks like "payto://iban/DE89370400440532013000?receiver-name=Name"; got "${value.slice(0, 100)}".`);
  return undefined;
}

function checkName(value: string, field: Path, problems: Problems): string | undefined {
  if (value.trim() !== '' && value.length <= 1_024) return value;
  problems.add(field, 'The name must not be blank (and at most 1024 characters).');
  return undefined;
}

const TAN_CHANNELS: Readonly<Record<TalerTanChannel, WireTanChannel>> = { SMS: 'sms', EMAIL: 'email' };

/** The fields create and update share, checked and in the bank's names. */
function sharedFields(input: TalerAccountUpdateInput, problems: Problems): WireAccountReconfiguration {
  const body: WireAccountReconfiguration = {};
  if (input.name != null) {
    const name = checkName(input.name, ['input', 'name'], problems);
    if (name !== undefined) body.name = name;
  }
  if (input.isPublic != null) body.is_public = input.isPublic;
  if (input.contact != null) body.contact_data = toContact(input.contact, ['input', 'contact'], problems);
  if (input.cashoutPaytoUri != null) {
    const payto = checkPayto(input.cashoutPaytoUri, ['input', 'cashoutPaytoUri'], problems);
    if (payto !== undefined) body.cashout_payto_uri = payto;
  }
  if (input.debitThreshold != null) {
    const amount = toTalerAmount(input.debitThreshold, ['input', 'debitThreshold'], problems);
    if (amount !== undefined) body.debit_threshold = amount;
  }
  if (input.minCashout != null) {
    const amount = toTalerAmount(input.minCashout, ['input', 'minCashout'], problems);
    if (amount !== undefined) body.min_cashout = amount;
  }
  if (input.tanChannel != null) body.tan_channel = TAN_CHANNELS[input.tanChannel];
  return body;
}

/** `POST /accounts` body from a create input; the password is passed on unchanged and never put in a message. */
export function toRegisterRequest(input: TalerAccountCreateInput): Checked<WireRegisterAccountRequest> {
  const problems = new Problems();
  if (!TALER_USERNAME.test(input.username)) {
    problems.add(
      ['input', 'username'],
      `A Taler username is 1 to 126 characters from A-Z, a-z, 0-9 and . _ ~ -, not only dots; got "${input.username.slice(0, 130)}".`,
    );
  }
  if (input.password === '') problems.add(['input', 'password'], 'The password must not be empty.');
  if (input.name.trim() === '') problems.add(['input', 'name'], 'The name must not be blank.');
  const shared = sharedFields({ ...input, name: null }, problems);
  const body: WireRegisterAccountRequest = { username: input.username, password: input.password, name: input.name, ...shared };
  if (input.isTalerExchange != null) body.is_taler_exchange = input.isTalerExchange;
  if (input.paytoUri != null) {
    const payto = checkPayto(input.paytoUri, ['input', 'paytoUri'], problems);
    if (payto !== undefined) body.payto_uri = payto;
  }
  return problems.result(body);
}

/** `PATCH /accounts/{username}` body: only the fields given; an input changing nothing is refused. */
export function toReconfiguration(input: TalerAccountUpdateInput): Checked<WireAccountReconfiguration> {
  const problems = new Problems();
  const body = sharedFields(input, problems);
  if (!problems.found && Object.keys(body).length === 0) problems.add(['input'], 'Give at least one field to change.');
  return problems.result(body);
}
