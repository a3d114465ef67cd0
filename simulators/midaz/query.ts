// How the Midaz simulator reads and applies `GET …/accounts` query keys, matched by substring in Midaz's order.
import type { SimResponse } from '../shared/server.js';
import { MAX_LIMIT, midazErrors } from './errors.js';
import type { MidazAccountBody } from './fixtures.js';
import { UUID } from './inputs.js';

const DEFAULT_LIMIT = 10;
const STATUSES = new Set(['ACTIVE', 'INACTIVE', 'BLOCKED']);
const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, '1': true, false: false, '0': false };

export interface AccountQuery {
  limit: number;
  page: number;
  descending: boolean;
  /** Inclusive bounds in ms; both or neither. */
  created?: [number, number];
  /** The one metadata condition Midaz v3 keeps: the last `metadata.<key>` read (Go leaves the choice to map order). */
  metadata?: [string, string];
  portfolioId?: string;
  /** Upper-cased, as `ValidateParameters` does for any key containing "type". */
  type?: string;
  segmentId?: string;
  status?: string;
  assetCode?: string;
  entityId?: string;
  blocked?: boolean;
  parentAccountId?: string;
  name?: string;
  alias?: string;
}

/** `limit` as the ledger reads it: default 10, 1..100, anything else refused. */
export function readLimit(query: URLSearchParams, key = 'limit'): number | SimResponse {
  const raw = query.get(key);
  if (raw === null) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) return midazErrors.invalidQuery('limit');
  return Number(raw) > MAX_LIMIT ? midazErrors.limitExceeded() : Number(raw);
}

type TextFilter = 'portfolioId' | 'type' | 'segmentId' | 'status' | 'assetCode' | 'entityId' | 'parentAccountId' | 'name' | 'alias';
type Raw = { [K in TextFilter]?: string } & {
  limit?: string;
  page?: string;
  blocked?: string;
  metadataKey?: string;
  metadata?: string;
  startDate?: string;
  endDate?: string;
  sortOrder?: string;
};

/**
 * Sorts every key into its parameter the way Midaz's `ValidateParameters` does: the first rule whose text the key
 * *contains* wins (so `metadata.type` is metadata, and `account_type` sets the type); the account filters follow.
 */
function classify(query: URLSearchParams): Raw {
  const raw: Raw = {};
  for (const [key, value] of query) {
    if (key.includes('metadata.')) {
      raw.metadataKey = key.slice(key.indexOf('metadata.') + 'metadata.'.length);
      raw.metadata = value;
    } else if (key.includes('limit')) raw.limit = value;
    else if (key.includes('page')) raw.page = value;
    else if (key.includes('cursor')) continue;
    else if (key.includes('sort_order')) raw.sortOrder = value.toLowerCase();
    else if (key.includes('start_date')) raw.startDate = value;
    else if (key.includes('end_date')) raw.endDate = value;
    else if (key.includes('portfolio_id')) raw.portfolioId = value;
    else if (key.toLowerCase().includes('type')) raw.type = value.toUpperCase();
    else if (key.includes('to'))
      continue; // transfer asset codes: no meaning for accounts
    else if (key === 'segment_id') raw.segmentId = value;
    else if (key === 'status') raw.status = value;
    else if (key === 'asset_code') raw.assetCode = value;
    else if (key === 'entity_id') raw.entityId = value;
    else if (key === 'blocked') raw.blocked = value;
    else if (key === 'parent_account_id') raw.parentAccountId = value;
    else if (key === 'name') raw.name = value;
    else if (key === 'alias') raw.alias = value;
  }
  return raw;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

/**
 * A `start_date`/`end_date` as Midaz reads it: `yyyy-mm-dd` or `yyyy-mm-dd hh:mm:ss` (UTC), a real calendar day and
 * time; a bare day bounds the whole day (from its first millisecond, or to its last). Undefined when unreadable.
 */
export function dateBound(text: string, endOfDay: boolean): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as [
    number,
    number,
    number,
    number?,
    number?,
    number?,
  ];
  if (hour !== undefined && (hour > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59)) return undefined;
  const [h, m, s, ms] = hour === undefined ? (endOfDay ? [23, 59, 59, 999] : [0, 0, 0, 0]) : [hour, minute ?? 0, second ?? 0, 0];
  const instant = Date.UTC(year, month - 1, day, h, m, s, ms);
  const check = new Date(instant);
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? instant : undefined;
}

