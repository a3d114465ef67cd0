// Taler account changes: check → send → read back; the bank's refusals become user errors, a 202 a challenge.
import type { RequestContext } from '../../context.js';
import { ErrorCode, GatewayError } from '../../errors.js';
import type {
  ResolversTypes,
  TalerAccountCreateInput,
  TalerAccountUpdateInput,
  UserError,
  UserErrorCode,
} from '../../generated/resolvers-types.js';
import { formatGlobalId, splitGlobalId } from '../../ids.js';
import type { ProviderClient, SentResponse } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { TALER_USERNAME, toReconfiguration, toRegisterRequest } from './inputs.js';
import { toChallenge } from './mapping.js';
import type { TalerAccountModel } from './model.js';
import { fetchTalerAccount } from './read.js';
import { WireApiError, WireChallengeResponse } from './wire.js';

type Payload = ResolversTypes['TalerAccountPayload'];
type DeletePayload = ResolversTypes['TalerAccountDeletePayload'];
type Operation = 'create' | 'update' | 'delete';

interface Refusal {
  field: string[] | null;
  code: UserErrorCode;
  message: string;
}

const ADMIN_ONLY = (what: string) => `Only the bank's administrator may set ${what}.`;
const MISSING_TAN_INFO: Refusal = {
  field: ['input', 'tanChannel'],
  code: 'INVALID',
  message: 'The bank needs the contact this channel uses first (a phone number for SMS, an e-mail address for EMAIL).',
};

/** The bank's 409 codes (TALER_ErrorCode) for each operation, with the input field each one is about. */
const CONFLICTS: Readonly<Record<Operation, Readonly<Record<number, Refusal>>>> = {
  create: {
    5120: { field: ['input', 'username'], code: 'CONFLICT', message: 'This username is reserved by the bank.' },
    5121: { field: ['input', 'username'], code: 'CONFLICT', message: 'This username is already taken.' },
    5122: { field: ['input', 'paytoUri'], code: 'CONFLICT', message: 'This payto URI already belongs to another account.' },
    5136: { field: ['input', 'debitThreshold'], code: 'NOT_ALLOWED', message: ADMIN_ONLY('a debit threshold') },
    5146: { field: ['input', 'minCashout'], code: 'NOT_ALLOWED', message: ADMIN_ONLY('a minimum cash-out') },
    5145: { field: ['input', 'tanChannel'], code: 'NOT_ALLOWED', message: ADMIN_ONLY('a two-factor channel at registration') },
    5129: MISSING_TAN_INFO,
    5102: { field: null, code: 'NOT_ALLOWED', message: 'The bank cannot fund the registration bonus of a new account.' },
  },
  update: {
    5135: { field: ['input', 'name'], code: 'NOT_ALLOWED', message: 'Only the bank’s administrator may change the legal name.' },
    5140: { field: ['input', 'cashoutPaytoUri'], code: 'NOT_ALLOWED', message: 'Only the bank’s administrator may change the cash-out payto URI.' },
    5136: { field: ['input', 'debitThreshold'], code: 'NOT_ALLOWED', message: ADMIN_ONLY('the debit threshold') },
    5146: { field: ['input', 'minCashout'], code: 'NOT_ALLOWED', message: ADMIN_ONLY('the minimum cash-out') },
    5145: { field: ['input', 'tanChannel'], code: 'NOT_ALLOWED', message: ADMIN_ONLY('the two-factor channel') },
    5129: MISSING_TAN_INFO,
  },
  delete: {
    5123: { field: ['id'], code: 'NON_ZERO_BALANCE', message: 'The account’s balance is not zero: the bank deletes only empty accounts.' },
    5120: { field: ['id'], code: 'NOT_ALLOWED', message: 'The bank never deletes its reserved accounts (admin, bank).' },
  },
};

const refused = (userErrors: UserError[]): Payload => ({ account: null, challenge: null, userErrors });

