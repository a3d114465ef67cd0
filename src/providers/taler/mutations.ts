// Taler account changes: check → send → read back; the bank's refusals become user errors, a 202 a challenge.
import { ErrorCode, GatewayError } from '../../errors.js';
import type {
  MutationTalerAccountCreateArgs,
  MutationTalerAccountDeleteArgs,
  MutationTalerAccountUpdateArgs,
  ResolversTypes,
  UserError,
  UserErrorCode,
} from '../../generated/resolvers-types.js';
import { formatGlobalId } from '../../ids.js';
import type { ProviderClient, SentResponse } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import type { ProviderCall } from '../shared/resolve.js';
import { accountRef, checkedTogether, userError, type Checked } from '../shared/userErrors.js';
import { parseUsername, toReconfiguration, toRegisterRequest } from './inputs.js';
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
    return known
      ? userError(known.field, known.message, known.code)
      : userError(operation === 'delete' ? ['id'] : ['input'], 'The bank refused the change as conflicting with its state.', 'CONFLICT');
  }
  if (status === 404 && operation !== 'create') return userError(['id'], 'The bank has no such account.', 'NOT_FOUND');
  if (status === 400 || status === 422) return userError(['input'], 'The bank refused the input as malformed.');
  throw client.error(ErrorCode.UpstreamError, `Taler answered the ${operation} with HTTP ${status}.`);
}

/** The Taler username of a global id, or the user error saying why it is not one (no call is made). */
const usernameOf = (id: string): Checked<string> => accountRef({ provider: 'TALER', parseNativeId: parseUsername }, id, 'taler:<username>');

/** The account after a change; when that read fails, the error says the change itself was made. */
async function readBack(client: ProviderClient, username: string, done: string): Promise<TalerAccountModel> {
  try {
    return await fetchTalerAccount(client, username, true);
  } catch (error) {
    const code = error instanceof GatewayError ? error.code : ErrorCode.UpstreamError;
    throw client.error(
      code,
      `The Taler account "${username}" was ${done}, but reading it back failed: query account(id: "${formatGlobalId('TALER', username)}") again.`,
      {
        cause: error,
      },
    );
  }
}

const CHALLENGE_ROUTE = 'PATCH|DELETE /accounts/{username}';

const isSuccess = (status: number) => status >= 200 && status < 300 && status !== 202;

export async function createTalerAccount(on: ProviderCall<'TALER'>, { input }: MutationTalerAccountCreateArgs): Promise<Payload> {
  const checked = toRegisterRequest(input);
  if (!checked.ok) return refused(checked.errors);
  const { client } = on;
  const response = await client.send('POST', ['accounts'], { json: checked.value });
  if (!isSuccess(response.status)) return refused([refusal(client, 'create', response)]);
  return { account: await readBack(client, input.username, 'created'), challenge: null, userErrors: [] };
}

export async function updateTalerAccount(on: ProviderCall<'TALER'>, { id, input }: MutationTalerAccountUpdateArgs): Promise<Payload> {
  const checked = checkedTogether(usernameOf(id), toReconfiguration(input));
  if (!checked.ok) return refused(checked.errors);
  const [username, body] = checked.value;
  const { client } = on;
  const response = await client.send('PATCH', ['accounts', username], { json: body });
  if (response.status === 202)
    return { account: null, challenge: toChallenge(readWire(client, WireChallengeResponse, response.body, CHALLENGE_ROUTE)), userErrors: [] };
  if (!isSuccess(response.status)) return refused([refusal(client, 'update', response)]);
  return { account: await readBack(client, username, 'changed'), challenge: null, userErrors: [] };
}

export async function deleteTalerAccount(on: ProviderCall<'TALER'>, { id }: MutationTalerAccountDeleteArgs): Promise<DeletePayload> {
  const username = usernameOf(id);
  if (!username.ok) return { deletedId: null, challenge: null, userErrors: username.errors };
  const { client } = on;
  const response = await client.send('DELETE', ['accounts', username.value]);
  if (response.status === 202)
    return { deletedId: null, challenge: toChallenge(readWire(client, WireChallengeResponse, response.body, CHALLENGE_ROUTE)), userErrors: [] };
  if (!isSuccess(response.status)) return { deletedId: null, challenge: null, userErrors: [refusal(client, 'delete', response)] };
  return { deletedId: formatGlobalId('TALER', username.value), challenge: null, userErrors: [] };
}
