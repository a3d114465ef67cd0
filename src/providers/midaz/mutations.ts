// The Midaz account mutations: create (POST), update (PATCH, mutable fields only) and delete, with refusals as userErrors.
import type {
  AccountDeletePayload,
  MutationMidazAccountCreateArgs,
  MutationMidazAccountDeleteArgs,
  MutationMidazAccountUpdateArgs,
  UserError,
} from '../../generated/resolvers-types.js';
import type { RequestContext } from '../../context.js';
import { ErrorCode } from '../../errors.js';
import { formatGlobalId, splitGlobalId } from '../../ids.js';
import type { ProviderClient, SentResponse } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
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
export function midazIdOf(id: string): { nativeId: string } | { userErrors: UserError[] } {
  const invalid = (message: string) => ({ userErrors: [{ code: 'INVALID' as const, field: ['id'], message }] });
  try {
    const { provider, nativeId } = splitGlobalId(id);
    if (provider !== 'MIDAZ') return invalid('This is not a Midaz account id: expected `midaz:<organizationId>/<ledgerId>/<accountId>`.');
    return { nativeId: parseMidazNativeId(nativeId) };
  } catch (error) {
    return invalid(error instanceof Error ? error.message : 'Malformed account id.');
  }
}

/** The account Midaz answered with, checked to be the one meant (same organization and ledger, and id when known). */
function readAccount(client: ProviderClient, response: SentResponse, expected: { organizationId: string; ledgerId: string; accountId?: string }): MidazAccountModel {
  const account = { ...toMidazAccount(readWire(client, wireAccountSchema, response.body, 'POST|PATCH /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts')), fetchedAt: new Date().toISOString() };
  const same =
    account.organizationId === expected.organizationId && account.ledgerId === expected.ledgerId && (expected.accountId === undefined || account.accountId === expected.accountId);
  if (!same) throw client.error(ErrorCode.UpstreamError, 'Midaz answered with a different account than the one changed.');
  return account;
}

const succeeded = (response: SentResponse): boolean => response.status >= 200 && response.status < 300;

export async function createAccount(ctx: RequestContext, { input }: MutationMidazAccountCreateArgs): Promise<MidazAccountPayloadModel> {
  const checked = parseCreateInput(input);
  if (!checked.ok) return refused(checked.errors);
  const { organizationId, ledgerId, alias } = checked.value;
  const client = ctx.client('MIDAZ');
  const response = await client.send('POST', accountsPath(organizationId, ledgerId), { json: toCreateBody(checked.value), parse: parseExactJson });
  if (!succeeded(response)) return refused(toUserErrors('create', response.status, response.body, alias));
  const account = readAccount(client, response, { organizationId, ledgerId });
  ctx.source('MIDAZ').replace(account);
  return { account, userErrors: [] };
}

export async function updateAccount(ctx: RequestContext, { id, input }: MutationMidazAccountUpdateArgs): Promise<MidazAccountPayloadModel> {
  const target = midazIdOf(id);
  const checked = parseUpdateInput(input);
  const errors = [...('userErrors' in target ? target.userErrors : []), ...(checked.ok ? [] : checked.errors)];
  if (errors.length > 0 || !('nativeId' in target) || !checked.ok) return refused(errors);
  const [organizationId = '', ledgerId = '', accountId = ''] = target.nativeId.split('/');
  const client = ctx.client('MIDAZ');
  const response = await client.send('PATCH', accountPath(target.nativeId), { json: toUpdateBody(checked.value), parse: parseExactJson });
  if (!succeeded(response)) return refused(toUserErrors('update', response.status, response.body));
  const account = readAccount(client, response, { organizationId, ledgerId, accountId });
  ctx.source('MIDAZ').replace(account);
  return { account, userErrors: [] };
}

export async function deleteAccount(ctx: RequestContext, { id }: MutationMidazAccountDeleteArgs): Promise<AccountDeletePayload> {
  const target = midazIdOf(id);
  if ('userErrors' in target) return { deletedId: null, userErrors: target.userErrors };
  const response = await ctx.client('MIDAZ').send('DELETE', accountPath(target.nativeId));
  if (!succeeded(response)) return { deletedId: null, userErrors: toUserErrors('delete', response.status, response.body) };
  ctx.source('MIDAZ').forget(target.nativeId);
  return { deletedId: formatGlobalId('MIDAZ', target.nativeId), userErrors: [] };
}
