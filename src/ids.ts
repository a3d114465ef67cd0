// Global ids `<prefix>:<nativeId>`: the only place that knows their format. A provider's prefix is its AccountProvider
// value in lower case (ProviderIdentity.prefix is typed so); the values come from the schema, where each provider's
// file adds its own, so this module needs no list of its own and no provider module (those import it).
import type { AccountProvider } from './generated/resolvers-types.js';
import { AccountProvider as ACCOUNT_PROVIDERS } from './generated/enums.js';
import { badUserInput } from './errors.js';

/** The prefix of a provider's global ids. */
export const globalIdPrefix = <P extends AccountProvider>(provider: P): Lowercase<P> => provider.toLowerCase() as Lowercase<P>;

const PREFIX_TO_PROVIDER: ReadonlyMap<string, AccountProvider> = new Map(
  Object.values(ACCOUNT_PROVIDERS).map((provider) => [globalIdPrefix(provider), provider]),
);

/** Every prefix a global id may start with. */
export const GLOBAL_ID_PREFIXES: readonly string[] = Object.freeze([...PREFIX_TO_PROVIDER.keys()]);

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
  const provider = PREFIX_TO_PROVIDER.get(id.slice(0, colon));
  if (!provider) {
    throw badUserInput(`Unknown provider prefix in account id; expected one of ${GLOBAL_ID_PREFIXES.join(', ')} (lower case).`);
  }
  const nativeId = id.slice(colon + 1);
  if (/^\.+$/.test(nativeId)) throw badUserInput('An account id cannot be made only of dots.');
  return { provider, nativeId };
}

export function formatGlobalId(provider: AccountProvider, nativeId: string): string {
  return `${globalIdPrefix(provider)}:${nativeId}`;
}

/** Checks a native id against a provider's pattern; the message names the provider and the rule. */
export function requirePattern(nativeId: string, pattern: RegExp, rule: string): string {
  if (!pattern.test(nativeId)) throw badUserInput(`Malformed ${rule}.`);
  return nativeId;
}
