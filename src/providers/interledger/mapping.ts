// Pure mapping from the connector's wire bodies to the schema's Interledger types, with secrets redacted.
import type { Balance, InterledgerBalance, MetadataEntry, UserError } from '../../generated/resolvers-types.js';
import { scaleBaseUnits } from '../../decimal.js';
import { formatGlobalId } from '../../ids.js';
import type { InterledgerAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import type { BaseUnitChanges, SettingsChanges } from './inputs.js';
import { PROBLEM_TYPE, problemWire, type AccountSettingsBody, type AccountWire, type BalanceWire } from './wire.js';

export const REDACTED = '[redacted]';

/** Words that make a setting secret wherever they appear in its name (`shared_secret`, `secretRef`). */
const SECRET_WORDS = new Set(['secret', 'secrets', 'password', 'passwd', 'passphrase', 'credential', 'credentials']);
/** The last word of a setting's name that makes it secret (`auth_token`, `apiKey`, `apikey`), unlike `token_issuer` or `key_id`. */
const SECRET_LAST_WORD = /(token|key|secret|password|passwd|passphrase|credentials?)$/i;

/** The words of a setting's last name segment: `ilpOverHttp.outgoing.simple.auth_token` → [auth, token]. */
function nameWords(key: string): string[] {
  const segment = key.slice(key.lastIndexOf('.') + 1);
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** Whether a custom setting's name says it holds a secret, token, password or key. */
export function isSecretKey(key: string): boolean {
  const words = nameWords(key);
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  const last = words.at(-1);
  return last !== undefined && SECRET_LAST_WORD.test(last);
}

/** The connector's encrypted values (`enc:JKS:…`) are secrets whatever their key says. */
const isEncrypted = (value: unknown): boolean => typeof value === 'string' && value.startsWith('enc:');

/** A copy of a value with secrets replaced at any depth, for settings whose value is an object. */
function redactDeep(value: unknown): unknown {
  if (isEncrypted(value)) return REDACTED;
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, isSecretKey(key) ? REDACTED : redactDeep(inner)]),
    );
  }
  return value;
}

/** One setting as text: strings as they are, anything else JSON-encoded; secrets redacted. */
export function toMetadataEntry(key: string, value: unknown): MetadataEntry {
  if (isSecretKey(key) || isEncrypted(value)) return { key, value: REDACTED };
  const safe = redactDeep(value);
  return { key, value: typeof safe === 'string' ? safe : JSON.stringify(safe) ?? 'null' };
}

const blankToNull = (text: string | null | undefined): string | null => (text ? text : null);

const scaleOrNull = (units: string | null | undefined, scale: number): string | null =>
  units === null || units === undefined ? null : scaleBaseUnits(units, scale);

/** An account as the schema shows it, under its normalised native id; no upstream URL, no `_links`. */
export function toInterledgerAccount(nativeId: string, wire: AccountWire): Mapped<InterledgerAccountModel> {
  const scale = wire.assetScale;
  return {
    id: formatGlobalId('INTERLEDGER', nativeId),
    provider: 'INTERLEDGER',
    nativeId,
    displayName: blankToNull(wire.description),
    createdAt: wire.createdAt ?? null,
    updatedAt: wire.modifiedAt ?? null,
    relationship: wire.accountRelationship,
    assetCode: wire.assetCode,
    assetScale: scale,
    linkType: wire.linkType,
    ilpAddressSegment: blankToNull(wire.ilpAddressSegment),
    connectionInitiator: wire.connectionInitiator,
    internal: wire.internal,
    sendsRoutes: wire.sendRoutes,
    receivesRoutes: wire.receiveRoutes,
    maximumPacketAmount: scaleOrNull(wire.maximumPacketAmount, scale),
    balanceSettings: {
      minBalance: scaleOrNull(wire.balanceSettings.minBalance, scale),
      settleThreshold: scaleOrNull(wire.balanceSettings.settleThreshold, scale),
      settleTo: scaleBaseUnits(wire.balanceSettings.settleTo, scale),
    },
    maxPacketsPerSecond: wire.rateLimitSettings?.maxPacketsPerSecond ?? null,
    settlementEngineAccountId: blankToNull(wire.settlementEngineDetails?.settlementEngineAccountId),
    customSettings: Object.entries(wire.customSettings ?? {}).map(([key, value]) => toMetadataEntry(key, value)),
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
 * never shows are sent back as the connector gave them (encrypted).
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
    customSettings: { ...currentCustom, ...changes.customSettings },
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

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The amounts of an account as it stands, in base units: what an update keeps where the input is silent. */
export function currentAmounts(wire: AccountWire): Required<Pick<SettingsChanges, 'maximumPacketAmount' | 'minBalance' | 'settleThreshold' | 'settleTo'>> {
  return {
    maximumPacketAmount: wire.maximumPacketAmount ?? null,
    minBalance: wire.balanceSettings.minBalance ?? null,
    settleThreshold: wire.balanceSettings.settleThreshold ?? null,
    settleTo: wire.balanceSettings.settleTo,
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
