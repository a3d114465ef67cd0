// Pure mapping from Midaz v3.8 wire bodies to the schema's MidazAccount, MidazBalance and Balance shapes.
import type { Balance, MetadataEntry, MidazBalance } from '../../generated/resolvers-types.js';
import { canonicalDecimal } from '../../decimal.js';
import { formatGlobalId } from '../../ids.js';
import type { MidazAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import type { WireAccount, WireBalance } from './wire.js';

/** `<organizationId>/<ledgerId>/<accountId>` in its canonical (lower-case) form. */
export const midazNativeId = (organizationId: string, ledgerId: string, accountId: string): string =>
  [organizationId, ledgerId, accountId].map((part) => part.toLowerCase()).join('/');

const blankToNull = (value: string | null | undefined): string | null => (value && value.trim() !== '' ? value : null);

const lowerOrNull = (value: string | null | undefined): string | null => (value ? value.toLowerCase() : null);

/** Flat metadata as key/value text; values that are not text are JSON-encoded. */
export function toMetadataEntries(metadata: Readonly<Record<string, unknown>> | null | undefined): MetadataEntry[] {
  return Object.entries(metadata ?? {}).map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) }));
}

export function toMidazAccount(wire: WireAccount): Mapped<MidazAccountModel> {
  const nativeId = midazNativeId(wire.organizationId, wire.ledgerId, wire.id);
  return {
    id: formatGlobalId('MIDAZ', nativeId),
    provider: 'MIDAZ',
    nativeId,
    displayName: blankToNull(wire.name),
    createdAt: wire.createdAt,
    updatedAt: wire.updatedAt,
    organizationId: wire.organizationId.toLowerCase(),
    ledgerId: wire.ledgerId.toLowerCase(),
    accountId: wire.id.toLowerCase(),
    alias: wire.alias ?? null,
    type: wire.type,
    assetCode: wire.assetCode,
    statusCode: wire.status.code,
    statusDescription: blankToNull(wire.status.description),
    blocked: wire.blocked ?? false,
    parentAccountId: lowerOrNull(wire.parentAccountId),
    entityId: blankToNull(wire.entityId),
    portfolioId: lowerOrNull(wire.portfolioId),
    segmentId: lowerOrNull(wire.segmentId),
    metadata: toMetadataEntries(wire.metadata),
  };
}

export function toMidazBalance(wire: WireBalance): MidazBalance {
  return {
    key: wire.key,
    asset: { code: wire.assetCode },
    available: canonicalDecimal(wire.available),
    onHold: canonicalDecimal(wire.onHold),
    allowSending: wire.allowSending,
    allowReceiving: wire.allowReceiving,
  };
}

export const toMidazBalances = (items: readonly WireBalance[]): MidazBalance[] => items.map(toMidazBalance);

/** The Account.balances view: one entry per balance key, never summed. */
export const toBalances = (balances: readonly MidazBalance[]): Balance[] =>
  balances.map((balance) => ({ asset: balance.asset, amount: canonicalDecimal(balance.available), onHold: canonicalDecimal(balance.onHold) }));