function readDates(raw: Raw): [number, number] | SimResponse | undefined {
  if (raw.startDate === undefined && raw.endDate === undefined) return undefined;
  const start = raw.startDate === undefined ? undefined : dateBound(raw.startDate, false);
  const end = raw.endDate === undefined ? undefined : dateBound(raw.endDate, true);
  if ((raw.startDate !== undefined && start === undefined) || (raw.endDate !== undefined && end === undefined)) return midazErrors.invalidDatetime();
  if (start === undefined || end === undefined) return midazErrors.invalidDateRange();
  return start > end ? midazErrors.invalidFinalDate() : [start, end];
}

export type QueryCheck = { ok: true; query: AccountQuery } | { ok: false; response: SimResponse };

/** The query, or Midaz's 400 for the first parameter it refuses. */
export function readAccountQuery(query: URLSearchParams): QueryCheck {
  const read = readQueryOrError(query);
  return 'limit' in read ? { ok: true, query: read } : { ok: false, response: read };
}

function readQueryOrError(query: URLSearchParams): AccountQuery | SimResponse {
  const raw = classify(query);
  const limit = raw.limit === undefined ? DEFAULT_LIMIT : readLimit(new URLSearchParams({ limit: raw.limit }));
  if (typeof limit !== 'number') return limit;
  if (raw.page !== undefined && (!/^\d+$/.test(raw.page) || Number(raw.page) < 1)) return midazErrors.invalidQuery('page');
  if (raw.sortOrder !== undefined && raw.sortOrder !== 'asc' && raw.sortOrder !== 'desc') return midazErrors.invalidSortOrder();
  const created = readDates(raw);
  if (created && !Array.isArray(created)) return created;
  for (const name of ['portfolioId', 'segmentId', 'parentAccountId'] as const) {
    const value = raw[name];
    if (value !== undefined && !UUID.test(value)) return midazErrors.invalidQuery(name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  }
  if (raw.status !== undefined && !STATUSES.has(raw.status.toUpperCase())) return midazErrors.invalidQuery('status');
  if (raw.blocked !== undefined && !(raw.blocked.toLowerCase() in BOOLEANS)) return midazErrors.invalidQuery('blocked');
  if ((raw.name?.length ?? 0) > 256) return midazErrors.invalidQuery('name');
  if ((raw.alias?.length ?? 0) > 256) return midazErrors.invalidQuery('alias');
  const { metadataKey, metadata, startDate: _s, endDate: _e, sortOrder, limit: _l, page, blocked, ...filters } = raw;
  return {
    ...filters,
    limit,
    page: page === undefined ? 1 : Number(page),
    descending: sortOrder === 'desc',
    ...(created ? { created } : {}),
    ...(metadataKey !== undefined && metadata !== undefined ? { metadata: [metadataKey, metadata] as [string, string] } : {}),
    ...(blocked !== undefined ? { blocked: BOOLEANS[blocked.toLowerCase()] ?? false } : {}),
  };
}

const startsWith = (value: string | null | undefined, prefix: string) => (value ?? '').toLowerCase().startsWith(prefix.toLowerCase());
const sameId = (value: string | null | undefined, id: string) => (value ?? '').toLowerCase() === id.toLowerCase();

/** Whether an account passes every filter of the query (metadata: the exact stored text, as a Mongo equality would). */
export function matches(account: MidazAccountBody, query: AccountQuery): boolean {
  const created = Date.parse(account.createdAt);
  const checks: boolean[] = [
    query.type === undefined || account.type.toUpperCase() === query.type,
    query.assetCode === undefined || account.assetCode === query.assetCode.toUpperCase(),
    query.status === undefined || account.status.code.toUpperCase() === query.status.toUpperCase(),
    query.portfolioId === undefined || sameId(account.portfolioId, query.portfolioId),
    query.segmentId === undefined || sameId(account.segmentId, query.segmentId),
    query.parentAccountId === undefined || sameId(account.parentAccountId, query.parentAccountId),
    query.entityId === undefined || account.entityId === query.entityId,
    query.blocked === undefined || (account.blocked ?? false) === query.blocked,
    query.name === undefined || startsWith(account.name, query.name),
    query.alias === undefined || startsWith(account.alias, query.alias),
    query.metadata === undefined || account.metadata?.[query.metadata[0]] === query.metadata[1],
    query.created === undefined || (created >= query.created[0] && created <= query.created[1]),
  ];
  return checks.every(Boolean);
}
