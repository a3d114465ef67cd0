// Stellar account activity: Horizon's payments stream of an account (`GET /accounts/{account_id}/payments`), newest
// first, each record read from the account's side. It is the one Horizon list that holds every movement of money of an
// account: payments, path payments (both kinds), account creation and merges (operations.go `OnlyPayments`). The
// merge record carries no amount: its effects do (`account_debited` / `account_credited`), one more call per merge.
import { ErrorCode, GatewayError } from '../../errors.js';
import type { Asset } from '../../generated/resolvers-types.js';
import { canonicalDecimal, negateDecimal } from '../../decimal.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import {
  activityId,
  type ActivityFeature,
  type ActivityModel,
  type ActivityPage,
  type ActivityRequest,
  type PagedEntry,
} from '../../activity/types.js';
import { readEach } from '../shared/entries.js';
import { fetchAnswer } from '../shared/fetched.js';
import { HORIZON_MAX_PAGE } from './lists.js';
import { horizonEffect, horizonPaymentRecord, horizonRecordPage, type HorizonPaymentRecord } from './activityWire.js';

export const PAYMENTS_ROUTE = 'GET /accounts/{account_id}/payments';
const OPERATION_ROUTE = 'GET /operations/{id}';
const EFFECTS_ROUTE = 'GET /operations/{id}/effects';
/** Reads of further pages when a whole page held no movement of the account (records it only paid the fee of). */
const MAX_EXTRA_READS = 3;

const XLM: Asset = { code: 'XLM', issuer: null, network: null };

/** The Horizon query of one page: newest first, one record more than asked (to know whether more follow), no failed transactions, with each record's transaction (its memo). */
export function paymentsQuery(size: number, cursor: string | undefined): Record<string, string> {
  return {
    order: 'desc',
    limit: String(Math.min(size + 1, HORIZON_MAX_PAGE)),
    include_failed: 'false',
    join: 'transactions',
    ...(cursor === undefined ? {} : { cursor }),
  };
}

/** Certain when Horizon sent more than asked; with a full page of 200, only a shorter page is known to be the last. */
const hasMoreRecords = (received: number, size: number): boolean => received > size || (size >= HORIZON_MAX_PAGE && received === HORIZON_MAX_PAGE);

function assetOf(type: string | null | undefined, code: string | null | undefined, issuer: string | null | undefined): Asset {
  return type === 'native' ? XLM : { code: code ?? '', issuer: issuer ?? null, network: null };
}

/** The fields every Stellar activity type has, from the record's operation and transaction. */
function common(accountId: string, record: HorizonPaymentRecord) {
  const memoType = record.transaction?.memo_type ?? null;
  const memo = memoType === 'none' ? null : (record.transaction?.memo ?? null);
  return {
    id: activityId('stellar', accountId, record.id),
    accountId: `stellar:${accountId}`,
    occurredAt: record.created_at,
    description: memo === '' ? null : memo,
    operationId: record.id,
    pagingToken: record.paging_token,
    transactionHash: record.transaction_hash.toLowerCase(),
    // Only successful transactions are asked for; servers before 0.18 do not say, and before 0.17 kept no failed ones.
    transactionSuccessful: record.transaction_successful ?? record.transaction?.successful ?? true,
    sourceAccount: record.source_account ?? null,
    memoType: memoType === 'none' ? null : memoType,
  };
}

const signed = (amount: string, credit: boolean) => ({
  direction: credit ? ('CREDIT' as const) : ('DEBIT' as const),
  amount: credit ? canonicalDecimal(amount) : negateDecimal(amount),
});

/** What a merge moved, for the account's side: read from the operation's effects (undefined when they do not say). */
type MergeAmounts = (record: HorizonPaymentRecord, side: 'debited' | 'credited', account: string) => Promise<string | undefined>;

/**
 * A record of the payments stream from the account's side; undefined when it moves none of the account's money (the
 * account only paid the transaction's fee, or sourced the operation for someone else) or a merge's effects name no amount.
 */
