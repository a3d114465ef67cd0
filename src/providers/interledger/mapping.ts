// Pure mapping from the connector's wire bodies to the schema's Interledger types, with secrets redacted (customSettings.ts).
import type { Balance, InterledgerAccountRelationship, InterledgerBalance, UserError } from '../../generated/resolvers-types.js';
import { scaleBaseUnits } from '../../decimal.js';
import { formatGlobalId } from '../../ids.js';
import type { InterledgerAccountModel, InterledgerBalanceSettingsModel } from './model.js';
import { toCustomSettingEntries, withSetting } from './customSettings.js';
import type { Mapped } from '../types.js';
import type { BaseUnitChanges } from './inputs.js';
import { PROBLEM_TYPE, RELATIONSHIPS, problemWire, type AccountSettingsBody, type AccountWire, type BalanceWire } from './wire.js';

const blankToNull = (text: string | null | undefined): string | null => (text ? text : null);

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The raw value at a path of the body as the connector sent it (before tolerant reading dropped anything). */
function rawAt(body: unknown, ...path: string[]): unknown {
  let value = body;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

/**
 * An amount limit in major units: null when the connector sent none (unlimited, or off), the scaled value when read,
 * and `unreadable` when it sent a value the tolerant read had to drop (so it is never shown as unlimited).
 */
function limitOf(raw: unknown, read: string | null | undefined, scale: number): { value: string | null; unreadable: boolean } {
  if (read !== null && read !== undefined) return { value: scaleBaseUnits(read, scale), unreadable: false };
  return { value: null, unreadable: raw !== null && raw !== undefined };
}

/** The connector's relationship as the schema's enum: PARENT, PEER or CHILD, and OTHER for any other value or none. */
export function toRelationship(raw: string | null | undefined): InterledgerAccountRelationship {
  return (RELATIONSHIPS as readonly string[]).includes(raw ?? '') ? (raw as InterledgerAccountRelationship) : 'OTHER';
}

/** The balance settings in major units; settleTo is the connector's default 0 when it sent none. */
function toBalanceSettings(body: unknown, wire: AccountWire, scale: number): InterledgerBalanceSettingsModel {
  const raw = rawAt(body, 'balanceSettings');
  const read = wire.balanceSettings;
  // A balanceSettings value that is not an object at all: none of its limits can be trusted.
  if (raw !== null && raw !== undefined && !read) {
    return { minBalance: null, settleThreshold: null, settleTo: null, unreadable: ['minBalance', 'settleThreshold', 'settleTo'] };
  }
  const minBalance = limitOf(rawAt(raw, 'minBalance'), read?.minBalance, scale);
  const settleThreshold = limitOf(rawAt(raw, 'settleThreshold'), read?.settleThreshold, scale);
  const settleTo = limitOf(rawAt(raw, 'settleTo'), read?.settleTo, scale);
  const unreadable = (['minBalance', 'settleThreshold', 'settleTo'] as const).filter(
    (field) => ({ minBalance, settleThreshold, settleTo })[field].unreadable,
  );
  return {
    minBalance: minBalance.value,
    settleThreshold: settleThreshold.value,
    settleTo: settleTo.unreadable ? null : (settleTo.value ?? '0'),
    ...(unreadable.length ? { unreadable } : {}),
  };
}

/**
 * An account as the schema shows it, under its normalised native id; no upstream URL, no `_links`. `wire` is the
 * body as read under the tolerant rule, `body` the raw body it came from (to tell a limit the connector left out,
 * which means unlimited, from one it sent but the gateway could not read).
 */
export function toInterledgerAccount(nativeId: string, wire: AccountWire, body: unknown = wire): Mapped<InterledgerAccountModel> {
  const scale = wire.assetScale;
  const maximumPacketAmount = limitOf(rawAt(body, 'maximumPacketAmount'), wire.maximumPacketAmount, scale);
  return {
    id: formatGlobalId('INTERLEDGER', nativeId),
    provider: 'INTERLEDGER',
    nativeId,
    displayName: blankToNull(wire.description),
    createdAt: wire.createdAt ?? null,
    updatedAt: wire.modifiedAt ?? null,
    relationship: toRelationship(wire.accountRelationship),
    relationshipRaw: wire.accountRelationship ?? null,
    assetCode: wire.assetCode,
    assetScale: scale,
    linkType: wire.linkType ?? null,
    ilpAddressSegment: blankToNull(wire.ilpAddressSegment),
    connectionInitiator: wire.connectionInitiator ?? null,
    internal: wire.internal ?? null,
    sendsRoutes: wire.sendRoutes ?? null,
    receivesRoutes: wire.receiveRoutes ?? null,
    maximumPacketAmount: maximumPacketAmount.value,
    balanceSettings: toBalanceSettings(body, wire, scale),
    maxPacketsPerSecond: wire.rateLimitSettings?.maxPacketsPerSecond ?? null,
    settlementEngineAccountId: blankToNull(wire.settlementEngineDetails?.settlementEngineAccountId),
    customSettings: toCustomSettingEntries(wire.customSettings),
    ...(maximumPacketAmount.unreadable ? { unreadable: ['maximumPacketAmount'] } : {}),
  };
}

/** The balance in major units: clearing, prepaid and net (clearing + prepaid, as the connector reports it). */
export function toInterledgerBalance(wire: BalanceWire): InterledgerBalance {
  const { clearingBalance, prepaidAmount, netBalance } = wire.accountBalance;
  return {
    asset: { code: wire.assetCode },
    clearing: scaleBaseUnits(clearingBalance, wire.assetScale),
    prepaid: scaleBaseUnits(prepaidAmount, wire.assetScale),
    net: scaleBaseUnits(netBalance, wire.assetScale),
  };
}

/** The account's one entry in `balances`: the net balance; the connector has no notion of funds on hold. */
export const toBalances = (balance: InterledgerBalance): Balance[] => [{ asset: balance.asset, amount: balance.net, onHold: null }];

/** The body of a create: only what the input gives, so the connector's own defaults apply to the rest. */
export function toCreateBody(accountId: string, changes: BaseUnitChanges): AccountSettingsBody {
  const balanceSettings = toBalanceSettingsBody(changes);
  return {
    accountId,
    ...toSettingsBody(changes),
    ...(Object.keys(balanceSettings).length ? { balanceSettings } : {}),
  };
}

/**
 * The body of an update (`PUT`, which replaces every mutable setting): the account as read, without its links
 * and timestamps, with the changes laid over it. Custom settings are merged key by key, so secrets the gateway
 * never shows are sent back as the connector gave them (encrypted); a key given in its dotted form replaces the
 * setting where the connector keeps it, nested or flat, so no setting is ever sent twice.
 */
export function toUpdateBody(accountId: string, current: Readonly<Record<string, unknown>>, changes: BaseUnitChanges): AccountSettingsBody {
  const { _links: _l, createdAt: _c, modifiedAt: _m, ...kept } = current;
  const currentBalance = isRecord(current.balanceSettings) ? current.balanceSettings : {};
  const currentCustom = isRecord(current.customSettings) ? current.customSettings : {};
  return {
    ...kept,
    ...toSettingsBody(changes),
    accountId,
    balanceSettings: { ...currentBalance, ...toBalanceSettingsBody(changes) },
    customSettings: Object.entries(changes.customSettings ?? {}).reduce((settings, [key, value]) => withSetting(settings, key, value), currentCustom),
  };
}

function toSettingsBody(changes: BaseUnitChanges): Omit<AccountSettingsBody, 'accountId'> {
  const body: Omit<AccountSettingsBody, 'accountId'> = {};
  if (changes.relationship !== undefined) body.accountRelationship = changes.relationship;
  if (changes.assetCode !== undefined) body.assetCode = changes.assetCode;
  if (changes.assetScale !== undefined) body.assetScale = String(changes.assetScale);
  if (changes.linkType !== undefined) body.linkType = changes.linkType;
  if (changes.description !== undefined) body.description = changes.description;
  if (changes.maximumPacketAmount !== undefined) body.maximumPacketAmount = changes.maximumPacketAmount;
  if (changes.connectionInitiator !== undefined) body.connectionInitiator = changes.connectionInitiator;
  if (changes.sendsRoutes !== undefined) body.sendRoutes = changes.sendsRoutes;
  if (changes.receivesRoutes !== undefined) body.receiveRoutes = changes.receivesRoutes;
  if (changes.customSettings !== undefined) body.customSettings = { ...changes.customSettings };
  return body;
}

function toBalanceSettingsBody(changes: BaseUnitChanges): NonNullable<AccountSettingsBody['balanceSettings']> {
  const body: NonNullable<AccountSettingsBody['balanceSettings']> = {};
  if (changes.minBalance !== undefined) body.minBalance = changes.minBalance;
  if (changes.settleThreshold !== undefined) body.settleThreshold = changes.settleThreshold;
  if (changes.settleTo !== undefined) body.settleTo = changes.settleTo;
  return body;
}

/** An account's amounts in base units: null when none is set, undefined when the connector sent one the gateway could not read. */
export type CurrentAmounts = Record<'maximumPacketAmount' | 'minBalance' | 'settleThreshold' | 'settleTo', string | null | undefined>;

/** The amounts of an account as it stands, in base units: what an update keeps where the input is silent. */
export function currentAmounts(wire: AccountWire, body: unknown): CurrentAmounts {
  const amount = (raw: unknown, read: string | null | undefined) =>
    read !== null && read !== undefined ? read : raw === null || raw === undefined ? null : undefined;
  const settings = rawAt(body, 'balanceSettings');
  const broken = settings !== null && settings !== undefined && !wire.balanceSettings;
  return {
    maximumPacketAmount: amount(rawAt(body, 'maximumPacketAmount'), wire.maximumPacketAmount),
    minBalance: broken ? undefined : amount(rawAt(settings, 'minBalance'), wire.balanceSettings?.minBalance),
    settleThreshold: broken ? undefined : amount(rawAt(settings, 'settleThreshold'), wire.balanceSettings?.settleThreshold),
    settleTo: broken ? undefined : amount(rawAt(settings, 'settleTo'), wire.balanceSettings?.settleTo),
  };
}

/** Base units at one scale as base units at another, keeping the major-unit value; undefined when that cannot be exact. */
export function rescaleBaseUnits(units: string, from: number, to: number): string | undefined {
  const value = BigInt(units);
  if (to >= from) return (value * 10n ** BigInt(to - from)).toString();
  const divisor = 10n ** BigInt(from - to);
  return value % divisor === 0n ? (value / divisor).toString() : undefined;
}

/**
 * A refused change (400, 404, 409 or 422 with the connector's problem body) as userErrors in the gateway's own
 * words. `idField` is where the account id sits in the mutation (`["input","accountId"]` or `["id"]`), and
 * `settingsField` what any other refusal points at (`["input"]`, or `["id"]` for a delete, which has no input).
 */
export function toUserErrors(status: number, body: unknown, accountId: string, idField: string[], settingsField: string[] = ['input']): UserError[] {
  const type = problemWire.safeParse(body).data?.type ?? '';
  const is = (slug: string) => type.endsWith(`/${slug}`);
  if (status === 409 || is(PROBLEM_TYPE.accountExists)) {
    return [{ code: 'CONFLICT', field: idField, message: `An Interledger account with the id \`${accountId}\` already exists.` }];
  }
  if (status === 404) return [{ code: 'NOT_FOUND', field: ['id'], message: `The connector has no account \`${accountId}\`.` }];
  if (is(PROBLEM_TYPE.invalidAccountId)) {
    return [{ code: 'INVALID', field: idField, message: `The connector refused the account id \`${accountId}\`.` }];
  }
  return [{ code: 'INVALID', field: settingsField, message: 'The connector refused these account settings.' }];
}