/** The refusal a 4xx answer stands for; anything else the client has not thrown is the provider misbehaving. */
function refusal(client: ProviderClient, operation: Operation, { status, body }: SentResponse): UserError {
  if (status === 409) {
    const code = WireApiError.safeParse(body).data?.code;
    const known = code === undefined ? undefined : CONFLICTS[operation][code];
    return known ?? { field: operation === 'delete' ? ['id'] : ['input'], code: 'CONFLICT', message: 'The bank refused the change as conflicting with its state.' };
  }
  if (status === 404 && operation !== 'create') return { field: ['id'], code: 'NOT_FOUND', message: 'The bank has no such account.' };
  if (status === 400 || status === 422) return { field: ['input'], code: 'INVALID', message: 'The bank refused the input as malformed.' };
  throw client.error(ErrorCode.UpstreamError, `Taler answered the ${operation} with HTTP ${status}.`);
}

/** The Taler username of a global id, or the user error saying why it is not one (no call is made). */
function usernameOf(id: string): string | UserError {
  const invalid = (message: string): UserError => ({ field: ['id'], code: 'INVALID', message });
  try {
    const { provider, nativeId } = splitGlobalId(id);
    if (provider !== 'TALER') return invalid('Expected a Taler account id, `taler:<username>`.');
    return TALER_USERNAME.test(nativeId) ? nativeId : invalid('Malformed Taler username: 1 to 126 characters from A-Z, a-z, 0-9 and . _ ~ -.');
  } catch (error) {
    if (error instanceof GatewayError) return invalid(error.message);
    throw error;
  }
}

/** The account after a change; when that read fails, the error says the change itself was made. */
async function readBack(client: ProviderClient, username: string, done: string): Promise<TalerAccountModel> {
  try {
    return await fetchTalerAccount(client, username, true);
  } catch (error) {
    const code = error instanceof GatewayError ? error.code : ErrorCode.UpstreamError;
    throw client.error(code, `The Taler account "${username}" was ${done}, but reading it back failed: query account(id: "${formatGlobalId('TALER', username)}") again.`, {
      cause: error,
    });
  }
}

const isSuccess = (status: number) => status >= 200 && status < 300 && status !== 202;

export async function createTalerAccount(ctx: RequestContext, input: TalerAccountCreateInput): Promise<Payload> {
  const checked = toRegisterRequest(input);
  if (!checked.ok) return refused(checked.errors);
  const client = ctx.client('TALER');
  const response = await client.send('POST', ['accounts'], { json: checked.body });
  if (!isSuccess(response.status)) return refused([refusal(client, 'create', response)]);
  return { account: await readBack(client, input.username, 'created'), challenge: null, userErrors: [] };
}

export async function updateTalerAccount(ctx: RequestContext, id: string, input: TalerAccountUpdateInput): Promise<Payload> {
  const username = usernameOf(id);
  const checked = toReconfiguration(input);
  const problems = [...(typeof username === 'string' ? [] : [username]), ...(checked.ok ? [] : checked.errors)];
  if (typeof username !== 'string' || !checked.ok) return refused(problems);
  const client = ctx.client('TALER');
  const response = await client.send('PATCH', ['accounts', username], { json: checked.body });
  if (response.status === 202) return { account: null, challenge: toChallenge(readWire(client, WireChallengeResponse, response.body, 'PATCH|DELETE /accounts/{username}')), userErrors: [] };
  if (!isSuccess(response.status)) return refused([refusal(client, 'update', response)]);
  return { account: await readBack(client, username, 'changed'), challenge: null, userErrors: [] };
}

export async function deleteTalerAccount(ctx: RequestContext, id: string): Promise<DeletePayload> {
  const username = usernameOf(id);
  if (typeof username !== 'string') return { deletedId: null, challenge: null, userErrors: [username] };
  const client = ctx.client('TALER');
  const response = await client.send('DELETE', ['accounts', username]);
  if (response.status === 202) return { deletedId: null, challenge: toChallenge(readWire(client, WireChallengeResponse, response.body, 'PATCH|DELETE /accounts/{username}')), userErrors: [] };
  if (!isSuccess(response.status)) return { deletedId: null, challenge: null, userErrors: [refusal(client, 'delete', response)] };
  return { deletedId: formatGlobalId('TALER', username), challenge: null, userErrors: [] };
}
