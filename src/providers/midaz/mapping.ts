// Pure mapping from Midaz v3.0–v3.8 wire bodies to the schema's MidazAccount, MidazBalance and Balance shapes.
import type {
  Balance,
  MetadataEntry,
  MidazBalance,
  MidazBalanceDirection,
  MidazBalanceScope,
  UserError,
  UserErrorCode,
} from '../../generated/resolvers-types.js';
import { canonicalDecimal, negateDecimal, sumDecimals } from '../../decimal.js';
import { formatGlobalId } from '../../ids.js';
import { withoutUserinfo } from '../../redaction.js';
import type { Entries } from '../../upstream/wire.js';
import type { MidazAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import type { CreateAccount, ListFilter, UpdateAccount } from './input.js';
import { wireErrorSchema, type WireAccount, type WireBalance, type WireCreateAccountBody, type WireUpdateAccountBody } from './wire.js';

/** `<organizationId>/<ledgerId>/<accountId>` in its canonical (lower-case) form. */
export const midazNativeId = (organizationId: string, ledgerId: string, accountId: string): string =>
  [organizationId, ledgerId, accountId].map((part) => part.toLowerCase()).join('/');

const blankToNull = (value: string | null | undefined): string | null => (value && value.trim() !== '' ? value : null);

const lowerOrNull = (value: string | null | undefined): string | null => (value ? value.toLowerCase() : null);

/** Flat metadata as key/value text; values that are not text are JSON-encoded; a URL's userinfo never passes. */
export function toMetadataEntries(metadata: Readonly<Record<string, unknown>> | null | undefined): MetadataEntry[] {
  return Object.entries(metadata ?? {}).map(([key, value]) => ({
    key,
    value: withoutUserinfo(typeof value === 'string' ? value : JSON.stringify(value)),
  }));
}

/**
 * The account as the schema's MidazAccount (without its lazy balances). Only the ids and the asset code are sure to be
 * there (the wire schema requires them); every other field is null when Midaz sent nothing readable, except `blocked`,
 * which is false then (Midaz's default; accounts before v3.4 could not be blocked).
 */
export function toMidazAccount(wire: WireAccount): Mapped<MidazAccountModel> {
  const nativeId = midazNativeId(wire.organizationId, wire.ledgerId, wire.id);
  return {
    id: formatGlobalId('MIDAZ', nativeId),
    provider: 'MIDAZ',
    nativeId,
    displayName: blankToNull(wire.name),
    createdAt: wire.createdAt ?? null,
    updatedAt: wire.updatedAt ?? null,
    organizationId: wire.organizationId.toLowerCase(),
    ledgerId: wire.ledgerId.toLowerCase(),
    accountId: wire.id.toLowerCase(),
    alias: wire.alias ?? null,
    type: blankToNull(wire.type),
    assetCode: wire.assetCode,
    statusCode: blankToNull(wire.status?.code),
    statusDescription: blankToNull(wire.status?.description),
    blocked: wire.blocked ?? false,
    parentAccountId: lowerOrNull(wire.parentAccountId),
    entityId: blankToNull(wire.entityId),
    portfolioId: lowerOrNull(wire.portfolioId),
    segmentId: lowerOrNull(wire.segmentId),
    metadata: toMetadataEntries(wire.metadata),
  };
}

/** Midaz's key of the default balance, and of balances sent without a key (before v3.3 there was only that one). */
export const DEFAULT_BALANCE_KEY = 'default';

/** `direction` (pkg/mmodel/balance.go, v3.7+): empty or absent is "credit", as Midaz's engine treats legacy rows. */
function toDirection(raw: string | null | undefined): MidazBalanceDirection {
  if (raw === undefined || raw === null || raw === '' || raw === 'credit') return 'CREDIT';
  return raw === 'debit' ? 'DEBIT' : 'UNKNOWN';
}

/** `settings.balanceScope` (pkg/mmodel/balance_settings.go, v3.7+): empty or absent is "transactional", as Midaz reads it. */
function toScope(raw: string | null | undefined): MidazBalanceScope {
  if (raw === undefined || raw === null || raw === '' || raw === 'transactional') return 'TRANSACTIONAL';
  return raw === 'internal' ? 'INTERNAL' : 'UNKNOWN';
}

/**
 * One balance with each part of its money. Amounts are canonical decimals in major units.
 *
 * - `overdraftUsed`: as sent, "0" when absent (before v3.7; Midaz's column default).
 * - `positionAvailable`: Midaz's `position.available` when sent (v3.7+), else `available - overdraftUsed`, the rule
 *   Midaz computes it by (LerianStudio/midaz pkg/mmodel/balance_position.go, computePosition).
 * - `signedAmount`: what the balance adds to the account's money: `positionAvailable`, negated for a "debit" balance
 *   (pkg/mtransaction/validations.go OperateBalances: on a debit balance a DEBIT raises `available`, so what it holds is
 *   owed). Null for an "internal" balance (the overdraft companion created by components/ledger/internal/services/
 *   command/update_balance_overdraft.go holds the same debt as the default balance's `overdraftUsed`), and for a
 *   direction or scope this gateway does not know (its sign, or whether it repeats another, cannot be known).
 */
export function toMidazBalance(wire: WireBalance): MidazBalance {
  const available = canonicalDecimal(wire.available);
  const overdraftUsed = canonicalDecimal(wire.overdraftUsed ?? '0');
  const positionAvailable = canonicalDecimal(wire.position?.available ?? sumDecimals([available, negateDecimal(overdraftUsed)]));
  const direction = toDirection(wire.direction);
  const scope = toScope(wire.settings?.balanceScope);
  const counted = scope === 'TRANSACTIONAL' && direction !== 'UNKNOWN';
  const settings = wire.settings;
  return {
    key: blankToNull(wire.key) ?? DEFAULT_BALANCE_KEY,
    asset: { code: wire.assetCode },
    available,
    onHold: canonicalDecimal(wire.onHold),
    overdraftUsed,
    positionAvailable,
    direction,
    directionRaw: wire.direction ?? null,
    scope,
    scopeRaw: settings?.balanceScope ?? null,
    signedAmount: counted ? (direction === 'DEBIT' ? negateDecimal(positionAvailable) : positionAvailable) : null,
    overdraft: settings
      ? {
          allowed: settings.allowOverdraft ?? null,
          limitEnabled: settings.overdraftLimitEnabled ?? null,
          limit: settings.overdraftLimit ? canonicalDecimal(settings.overdraftLimit) : null,
          limitAvailable: wire.position?.overdraftLimitAvailable ? canonicalDecimal(wire.position.overdraftLimitAvailable) : null,
        }
      : null,
    allowSending: wire.allowSending ?? true,
    allowReceiving: wire.allowReceiving ?? true,
  };
}

export const toMidazBalances = (items: readonly WireBalance[]): MidazBalance[] => items.map(toMidazBalance);

/**
 * The Account.balances view of an account's balances: one entry per balance key (never summed), each with its
 * `signedAmount`, the account's true signed position in that balance (an account overdrawn by 150.50 reads -150.5).
 * INTERNAL balances are left out as the debt they mirror is already counted; a balance of UNKNOWN direction or
 * scope is left out and counted in `omitted` (added to the entries the wire could not read), so the response says
 * the list is partial.
 */
export function toBalances(balances: Entries<MidazBalance>): Entries<Balance> {
  const entries: Balance[] = [];
  let omitted = balances.omitted;
  for (const balance of balances.entries) {
    if (balance.scope === 'INTERNAL') continue;
    if (balance.signedAmount === null || balance.signedAmount === undefined) {
      omitted += 1;
      continue;
    }
    entries.push({ asset: balance.asset, amount: balance.signedAmount, onHold: balance.onHold });
  }
  return { entries, omitted };
}

/** The query keys of `GET …/accounts` for a filter: snake_case names, metadata as `metadata.<key>` (as Midaz's code reads them). */
export function toListQuery(filter: ListFilter): Record<string, string> {
  const query: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined) query[key] = value;
  };
  put('type', filter.type);
  put('asset_code', filter.assetCode);
  put('status', filter.statusCode);
  put('portfolio_id', filter.portfolioId);
  put('segment_id', filter.segmentId);
  put('entity_id', filter.entityId);
  put('parent_account_id', filter.parentAccountId);
  put('blocked', filter.blocked === undefined ? undefined : String(filter.blocked));
  put('name', filter.namePrefix);
  put('alias', filter.aliasPrefix);
  put('start_date', filter.createdFrom);
  put('end_date', filter.createdTo);
  if (filter.metadata) query[`metadata.${filter.metadata[0]}`] = filter.metadata[1];
  return query;
}

