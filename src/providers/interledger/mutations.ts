// Interledger account changes: create (POST, 201), update (read, merge, PUT) and delete (DELETE, 204).
import type {
  AccountDeletePayload,
  MutationInterledgerAccountCreateArgs,
  MutationInterledgerAccountDeleteArgs,
  MutationInterledgerAccountUpdateArgs,
  UserError,
} from '../../generated/resolvers-types.js';
import { ErrorCode, GatewayError } from '../../errors.js';
import { formatGlobalId } from '../../ids.js';
import type { ProviderClient, SentResponse } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { KeyedLock } from '../../keyedLock.js';
import { stampNow } from '../shared/fetched.js';
import type { ProviderCall } from '../shared/resolve.js';
import { accountRef, invalid, succeeded, type Checked } from '../shared/userErrors.js';
import { normaliseAccountId, parseNativeId } from './accountId.js';
import {
  AMOUNT_PATHS,
  checkAmounts,
  checkCreateInput,
  checkUpdateInput,
  thresholdBelowSettleTo,
  toBaseUnitChanges,
  type AmountField,
  type BaseUnitChanges,
  type SettingsChanges,
} from './inputs.js';
import { currentAmounts, rescaleBaseUnits, toCreateBody, toInterledgerAccount, toUpdateBody, toUserErrors, type CurrentAmounts } from './mapping.js';
import type { InterledgerAccountModel } from './model.js';
import { ACCOUNT_ROUTE } from './read.js';
import { accountWire, parseExactJson, type AccountWire } from './wire.js';

export interface AccountPayload {
  account: InterledgerAccountModel | null;
  userErrors: UserError[];
}

const refused = (userErrors: UserError[]): AccountPayload => ({ account: null, userErrors });

/** The normalised native id of a global `interledger:` id, or a userError on ["id"]; never calls upstream. */
const accountIdOf = (id: string): Checked<string> => accountRef({ provider: 'INTERLEDGER', parseNativeId }, id, 'interledger:<accountId>');

/**
 * The account the connector answered a change with, read under the tolerant rule and checked to be the one changed.
 * The change has happened by then, so a body the gateway cannot read is an error that says so, never a silent failure.
 */
function acceptedAccount(
  client: ProviderClient,
  nativeId: string,
  response: SentResponse,
  done: 'created' | 'changed',
  route: string,
): InterledgerAccountModel {
  let wire: AccountWire | undefined;
  try {
    wire = readWire(client, accountWire, response.body, route);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
  }
  if (!wire || normaliseAccountId(wire.accountId) !== nativeId) {
    throw client.error(
      ErrorCode.UpstreamError,
      `Interledger ${done} the account \`${nativeId}\` but answered with a body the gateway could not read; read the account again to see it.`,
      {
        cause: new Error(wire ? 'answered with another account id' : 'the answer was refused (see the log for its field paths)'),
      },
    );
  }
  return stampNow(toInterledgerAccount(nativeId, wire, response.body));
}

const settleError = (): UserError =>
  invalid(['input', 'balanceSettings', 'settleThreshold'], 'The settlement threshold must be at least the balance it settles to (settleTo).');

export async function createAccount(on: ProviderCall<'INTERLEDGER'>, { input }: MutationInterledgerAccountCreateArgs): Promise<AccountPayload> {
  const checked = checkCreateInput(input);
  if (!checked.ok) return refused(checked.errors);
  const { accountId, changes } = checked.value;
  const scaled = toBaseUnitChanges(changes, input.assetScale);
  if (thresholdBelowSettleTo(scaled.settleThreshold, scaled.settleTo ?? '0')) return refused([settleError()]);
  const { client } = on;
  const response = await client.send('POST', ['accounts'], { json: toCreateBody(accountId, scaled), parse: parseExactJson });
  if (succeeded(response.status)) return { account: acceptedAccount(client, accountId, response, 'created', 'POST /accounts'), userErrors: [] };
  if (response.status === 404) throw client.error(ErrorCode.UpstreamError, 'Interledger does not offer account creation at this address.');
  return refused(toUserErrors(response.status, response.body, accountId, ['input', 'accountId']));
}

/**
 * The connector's PUT replaces every mutable setting, so the account is read first and the input laid over it.
 * Amounts the input leaves out keep their value in major units when the asset scale changes; one that cannot
 * be written exactly at the new scale is refused on its field.
 */
