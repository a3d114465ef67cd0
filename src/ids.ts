// Global ids `<provider>:<nativeId>`: the only place that knows their format.
import type { AccountProvider } from './generated/resolvers-types.js';
import { badUserInput } from './errors.js';

const PREFIX_TO_PROVIDER: Readonly<Record<string, AccountProvider>> = {
  interledger: 'INTERLEDGER',
  stellar: 'STELLAR',
  taler: 'TALER',
  conduit: 'CONDUIT',
  midaz: 'MIDAZ',
};

/** Longer ids are refused before any other check, so no pattern ever runs on a huge string. */
export const MAX_GLOBAL_ID_LENGTH = 256;

export interface GlobalId {
  provider: AccountProvider;
  /** As the client sent it; each provider's parseNativeId checks and canonicalises it. */
  nativeId: string;
}

/** Splits a global id into provider and native id, refusing unknown or miscased prefixes. */
export function splitGlobalId(id: string): GlobalId {
  if (id.length > MAX_GLOBAL_ID_LENGTH) throw badUserInput(`Account id is longer than ${MAX_GLOBAL_ID_LENGTH} characters.`);
  const colon = id.indexOf(':');
  if (colon < 0) throw badUserInput('Account id must look like `<provider>:<nativeId>`, e.g. `taler:alice`.');
  const prefix = id.slice(0, colon);
  const provider = Object.hasOwn(PREFIX_TO_PROVIDER, prefix) ? PREFIX_TO_PROVIDER[prefix] : undefined;
  if (!provider) {
    throw badUserInput(`Unknown provider prefix in account id; expected one of ${Object.keys(PREFIX_TO_PROVIDER).join(', ')} (lower case).`);
  }
  const nativeId = id.slice(colon + 1);
  if (/^\.+$/.test(nativeId)) throw badUserInput('An account id cannot be made only of dots.');
  return { provider, nativeId };
}

export function formatGlobalId(provider: AccountProvider, nativeId: string): string {
  return `${provider.toLowerCase()}:${nativeId}`;
}

/** Checks a native id against a provider's pattern; the message names the provider and the rule. */
export function requirePattern(nativeId: string, pattern: RegExp, rule: string): string {
  if (!pattern.test(nativeId)) throw badUserInput(`Malformed ${rule}.`);
  return nativeId;
}
