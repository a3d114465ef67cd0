// The simulated network's history: operations of the payments stream as Horizon (v22+) writes them, from its Go structs
// (protocols/horizon/operations `Base`, `Payment`, `PathPayment`, `PathPaymentStrictSend`, `CreateAccount`,
// `AccountMerge`; effects `AccountCredited`/`AccountDebited`; horizon `Transaction`), with `_links` left to the server.
// Ids are TOIDs (ledger << 32 | transaction << 12 | operation), as Horizon's, so paging tokens order like Horizon's.
import { createHash } from 'node:crypto';
import { ISSUER_ACCOUNT_ID, LIQUIDITY_PROVIDER_ACCOUNT_ID, NEW_ACCOUNT_ID, SEED_ACCOUNT_ID, TRADER_ACCOUNT_ID, USDC_ISSUER } from './fixtures.js';
import { encodeAccountId } from './strkey.js';

/** An account merged into the trader: gone from the ledger, still in the history. */
export const MERGED_ACCOUNT_ID = encodeAccountId(new Uint8Array(createHash('sha256').update('stellar-fixture:merged').digest()));

export interface AssetFields {
  asset_type: 'native' | 'credit_alphanum4' | 'credit_alphanum12';
  asset_code?: string;
  asset_issuer?: string;
}

/** The transaction a record carries with `join=transactions` (a subset of Horizon's: no XDR). */
export interface HorizonTransaction {
  id: string;
  paging_token: string;
  successful: boolean;
  hash: string;
  ledger: number;
  created_at: string;
  source_account: string;
  source_account_sequence: string;
  fee_account: string;
  fee_charged: string;
  max_fee: string;
  operation_count: number;
  memo_type: 'none' | 'text' | 'id' | 'hash' | 'return';
  memo?: string;
  signatures: string[];
}

/** One record of `/accounts/{id}/payments` without `_links` and `transaction`. */
export type HorizonOperation = {
  id: string;
  paging_token: string;
  transaction_successful: boolean;
  source_account: string;
  type: 'payment' | 'path_payment_strict_receive' | 'path_payment_strict_send' | 'create_account' | 'account_merge';
  type_i: number;
  created_at: string;
  transaction_hash: string;
} & Record<string, unknown>;

export interface HorizonEffect {
  id: string;
  paging_token: string;
  account: string;
  type: 'account_credited' | 'account_debited' | 'account_removed';
  type_i: number;
  created_at: string;
  asset_type?: 'native';
  amount?: string;
}

/** An operation as the simulator keeps it: the record, its transaction, its effects, and whose history it is in. */
export interface StoredOperation {
  record: HorizonOperation;
  transaction: HorizonTransaction;
  effects: HorizonEffect[];
  participants: string[];
}

const XLM: AssetFields = { asset_type: 'native' };
export const USDC: AssetFields = { asset_type: 'credit_alphanum4', asset_code: 'USDC', asset_issuer: USDC_ISSUER };
const GOLDBAR: AssetFields = { asset_type: 'credit_alphanum12', asset_code: 'GOLDBAR', asset_issuer: ISSUER_ACCOUNT_ID };

/** Horizon's TOID of an operation: ledger sequence, transaction order in the ledger, operation order in the transaction. */
export const toid = (ledger: number, tx: number, op: number): string => ((BigInt(ledger) << 32n) | (BigInt(tx) << 12n) | BigInt(op)).toString();

const hashOf = (label: string): string => createHash('sha256').update(`stellar-tx:${label}`).digest('hex');

/** A ledger's close time: 5 seconds per ledger from a fixed origin, in Horizon's format (seconds, `Z`). */
const FIRST_LEDGER = 50_000_000;
const ORIGIN = Date.parse('2024-05-01T00:00:00Z');
const closeTime = (ledger: number): string => new Date(ORIGIN + (ledger - FIRST_LEDGER) * 5_000).toISOString().replace('.000Z', 'Z');