export async function updateAccount(on: ProviderCall<'INTERLEDGER'>, { id, input }: MutationInterledgerAccountUpdateArgs): Promise<AccountPayload> {
  const ref = accountIdOf(id);
  const checked = checkUpdateInput(input);
  if (!ref.ok || !checked.ok) return refused([...(ref.ok ? [] : ref.errors), ...(checked.ok ? [] : checked.errors)]);
  // Read, merge, PUT: two updates of one account in this process take turns, so neither loses the other's change.
  return changes.run(ref.value, () => readMergeAndPut(on.client, ref.value, checked.value));
}

/** Updates of one account within this process, one at a time (see updateAccount). */
const changes = new KeyedLock();

async function readMergeAndPut(client: ProviderClient, nativeId: string, input: SettingsChanges): Promise<AccountPayload> {
  const checked = { value: input };

  const current = await readCurrent(client, nativeId);
  if (!current) return refused(toUserErrors(404, undefined, nativeId, ['id']));
  const wire = readWire(client, accountWire, current, ACCOUNT_ROUTE);
  const scale = checked.value.assetScale ?? wire.assetScale;
  const amountErrors = checkAmounts(checked.value, scale);
  if (amountErrors.length) return refused(amountErrors);
  const merged = mergeAmounts(toBaseUnitChanges(checked.value, scale), currentAmounts(wire, current), wire.assetScale, scale);
  if ('errors' in merged) return refused(merged.errors);
  if (thresholdBelowSettleTo(merged.settleThreshold, merged.settleTo)) return refused([settleError()]);

  const response = await client.send('PUT', ['accounts', nativeId], { json: toUpdateBody(nativeId, current, merged), parse: parseExactJson });
  if (succeeded(response.status))
    return { account: acceptedAccount(client, nativeId, response, 'changed', 'PUT /accounts/{accountId}'), userErrors: [] };
  return refused(toUserErrors(response.status, response.body, nativeId, ['id']));
}

/** The account as the connector holds it (raw, so settings the gateway does not model go back unchanged); undefined when missing. */
async function readCurrent(client: ProviderClient, nativeId: string): Promise<Record<string, unknown> | undefined> {
  try {
    const body = await client.get(['accounts', nativeId], { parse: parseExactJson, noCache: true });
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw client.error(ErrorCode.UpstreamError, 'Interledger sent a response the gateway could not read.');
    }
    return body as Record<string, unknown>;
  } catch (error) {
    if (error instanceof GatewayError && error.code === ErrorCode.NotFound) return undefined;
    throw error;
  }
}

/**
 * The changes with every amount the input left out filled in from the account, at the new scale. An amount the
 * gateway could not read is sent back untouched while the scale stays; when the scale changes it must be given.
 */
function mergeAmounts(
  changes: BaseUnitChanges,
  current: CurrentAmounts,
  fromScale: number,
  toScale: number,
): BaseUnitChanges | { errors: UserError[] } {
  const merged: BaseUnitChanges = { ...changes };
  const errors: UserError[] = [];
  for (const field of Object.keys(current) as AmountField[]) {
    const kept = current[field];
    if (changes[field] !== undefined || kept === null) continue;
    if (kept === undefined) {
      if (fromScale !== toScale)
        errors.push(
          invalid(
            AMOUNT_PATHS[field],
            `The current value could not be read, so it cannot be rescaled to asset scale ${toScale}: give it in the input.`,
          ),
        );
      continue;
    }
    const rescaled = rescaleBaseUnits(kept, fromScale, toScale);
    if (rescaled === undefined) {
      errors.push(invalid(AMOUNT_PATHS[field], `The current value cannot be written exactly at asset scale ${toScale}: give it in the input.`));
    } else if (field === 'settleTo') merged.settleTo = rescaled;
    else merged[field] = rescaled;
  }
  return errors.length ? { errors } : merged;
}

export async function deleteAccount(on: ProviderCall<'INTERLEDGER'>, { id }: MutationInterledgerAccountDeleteArgs): Promise<AccountDeletePayload> {
  const ref = accountIdOf(id);
  if (!ref.ok) return { deletedId: null, userErrors: ref.errors };
  const { client } = on;
  const response = await client.send('DELETE', ['accounts', ref.value], { parse: parseExactJson });
  if (succeeded(response.status)) return { deletedId: formatGlobalId('INTERLEDGER', ref.value), userErrors: [] };
  return { deletedId: null, userErrors: toUserErrors(response.status, response.body, ref.value, ['id'], ['id']) };
}
