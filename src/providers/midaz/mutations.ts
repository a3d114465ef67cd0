// The Midaz account mutations: create (POST), update (PATCH, mutable fields only) and delete, with refusals as userErrors.
import type {
  AccountDeletePayload,
  MutationMidazAccountCreateArgs,
  MutationMidazAccountDeleteArgs,
  MutationMidazAccountUpdateArgs,
  UserError,
} from '../../generated/resolvers-types.js';
import { ErrorCode } from '../../errors.js';
import { formatGlobalId } from '../../ids.js';
import type { ProviderClient, SentResponse } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { stampNow } from '../shared/fetched.js';
import type { ProviderCall } from '../shared/resolve.js';
import { accountRef, checkedTogether, succeeded, type Checked } from '../shared/userErrors.js';
import { parseCreateInput, parseUpdateInput } from './input.js';
import { toCreateBody, toMidazAccount, toUpdateBody, toUserErrors } from './mapping.js';
import type { MidazAccountModel } from './model.js';
import { accountPath, accountsPath } from './paths.js';
import { parseMidazNativeId } from './nativeId.js';
import { parseExactJson, wireAccountSchema } from './wire.js';

export interface MidazAccountPayloadModel {
  account: MidazAccountModel | null;
  userErrors: UserError[];
}

const refused = (userErrors: UserError[]): MidazAccountPayloadModel => ({ account: null, userErrors });

/** The canonical native id of a global Midaz id, or a userError on ["id"] (no upstream call either way). */
const nativeIdOf = (id: string): Checked<string> =>
  accountRef({ provider: 'MIDAZ', parseNativeId: parseMidazNativeId }, id, 'midaz:<organizationId>/<ledgerId>/<accountId>');

/** The account Midaz answered with, checked to be the one meant (same organization and ledger, and id when known). */
function readAccount(
  client: ProviderClient,
  response: SentResponse,
  expected: { organizationId: string; ledgerId: string; accountId?: string },
): MidazAccountModel {
  const account = stampNow(
    toMidazAccount(readWire(client, wireAccountSchema, response.body, 'POST|PATCH /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts')),
  );
  const same =
    account.organizationId === expected.organizationId &&
    account.ledgerId === expected.ledgerId &&
    (expected.accountId === undefined || account.accountId === expected.accountId);
  if (!same) throw client.error(ErrorCode.UpstreamError, 'Midaz answered with a different account than the one changed.');
  return account;
}

export async function createAccount(on: ProviderCall<'MIDAZ'>, { input }: MutationMidazAccountCreateArgs): Promise<MidazAccountPayloadModel> {
  const checked = parseCreateInput(input);
  if (!checked.ok) return refused(checked.errors);
  const { organizationId, ledgerId, alias } = checked.value;
  const { client } = on;
  const response = await client.send('POST', accountsPath(organizationId, ledgerId), { json: toCreateBody(checked.value), parse: parseExactJson });
  if (!succeeded(response.status)) return refused(toUserErrors('create', response.status, response.body, alias));
  const account = readAccount(client, response, { organizationId, ledgerId });
  on.source.replace(account);
  return { account, userErrors: [] };
}

export async function updateAccount(on: ProviderCall<'MIDAZ'>, { id, input }: MutationMidazAccountUpdateArgs): Promise<MidazAccountPayloadModel> {
  const checked = checkedTogether(nativeIdOf(id), parseUpdateInput(input));
  if (!checked.ok) return refused(checked.errors);
  const [nativeId, changes] = checked.value;
  const [organizationId = '', ledgerId = '', accountId = ''] = nativeId.split('/');
  const { client } = on;
  const response = await client.send('PATCH', accountPath(nativeId), { json: toUpdateBody(changes), parse: parseExactJson });
  if (!succeeded(response.status)) return refused(toUserErrors('update', response.status, response.body));
  const account = readAccount(client, response, { organizationId, ledgerId, accountId });
  on.source.replace(account);
  return { account, userErrors: [] };
}

export async function deleteAccount(on: ProviderCall<'MIDAZ'>, { id }: MutationMidazAccountDeleteArgs): Promise<AccountDeletePayload> {
  const target = nativeIdOf(id);
  if (!target.ok) return { deletedId: null, userErrors: target.errors };
  const response = await on.client.send('DELETE', accountPath(target.value));
  if (!succeeded(response.status)) return { deletedId: null, userErrors: toUserErrors('delete', response.status, response.body) };
  on.source.forget(target.value);
  return { deletedId: formatGlobalId('MIDAZ', target.value), userErrors: [] };
}