export async function toActivity(accountId: string, record: HorizonPaymentRecord, mergeAmount: MergeAmounts): Promise<ActivityModel | undefined> {
  const base = common(accountId, record);
  switch (record.type) {
    case 'payment': {
      const credit = record.to === accountId;
      if (!credit && record.from !== accountId) return undefined;
      return {
        __typename: 'StellarPayment',
        ...base,
        ...signed(record.amount!, credit),
        asset: assetOf(record.asset_type, record.asset_code, record.asset_issuer),
        counterparty: credit ? record.from! : record.to!,
        from: record.from!,
        to: record.to!,
        fromMuxed: record.from_muxed ?? null,
        toMuxed: record.to_muxed ?? null,
      };
    }
    case 'path_payment':
    case 'path_payment_strict_receive':
    case 'path_payment_strict_send': {
      const credit = record.to === accountId;
      if (!credit && record.from !== accountId) return undefined;
      const strictSend = record.type === 'path_payment_strict_send';
      const destinationAsset = assetOf(record.asset_type, record.asset_code, record.asset_issuer);
      const sourceAsset = assetOf(record.source_asset_type, record.source_asset_code, record.source_asset_issuer);
      return {
        __typename: 'StellarPathPayment',
        ...base,
        ...signed(credit ? record.amount! : record.source_amount!, credit),
        asset: credit ? destinationAsset : sourceAsset,
        counterparty: credit ? record.from! : record.to!,
        kind: strictSend ? 'STRICT_SEND' : 'STRICT_RECEIVE',
        operationType: record.type,
        from: record.from!,
        to: record.to!,
        fromMuxed: record.from_muxed ?? null,
        toMuxed: record.to_muxed ?? null,
        sourceAmount: canonicalDecimal(record.source_amount!),
        sourceAsset,
        destinationAmount: canonicalDecimal(record.amount!),
        destinationAsset,
        sourceMax: !strictSend && record.source_max ? canonicalDecimal(record.source_max) : null,
        destinationMin: strictSend && record.destination_min ? canonicalDecimal(record.destination_min) : null,
        path: (record.path ?? []).map((asset) => assetOf(asset.asset_type, asset.asset_code, asset.asset_issuer)),
      };
    }
    case 'create_account': {
      const credit = record.account === accountId;
      if (!credit && record.funder !== accountId) return undefined;
      return {
        __typename: 'StellarAccountCreation',
        ...base,
        ...signed(record.starting_balance!, credit),
        asset: XLM,
        counterparty: credit ? record.funder! : record.account!,
        funder: record.funder!,
        createdAccount: record.account!,
        startingBalance: canonicalDecimal(record.starting_balance!),
      };
    }
    case 'account_merge': {
      const credit = record.into === accountId;
      if (!credit && record.account !== accountId) return undefined;
      const amount = await mergeAmount(record, credit ? 'credited' : 'debited', accountId);
      if (amount === undefined) return undefined;
      return {
        __typename: 'StellarAccountMerge',
        ...base,
        ...signed(amount, credit),
        asset: XLM,
        counterparty: credit ? record.account! : record.into!,
        mergedAccount: record.account!,
        into: record.into!,
        intoMuxed: record.into_muxed ?? null,
      };
    }
    default:
      return undefined;
  }
}

/** The XLM a merge debited from or credited to the account, from `GET /operations/{id}/effects`. */
export function mergeAmounts(client: ProviderClient): MergeAmounts {
  return async (record, side, account) => {
    const answer = await fetchAnswer(client, ['operations', record.id, 'effects'], { query: { limit: String(HORIZON_MAX_PAGE), order: 'asc' } });
    const records = answer.body == null ? [] : (readWire(client, horizonRecordPage, answer.body, EFFECTS_ROUTE)._embedded.records ?? []);
    const effects = readEach(client, horizonEffect, records, EFFECTS_ROUTE, '_embedded.records');
    const found = effects.find(
      (effect) =>
        effect.ok &&
        effect.value.type === `account_${side}` &&
        effect.value.account === account &&
        (effect.value.asset_type ?? 'native') === 'native',
    );
    return found?.ok ? (found.value.amount ?? undefined) : undefined;
  };
}

/** Compares int64 paging tokens exactly (as BigInt); tokens that are not integers compare as text. */
function olderThan(token: string, cursor: string): boolean {
  return /^\d{1,19}$/.test(token) && /^\d{1,19}$/.test(cursor) ? BigInt(token) < BigInt(cursor) : token < cursor;
}