/** The POST body: exactly the fields given (Midaz refuses any other). */
export function toCreateBody(input: CreateAccount): WireCreateAccountBody {
  const { organizationId: _organizationId, ledgerId: _ledgerId, ...body } = input;
  return body;
}

/** The PATCH body: the mutable fields given; removed metadata keys are sent as null. */
export const toUpdateBody = (input: UpdateAccount): WireUpdateAccountBody => ({ ...input });

export type MutationKind = 'create' | 'update' | 'delete';

/** Where each Midaz body field sits in the create input (validation errors name fields by their JSON names). */
const CREATE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  alias: ['input', 'alias'],
  assetCode: ['input', 'assetCode'],
  type: ['input', 'type'],
  name: ['input', 'name'],
  parentAccountId: ['input', 'parentAccountId'],
  portfolioId: ['input', 'portfolioId'],
  segmentId: ['input', 'segmentId'],
  entityId: ['input', 'entityId'],
  blocked: ['input', 'blocked'],
  status: ['input', 'status'],
  code: ['input', 'status', 'code'],
  description: ['input', 'status', 'description'],
  metadata: ['input', 'metadata'],
};
const UPDATE_FIELDS = new Set(['name', 'portfolioId', 'segmentId', 'entityId', 'blocked', 'status', 'code', 'description', 'metadata']);

