// Pure mapping from the connector's wire bodies to the schema's Interledger types, with secrets redacted.
import type { Balance, InterledgerBalance, MetadataEntry } from '../../generated/resolvers-types.js';
import { scaleBaseUnits } from '../../decimal.js';
import { formatGlobalId } from '../../ids.js';
import type { InterledgerAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import type { AccountWire, BalanceWire } from './wire.js';

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