/** One read of the payments stream: the account's movements among `size` records after `cursor`, and where it ended. */
async function readRecords(client: ProviderClient, accountId: string, size: number, cursor: string | undefined) {
  const answer = await fetchAnswer(client, ['accounts', accountId, 'payments'], { query: paymentsQuery(size, cursor) });
  // A 204 or `records: null` is an empty page; a body without `_embedded.records` is not a page (refused).
  const records = answer.body == null ? [] : (readWire(client, horizonRecordPage, answer.body, PAYMENTS_ROUTE)._embedded.records ?? []);
  const page = records.slice(0, size);
  const read = readEach(client, horizonPaymentRecord, page, PAYMENTS_ROUTE, '_embedded.records');
  const merges = mergeAmounts(client);
  const entries: PagedEntry[] = [];
  let omitted = 0;
  let last: string | undefined;
  const mapped = await Promise.all(
    read.map(async (item) => {
      if (!item.ok) return { omitted: true as const, token: tokenOf(item.raw) };
      const entry = await toActivity(accountId, item.value, merges);
      // A merge whose effects name no amount cannot be told exactly: left out, with an error.
      const unreadableMerge = !entry && item.value.type === 'account_merge' && (item.value.into === accountId || item.value.account === accountId);
      return { entry, omitted: unreadableMerge, token: item.value.paging_token };
    }),
  );
  for (const item of mapped) {
    if (item.token !== undefined && cursor !== undefined && !olderThan(item.token, cursor)) {
      // A server ignoring the cursor would page forever.
      throw client.error(ErrorCode.UpstreamError, 'Stellar answered with movements from before the cursor.');
    }
    if (item.token !== undefined) last = item.token;
    if (item.omitted) omitted += 1;
    else if ('entry' in item && item.entry) entries.push({ entry: item.entry, position: item.token });
  }
  return { entries, omitted, more: hasMoreRecords(records.length, size), last };
}

function tokenOf(raw: unknown): string | undefined {
  const token = raw !== null && typeof raw === 'object' ? (raw as { paging_token?: unknown }).paging_token : undefined;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** One page of the account's movements, newest first: one Horizon call (plus one per merge on the page). */
export async function stellarActivityPage(client: ProviderClient, accountId: string, request: ActivityRequest): Promise<ActivityPage> {
  let cursor = request.after;
  let result = await readRecords(client, accountId, request.size, cursor);
  // Records that move none of the account's money are skipped; a page of only those would end the paging early.
  for (let extra = 0; extra < MAX_EXTRA_READS && result.entries.length === 0 && result.omitted === 0 && result.more && result.last; extra++) {
    cursor = result.last;
    result = await readRecords(client, accountId, request.size, cursor);
  }
  return { entries: result.entries, hasMore: result.more, omitted: result.omitted };
}

/** One movement by its operation id (`node(id:)`): `GET /operations/{id}`, read from the account's side. */
export async function stellarActivityEntry(client: ProviderClient, accountId: string, operationId: string): Promise<ActivityModel> {
  const missing = () => new GatewayError(ErrorCode.NotFound, 'Stellar has no such movement on this account.', { provider: 'STELLAR' });
  if (!/^\d{1,19}$/.test(operationId)) throw missing();
  const answer = await fetchAnswer(client, ['operations', operationId], { query: { join: 'transactions' } }).catch((error: unknown) => {
    throw error instanceof GatewayError && error.code === ErrorCode.NotFound ? missing() : error;
  });
  let record: HorizonPaymentRecord;
  try {
    record = readWire(client, horizonPaymentRecord, answer.body, OPERATION_ROUTE);
  } catch (error) {
    // An operation that moves no money (a trustline change, an offer) is no movement.
    const type = answer.body !== null && typeof answer.body === 'object' ? (answer.body as { type?: unknown }).type : undefined;
    if (
      error instanceof GatewayError &&
      typeof type === 'string' &&
      !['payment', 'create_account', 'account_merge'].includes(type) &&
      !type.startsWith('path_payment')
    )
      throw missing();
    throw error;
  }
  const entry = await toActivity(accountId, record, mergeAmounts(client));
  if (!entry) throw missing();
  return entry;
}

export const stellarActivity: ActivityFeature = { page: stellarActivityPage, entry: stellarActivityEntry };
