// Logs (pino) with every credential-bearing field redacted: the gateway's own (API keys, cookies, the tracing
// collector's headers) and each provider's (its identity's credential and caller headers). JSON lines for machines;
// on a terminal, readable lines (pino-pretty, times as HH:MM:ss). LOG_FORMAT=json|pretty chooses either.
import type { Writable } from 'node:stream';
import { pino, levels, type Logger } from 'pino';
import { createRequire } from 'node:module';
import type * as PinoPrettyModule from 'pino-pretty';
import { ConfigError } from './env.js';
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

export type LogFormat = 'json' | 'pretty';

/** LOG_FORMAT if set (json or pretty), else pretty on a terminal and JSON lines otherwise (files, pipes, containers). */
export function logFormat(value: string | undefined, terminal: boolean): LogFormat {
  if (value === undefined || value === '') return terminal ? 'pretty' : 'json';
  if (value === 'json' || value === 'pretty') return value;
  throw new ConfigError('LOG_FORMAT', 'must be json or pretty (unset: pretty on a terminal, JSON otherwise)');
}

/** LOG_LEVEL if set (one of pino's levels), else info. */
export function logLevel(value: string | undefined): string {
  if (value === undefined || value === '') return 'info';
  const known = [...Object.keys(levels.values), 'silent'];
  if (known.includes(value)) return value;
  throw new ConfigError('LOG_LEVEL', `must be one of ${known.join(', ')}`);
}

export interface LoggerOptions {
  level: string;
  format?: LogFormat;
  /** Where the lines go: stdout by default. */
  destination?: Writable;
  /** Colours in pretty lines: on for a terminal that shows them. */
  colorize?: boolean;
}

/** pino-pretty, loaded only for pretty lines (a terminal): JSON logging never loads it. */
const prettyModule = (): typeof PinoPrettyModule => createRequire(import.meta.url)('pino-pretty') as typeof PinoPrettyModule;

export function createLogger({ level, format = 'json', destination, colorize }: LoggerOptions): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'accounts-gateway' } };
  if (format === 'json') return destination ? pino(options, destination) : pino(options);
  // Synchronous and in this thread (no transport worker), so a fatal line is written before the process exits;
  // redaction happens in pino, before the line reaches the prettifier.
  const { PinoPretty, isColorSupported } = prettyModule();
  const pretty = PinoPretty({
    sync: true,
    destination: destination ?? 1,
    colorize: colorize ?? isColorSupported,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    singleLine: true,
  });
  return pino(options, pretty);
}
