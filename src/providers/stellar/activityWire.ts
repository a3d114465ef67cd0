// Horizon's payments stream (`GET /accounts/{account_id}/payments`) and an operation's effects, as every server version
// in use sends them, read under the tolerant-reading rule (src/upstream/wire.ts).
//
// Source of the shapes: stellar/go `protocols/horizon/operations/main.go` (Base, Payment, PathPayment,
// PathPaymentStrictSend, CreateAccount, AccountMerge), `protocols/horizon/effects/main.go` (Base, AccountCredited,
// AccountDebited), `protocols/horizon/main.go` (Transaction: memo_type, memo) and Horizon's CHANGELOG: `join=transactions`
// since 0.19, `transaction_successful` since 0.18 (failed transactions ingested from 0.17, shown only with
// `include_failed=true`), `path_payment` renamed `path_payment_strict_receive` in 0.25, `*_muxed` fields since 2.4,
// `invoke_host_function` records in the payments stream (`is_payment`) since 2.27.
//
// Required, per record: what identifies it (`id`, `paging_token`, `type`, `created_at`, `transaction_hash`) and, per
// type, who paid whom and how much. Everything else is optional and degrades to null.
import { z } from 'zod';
import { ASSET_CODE, horizonAmount } from './wire.js';

/** A Stellar address the gateway only passes on: not re-validated, so one odd key costs only itself. */
const address = z.string().min(1);
/** Operation ids and paging tokens: int64 as text. */
const int64Text = z.string().regex(/^\d{1,19}$/, 'not an int64 string');

/** The operation types of the payments stream the gateway reads as movements. */
export const MOVEMENT_TYPES = [
  'payment',
  'path_payment',
  'path_payment_strict_receive',
  'path_payment_strict_send',
  'create_account',
  'account_merge',
] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];
const isMovementType = (type: string): type is MovementType => (MOVEMENT_TYPES as readonly string[]).includes(type);

/** One asset of a path (`base.Asset`). */
export const horizonPathAsset = z.object({
  asset_type: z.string().min(1),
  asset_code: z.string().regex(ASSET_CODE, 'not an asset code').nullish(),
  asset_issuer: address.nullish(),
});

/**
 * One record of `GET /accounts/{id}/payments` (or `GET /operations/{id}`). Types outside MOVEMENT_TYPES (an
 * `invoke_host_function` with asset balance changes, a type a later protocol adds) are refused: the page leaves them
 * out with an error at the list's path, and paging goes on past them.
 */
export const horizonPaymentRecord = z
  .object({
    id: int64Text,
    paging_token: z.string().min(1),
    type: z.string().min(1),
    type_i: z.number().int().nullish(),
    created_at: z.iso.datetime({ offset: true }),
    transaction_hash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'not a transaction hash'),
    transaction_successful: z.boolean().nullish(),
    source_account: address.nullish(),
    /** With `join=transactions` (Horizon 0.19 on): the transaction, of which only the memo and success are read. */
    transaction: z
      .object({
        successful: z.boolean().nullish(),
        memo_type: z.string().nullish(),
        memo: z.string().nullish(),
      })
      .nullish(),
    // payment and path payments
    from: address.nullish(),
    to: address.nullish(),
    from_muxed: address.nullish(),
    to_muxed: address.nullish(),
    amount: horizonAmount.nullish(),
    asset_type: z.string().min(1).nullish(),
    asset_code: z.string().regex(ASSET_CODE, 'not an asset code').nullish(),
    asset_issuer: address.nullish(),
    source_asset_type: z.string().min(1).nullish(),
    source_asset_code: z.string().regex(ASSET_CODE, 'not an asset code').nullish(),
    source_asset_issuer: address.nullish(),
    source_amount: horizonAmount.nullish(),
    source_max: horizonAmount.nullish(),
    destination_min: horizonAmount.nullish(),
    path: z.array(horizonPathAsset).nullish(),
    // create_account
    funder: address.nullish(),
    account: address.nullish(),
    starting_balance: horizonAmount.nullish(),
    // account_merge
    into: address.nullish(),
    into_muxed: address.nullish(),
  })
  .superRefine((record, ctx) => {
    const need = (...fields: Array<keyof typeof record>) => {
      for (const field of fields) {
        if (record[field] == null || record[field] === '')
          ctx.addIssue({ code: 'custom', path: [field], message: `required for type ${record.type}` });
      }
    };
    const needAsset = (prefix: '' | 'source_') => {
      const type = record[`${prefix}asset_type`];
      need(`${prefix}asset_type`);
      if (type && type !== 'native') need(`${prefix}asset_code`, `${prefix}asset_issuer`);
    };
    if (!isMovementType(record.type)) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'not a movement the gateway reads' });
      return;
    }
    switch (record.type) {
      case 'payment':
        need('from', 'to', 'amount');
        return needAsset('');
      case 'path_payment':
      case 'path_payment_strict_receive':
      case 'path_payment_strict_send':
        need('from', 'to', 'amount', 'source_amount');
        needAsset('');
        return needAsset('source_');
      case 'create_account':
        return need('funder', 'account', 'starting_balance');
      case 'account_merge':
        return need('account', 'into');
    }
  });
export type HorizonPaymentRecord = z.infer<typeof horizonPaymentRecord>;

/** A page of the payments stream (HAL): `_embedded.records`, each read on its own. */
export const horizonRecordPage = z.object({
  _embedded: z.object({ records: z.array(z.unknown()).nullable() }),
});

/** One effect of `GET /operations/{id}/effects`: only the credited and debited effects of a merge are read. */
export const horizonEffect = z.object({
  type: z.string().min(1),
  account: address,
  amount: horizonAmount.nullish(),
  asset_type: z.string().nullish(),
});
export type HorizonEffect = z.infer<typeof horizonEffect>;