/** What one operation is, before ids and times are given. */
export type Movement =
  | { kind: 'payment'; from: string; to: string; amount: string; asset: AssetFields }
  | {
      kind: 'path_payment_strict_receive' | 'path_payment_strict_send';
      from: string;
      to: string;
      sourceAmount: string;
      sourceAsset: AssetFields;
      amount: string;
      asset: AssetFields;
      limit: string;
      path: AssetFields[];
    }
  | { kind: 'create_account'; funder: string; account: string; startingBalance: string }
  | { kind: 'account_merge'; account: string; into: string; amount: string };

const TYPE_I = { create_account: 0, payment: 1, path_payment_strict_receive: 2, account_merge: 8, path_payment_strict_send: 13 } as const;

const prefixed = (prefix: string, asset: AssetFields): Record<string, string> =>
  Object.fromEntries(Object.entries(asset).map(([key, value]) => [`${prefix}${key}`, value as string]));

/** The stored operation for a movement in a ledger (one operation per transaction). */
export function operationOf(movement: Movement, ledger: number, tx: number, memo?: { type: 'text' | 'id' | 'hash'; value: string }): StoredOperation {
  const id = toid(ledger, tx, 1);
  const created_at = closeTime(ledger);
  const hash = hashOf(id);
  const source = movement.kind === 'create_account' ? movement.funder : movement.kind === 'account_merge' ? movement.account : movement.from;
  const base = {
    id,
    paging_token: id,
    transaction_successful: true,
    source_account: source,
    type: movement.kind,
    type_i: TYPE_I[movement.kind],
    created_at,
    transaction_hash: hash,
  };
  let fields: Record<string, unknown>;
  let participants: string[];
  const effects: HorizonEffect[] = [];
  switch (movement.kind) {
    case 'payment':
      fields = { ...movement.asset, from: movement.from, to: movement.to, amount: movement.amount };
      participants = [movement.from, movement.to];
      break;
    case 'path_payment_strict_receive':
    case 'path_payment_strict_send':
      fields = {
        ...movement.asset,
        from: movement.from,
        to: movement.to,
        amount: movement.amount,
        path: movement.path,
        source_amount: movement.sourceAmount,
        ...(movement.kind === 'path_payment_strict_receive' ? { source_max: movement.limit } : { destination_min: movement.limit }),
        ...prefixed('source_', movement.sourceAsset),
      };
      participants = [movement.from, movement.to];
      break;
    case 'create_account':
      fields = { starting_balance: movement.startingBalance, funder: movement.funder, account: movement.account };
      participants = [movement.funder, movement.account];
      break;
    case 'account_merge': {
      fields = { account: movement.account, into: movement.into };
      participants = [movement.account, movement.into];
      const effect = (order: number, account: string, type: HorizonEffect['type'], type_i: number, amount?: string): HorizonEffect => ({
        id: `${id.padStart(19, '0')}-${String(order).padStart(10, '0')}`,
        paging_token: `${id}-${order}`,
        account,
        type,
        type_i,
        created_at,
        ...(amount === undefined ? {} : { asset_type: 'native' as const, amount }),
      });
      effects.push(
        effect(1, movement.account, 'account_debited', 3, movement.amount),
        effect(2, movement.into, 'account_credited', 2, movement.amount),
        effect(3, movement.account, 'account_removed', 1),
      );
      break;
    }
  }
  const transaction: HorizonTransaction = {
    id: hash,
    paging_token: toid(ledger, tx, 0),
    successful: true,
    hash,
    ledger,
    created_at,
    source_account: source,
    source_account_sequence: String(BigInt(ledger) * 1000n + BigInt(tx)),
    fee_account: source,
    fee_charged: '100',
    max_fee: '100',
    operation_count: 1,
    memo_type: memo?.type ?? 'none',
    ...(memo ? { memo: memo.value } : {}),
    signatures: [Buffer.from(createHash('sha256').update(`sig:${hash}`).digest()).toString('base64')],
  };
  return { record: { ...base, ...fields }, transaction, effects, participants };
}

