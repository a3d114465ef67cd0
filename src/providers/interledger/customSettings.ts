// An Interledger account's `customSettings` as a client may see them: flattened to the connector's dotted names,
// every value outside an allowlist of harmless settings redacted, and no URL with a user or password in it.
//
// The allowlist follows the settings the connector itself reads (hyperledger/quilt link libraries, the versions the
// connector releases pin): IlpOverHttpLinkSettings, IncomingLinkSettings, OutgoingLinkSettings (quilt 1.0.x flat names
// `ilpOverHttp.incoming.token_issuer`; quilt 1.1+ names under `.jwt.` and `.simple.`), and LoopbackLink
// (`simulatedRejectErrorCode`). BtpLinkSettings and StatelessSpspReceiverLinkSettings read no custom settings by name
// in the released connectors (their values come from the account's own fields), so they add nothing here.
import type { MetadataEntry } from '../../generated/resolvers-types.js';
import { REDACTED, withoutUserinfo } from '../../redaction.js';

/** Settings that name who or where, never a credential: issuers, audiences, subjects, expiries, auth types, URLs. */
const HARMLESS_JWT = ['token_issuer', 'token_audience', 'token_subject', 'token_expiry'];

/**
 * The full dotted names whose values pass in clear. Everything else (shared_secret, auth_token, any key the
 * connector does not define, whatever its name) reads "[redacted]".
 */
export const HARMLESS_SETTINGS: ReadonlySet<string> = new Set([
  ...['incoming', 'outgoing'].flatMap((direction) => [
    `ilpOverHttp.${direction}.auth_type`,
    // quilt 1.1+ (connector 0.2.0 and later): JWT settings under `.jwt.`
    ...HARMLESS_JWT.map((name) => `ilpOverHttp.${direction}.jwt.${name}`),
    // quilt 1.0.x (connector 0.1.0): the same settings without the `.jwt.` segment
    ...HARMLESS_JWT.map((name) => `ilpOverHttp.${direction}.${name}`),
  ]),
  'ilpOverHttp.outgoing.url',
  'simulatedRejectErrorCode',
]);

/** The connector's encrypted values (`enc:JKS:…`, `enc:GCP_KMS:…`) are never shown, whatever their key. */
const isEncrypted = (value: unknown): boolean => typeof value === 'string' && value.startsWith('enc:');

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * One allowed value as text: strings with any URL userinfo removed, other scalars JSON-encoded, arrays element by
 * element under the same name (an object inside an array continues the name, so it is redacted unless allowed).
 */
function shownValue(name: string, value: unknown): unknown {
  if (isEncrypted(value)) return REDACTED;
  if (typeof value === 'string') return withoutUserinfo(value);
  if (Array.isArray(value)) return value.map((item) => shownValue(name, item));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, visible(`${name}.${key}`, inner)]));
  return value;
}

const visible = (name: string, value: unknown): unknown => (HARMLESS_SETTINGS.has(name) ? shownValue(name, value) : REDACTED);

/**
 * `customSettings` flattened as the connector flattens them (quilt LinkSettingsUtils.flattenSettings: nested objects
 * join their keys with dots, so `{ilpOverHttp: {outgoing: {url}}}` is `ilpOverHttp.outgoing.url`), in the order sent.
 */
export function flattenSettings(settings: Readonly<Record<string, unknown>>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(settings).flatMap(([key, value]): Array<[string, unknown]> =>
    isPlainObject(value) ? flattenSettings(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

/**
 * The settings as the schema shows them: one entry per flattened name; values of names on HARMLESS_SETTINGS as text
 * (strings as they are, other values JSON-encoded, URLs without userinfo), every other value "[redacted]". A name sent
 * twice (nested and flat) is shown once, redacted if either copy is.
 */
export function toCustomSettingEntries(settings: Readonly<Record<string, unknown>> | null | undefined): MetadataEntry[] {
  const shown = new Map<string, string>();
  for (const [key, value] of flattenSettings(settings ?? {})) {
    const seen = visible(key, value);
    const text = typeof seen === 'string' ? seen : (JSON.stringify(seen) ?? 'null');
    const before = shown.get(key);
    shown.set(key, before === undefined || text === REDACTED ? text : before);
  }
  return [...shown].map(([key, value]) => ({ key, value }));
}

/**
 * The settings with `name` (a flattened, dotted name) set to `value` where the connector keeps it: inside the nested
 * object that already holds it, so an update never leaves the same setting twice (nested and flat); at the top level
 * when it is new. The input is not changed.
 */
export function withSetting(settings: Readonly<Record<string, unknown>>, name: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...settings };
  if (!place(copy, name, value)) copy[name] = value;
  return copy;
}

/** Sets `name` in `target` (copying the nested objects on its way) when some split of the name already exists there. */
function place(target: Record<string, unknown>, name: string, value: unknown): boolean {
  if (Object.hasOwn(target, name) && !isPlainObject(target[name])) {
    target[name] = value;
    return true;
  }
  for (let dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
    const head = name.slice(0, dot);
    const inner = target[head];
    if (!Object.hasOwn(target, head) || !isPlainObject(inner)) continue;
    const copy = { ...inner };
    if (place(copy, name.slice(dot + 1), value)) {
      target[head] = copy;
      return true;
    }
  }
  return false;
}
