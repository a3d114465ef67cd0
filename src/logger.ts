// Structured JSON logs (pino) with every credential-bearing field redacted: the gateway's own (API keys, cookies,
// the tracing collector's headers) and each provider's (its identity's credential and caller headers).
import { pino, type Logger } from 'pino';
import { IDENTITIES } from './providers/index.js';

/** A pino redaction path to one header: `headers.authorization`, or `headers["x-api-key"]` for names that need quoting. */
const headerPath = (prefix: string, name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `${prefix}.${name}` : `${prefix}["${name}"]`);

/** Upstream headers that carry some provider's credentials (logged as `headers`, or one level down). */
const UPSTREAM_CREDENTIAL_HEADERS = [...new Set(IDENTITIES.flatMap((identity) => identity.credentialHeaders))];

/** Request headers that carry credentials: the gateway's own (Authorization, X-Api-Key, Cookie) and the callers' provider ones. */
const REQUEST_CREDENTIAL_HEADERS = [
  ...new Set(['authorization', 'x-api-key', ...IDENTITIES.flatMap((identity) => identity.callerHeaders.map(([request]) => request)), 'cookie']),
];

export const REDACTED_PATHS: string[] = [
  ...UPSTREAM_CREDENTIAL_HEADERS.map((name) => headerPath('headers', name)),
  ...UPSTREAM_CREDENTIAL_HEADERS.map((name) => headerPath('*.headers', name)),
  ...REQUEST_CREDENTIAL_HEADERS.map((name) => headerPath('req.headers', name)),
  'config.providers.*.headers',
  'config.tracing.headers',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'accounts-gateway' } });
}