/**
 * The seeded history, oldest first: the trader's creation, payments both ways in XLM and issued assets, both kinds of
 * path payment, a merge into the trader, the smallest amount (one stroop) and the largest kinds of amount; then a run
 * of payments between the trader and the new account, so the trader's history spans several pages.
 */
export function seededHistory(): StoredOperation[] {
  const movements: Array<[Movement, { type: 'text' | 'id' | 'hash'; value: string }?]> = [
    [
      { kind: 'create_account', funder: SEED_ACCOUNT_ID, account: TRADER_ACCOUNT_ID, startingBalance: '100.0000000' },
      { type: 'text', value: 'welcome' },
    ],
    [
      { kind: 'payment', from: SEED_ACCOUNT_ID, to: TRADER_ACCOUNT_ID, amount: '250.5000000', asset: XLM },
      { type: 'text', value: 'rent share' },
    ],
    [
      { kind: 'payment', from: USDC_ISSUER, to: TRADER_ACCOUNT_ID, amount: '1000.0000001', asset: USDC },
      { type: 'id', value: '8675309' },
    ],
    [
      {
        kind: 'path_payment_strict_send',
        from: TRADER_ACCOUNT_ID,
        to: LIQUIDITY_PROVIDER_ACCOUNT_ID,
        sourceAmount: '10.1234567',
        sourceAsset: XLM,
        amount: '1.2345678',
        asset: USDC,
        limit: '1.2000000',
        path: [],
      },
    ],
    [
      {
        kind: 'path_payment_strict_receive',
        from: LIQUIDITY_PROVIDER_ACCOUNT_ID,
        to: TRADER_ACCOUNT_ID,
        sourceAmount: '3.3000000',
        sourceAsset: USDC,
        amount: '25.0000000',
        asset: XLM,
        limit: '3.5000000',
        path: [GOLDBAR],
      },
    ],
    [{ kind: 'account_merge', account: MERGED_ACCOUNT_ID, into: TRADER_ACCOUNT_ID, amount: '12.3456789' }],
    [
      { kind: 'payment', from: TRADER_ACCOUNT_ID, to: SEED_ACCOUNT_ID, amount: '0.0000001', asset: XLM },
      { type: 'text', value: 'one stroop' },
    ],
    [{ kind: 'create_account', funder: TRADER_ACCOUNT_ID, account: NEW_ACCOUNT_ID, startingBalance: '5.0000000' }],
    [{ kind: 'payment', from: ISSUER_ACCOUNT_ID, to: TRADER_ACCOUNT_ID, amount: '92233720368.5477580', asset: GOLDBAR }],
  ];
  for (let i = 1; i <= 16; i++) {
    const toTrader = i % 2 === 0;
    const amount = `${i}.${String(1234567 * i)
      .slice(-7)
      .padStart(7, '0')}`;
    movements.push([
      { kind: 'payment', from: toTrader ? NEW_ACCOUNT_ID : TRADER_ACCOUNT_ID, to: toTrader ? TRADER_ACCOUNT_ID : NEW_ACCOUNT_ID, amount, asset: XLM },
      { type: 'text', value: `invoice ${i}` },
    ]);
  }
  // One movement per ledger, twelve ledgers apart (a minute), so every entry has its own second.
  return movements.map(([movement, memo], index) => operationOf(movement, FIRST_LEDGER + index * 12, 1, memo));
}

/** The ledger after the newest one in the history (where a recorded payment goes). */
export const nextLedger = (history: readonly StoredOperation[]): number => Math.max(FIRST_LEDGER, ...history.map((op) => op.transaction.ledger)) + 1;

/** A payment recorded now (by the simulator route): its ledger's close time is the current time, to the second. */
export function recordedOperation(movement: Movement, ledger: number, memo?: { type: 'text'; value: string }): StoredOperation {
  const stored = operationOf(movement, ledger, 1, memo);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  stored.record.created_at = now;
  stored.transaction.created_at = now;
  return stored;
}