/** Midaz codes that name what they are about, whatever their status. */
const CODE_ERRORS: Readonly<Record<string, { code: UserErrorCode; field: (kind: MutationKind) => string[]; message: string }>> = {
  '0012': { code: 'NON_ZERO_BALANCE', field: () => ['id'], message: 'The account still holds a balance: move it out before deleting the account.' },
  '0074': { code: 'NOT_ALLOWED', field: () => ['id'], message: 'Midaz does not allow external accounts to be changed or deleted.' },
  '0052': { code: 'NOT_FOUND', field: () => ['id'], message: 'No Midaz account has this id.' },
  '0029': { code: 'INVALID', field: () => ['input', 'parentAccountId'], message: 'The parent account does not exist in this ledger.' },
  '0030': { code: 'INVALID', field: () => ['input', 'parentAccountId'], message: 'The parent account holds a different asset.' },
  '0034': { code: 'NOT_FOUND', field: () => ['input', 'assetCode'], message: 'The ledger has no asset with this code.' },
  '0035': { code: 'NOT_FOUND', field: () => ['input', 'portfolioId'], message: 'No portfolio has this id.' },
  '0036': { code: 'NOT_FOUND', field: () => ['input', 'segmentId'], message: 'No segment has this id.' },
  '0037': { code: 'NOT_FOUND', field: () => ['input', 'ledgerId'], message: 'No ledger has this id.' },
  '0038': { code: 'NOT_FOUND', field: () => ['input', 'organizationId'], message: 'No organization has this id.' },
  '0007': { code: 'NOT_FOUND', field: (kind) => (kind === 'create' ? ['input'] : ['id']), message: 'Midaz found nothing with the ids given.' },
};

/** The path of a Midaz body field in this mutation's input; `metadata[key]` and unknown names fall back sensibly. */
function inputPath(kind: MutationKind, name: string): string[] {
  const base = name.startsWith('metadata') ? 'metadata' : name;
  if (kind === 'delete') return ['id'];
  if (kind === 'update' && !UPDATE_FIELDS.has(base)) return ['input'];
  return [...((Object.hasOwn(CREATE_FIELDS, base) ? CREATE_FIELDS[base] : undefined) ?? ['input'])];
}

/**
 * The input field a Midaz `fields` key names, in the gateway's own words: a known field's name (its last path
 * segment), never the upstream text; an unknown key reads as "the input".
 */
function fieldLabel(kind: MutationKind, name: string): string {
  const path = inputPath(kind, name);
  return path.length > 1 ? path.slice(1).join('.') : 'the input';
}

const STATUS_CODES: Readonly<Record<number, UserErrorCode>> = { 400: 'INVALID', 404: 'NOT_FOUND', 409: 'CONFLICT', 422: 'INVALID' };

/**
 * A refused change as userErrors, in the gateway's own words: by Midaz's code where it names the problem,
 * by its `fields` on a validation error, else by status. `alias` is the alias the caller sent, if any.
 */
export function toUserErrors(kind: MutationKind, status: number, body: unknown, alias?: string): UserError[] {
  const parsed = wireErrorSchema.safeParse(body);
  const wire = parsed.success ? parsed.data : undefined;
  const byCode = wire ? CODE_ERRORS[wire.code] : undefined;
  if (wire?.code === '0020') {
    const shown = alias ? `The alias "${alias}" is already in use in this ledger.` : 'The alias is already in use in this ledger.';
    return [{ code: 'CONFLICT', field: ['input', 'alias'], message: shown }];
  }
  if (byCode) return [{ code: byCode.code, field: byCode.field(kind), message: byCode.message }];
  const fields = Object.keys(wire?.fields ?? {});
  const code = STATUS_CODES[status] ?? 'INVALID';
  if (fields.length > 0) {
    return fields.map((name) => ({ code, field: inputPath(kind, name), message: `Midaz refused the value of ${fieldLabel(kind, name)}.` }));
  }
  const field = kind === 'delete' || (status === 404 && kind === 'update') ? ['id'] : ['input'];
  const messages: Readonly<Record<UserErrorCode, string>> = {
    INVALID: 'Midaz refused the input.',
    NOT_FOUND: kind === 'create' ? 'Midaz found nothing with the ids given.' : 'No Midaz account has this id.',
    CONFLICT: 'The change clashes with something that exists in Midaz.',
    NON_ZERO_BALANCE: 'The account still holds a balance.',
    NOT_ALLOWED: 'Midaz does not allow this change.',
  };
  return [{ code, field, message: messages[code] }];
}
