// Per-request provider credentials: headers a caller may send to replace the gateway's own for one request.
import type { AccountProvider } from './generated/resolvers-types.js';
import { badUserInput } from './errors.js';
import { IDENTITIES } from './providers/index.js';

/** The caller's credentials per provider, as the upstream headers they become. */
export type CallerCredentials = Partial<Record<AccountProvider, Readonly<Record<string, string>>>>;

/** Request header → upstream header, per provider (its identity's callerHeaders). Conduit needs both of its headers or neither. */
const CREDENTIAL_HEADERS: ReadonlyArray<readonly [AccountProvider, ReadonlyArray<readonly [request: string, upstream: string]>]> = IDENTITIES.filter(
  (identity) => identity.callerHeaders.length > 0,
).map((identity) => [identity.provider, identity.callerHeaders]);

/** Header values that could smuggle anything but a credential are refused. */
const SAFE_VALUE = /^[\x21-\x7e]([\x20-\x7e]{0,4094}[\x21-\x7e])?$/;

/**
 * The caller's own provider credentials from the request's headers, each header read as sent (`headersDistinct`): a
 * header sent twice is refused, never joined and forwarded. Throws BAD_USER_INPUT.
 */
export function callerCredentials(headers: Readonly<Record<string, readonly string[] | undefined>>): CallerCredentials {
  const credentials: CallerCredentials = {};
  for (const [provider, pairs] of CREDENTIAL_HEADERS) {
    const sent = pairs.map(([request]) => headers[request]);
    if (sent.every((value) => value === undefined)) continue;
    const values = sent.map((value) => (value?.length === 1 ? value[0] : undefined));
    if (values.some((value) => typeof value !== 'string' || !SAFE_VALUE.test(value))) {
      throw badUserInput(`Send ${pairs.map(([request]) => request).join(' and ')} together, once each, as printable text.`);
    }
    credentials[provider] = Object.fromEntries(pairs.map(([, upstream], i) => [upstream, values[i] as string]));
  }
  return credentials;
}

/** The request headers, for logs to redact and docs to list. */
export const CREDENTIAL_REQUEST_HEADERS = CREDENTIAL_HEADERS.flatMap(([, pairs]) => pairs.map(([request]) => request));
