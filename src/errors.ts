// The error codes of the public contract, the errors the gateway raises, and the masking of everything else.
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { AccountProvider } from './generated/resolvers-types.js';

export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  ProviderNotConfigured: 'PROVIDER_NOT_CONFIGURED',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  RateLimited: 'RATE_LIMITED',
  UpstreamTimeout: 'UPSTREAM_TIMEOUT',
  UpstreamError: 'UPSTREAM_ERROR',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
  /** The provider has no such capability (a per-account history, live updates). */
  NotSupported: 'NOT_SUPPORTED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes raised by Apollo Server and graphql-js themselves that are safe to pass through. */
const FRAMEWORK_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'OPERATION_NOT_SUPPORTED',
  'SHUTTING_DOWN',
  'QUERY_TOO_LARGE',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'PERSISTED_QUERY_VERSION_NOT_SUPPORTED',
]);
const CONTRACT_CODES = new Set<string>(Object.values(ErrorCode));

/** Apollo's own client errors that carry an HTTP status but no code, by message: each gets a code of its own. */
const CLIENT_ERROR_CODES: Readonly<Record<string, string>> = {
  'provided sha does not match query': 'PERSISTED_QUERY_HASH_MISMATCH',
  'Unsupported persisted query version': 'PERSISTED_QUERY_VERSION_NOT_SUPPORTED',
};

/**
 * graphql-js's own refusal of an argument while executing (a variable sent as null for a non-null argument, where
 * validation allowed it because the variable has a default): a GraphQLError of graphql-js's, with no code and no
 * original error. Errors of the gateway's own always carry a code, and a bug thrown in a resolver carries its
 * original error, so neither is taken for this.
 */
function isArgumentCoercionError(error: unknown): boolean {
  // Execution wraps it once (locatedError): look at the innermost error, which must itself be graphql-js's.
  const inner = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  if (!(inner instanceof GraphQLError) || (inner.originalError && inner.originalError !== inner) || inner.extensions?.code) return false;
  return /^Argument "[_A-Za-z][_0-9A-Za-z]*" (of non-null type|has invalid value)|^Variable "\$[_A-Za-z][_0-9A-Za-z]*"/.test(inner.message);
}

/** A client's mistake that Apollo raised with a 4xx status (APQ hash or version) and no contract code. */
function clientErrorCode(error: unknown): string | undefined {
  const status = (error as { extensions?: { http?: { status?: number } } } | undefined)?.extensions?.http?.status;
  if (status === undefined || status < 400 || status > 499) return undefined;
  return CLIENT_ERROR_CODES[(error as Error).message] ?? 'BAD_REQUEST';
}

export interface GatewayErrorOptions {
  provider?: AccountProvider;
  retryAfter?: number;
  /** Logged, never returned. */
  cause?: unknown;
  /** Worth retrying (a transient failure, or a 429 with Retry-After). */
  retryable?: boolean;
  /** The provider itself is unwell (unreachable, 502, 503, 504), not one resource: counts towards its circuit. */
  providerDown?: boolean;
}

/** An error the gateway means to show: a contract code, a safe message, and the provider if any. */
export class GatewayError extends GraphQLError {
  readonly code: ErrorCode;
  /** Whether retrying may help; the call policy clears it when no retry would finish in time. */
  retryable: boolean;
  readonly providerDown: boolean;
  /** Set by the call policy when a time-out came after waiting in the gateway's own queue: never the provider's fault. */
  waitedInQueue = false;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    const extensions: Record<string, unknown> = { code };
    if (options.provider) extensions.provider = options.provider;
    if (options.retryAfter !== undefined) extensions.retryAfter = options.retryAfter;
    super(message, { extensions, originalError: options.cause instanceof Error ? options.cause : undefined });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.providerDown = options.providerDown ?? false;
    this.name = 'GatewayError';
  }
}

export const badUserInput = (message: string) => new GatewayError(ErrorCode.BadUserInput, message);

export type ErrorLogger = (error: unknown, formatted: GraphQLFormattedError) => void;

/**
 * Apollo's formatError hook: contract and framework errors pass through (without stack traces or
 * upstream detail); anything else is a bug, logged and replaced by a bare INTERNAL_SERVER_ERROR.
 */
export function createErrorFormatter(logUnexpected: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && (CONTRACT_CODES.has(code) || FRAMEWORK_CODES.has(code)) && code !== ErrorCode.InternalServerError) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const clientCode = clientErrorCode(error);
    if (clientCode) return { message: formatted.message, extensions: { code: clientCode } };
    if (isArgumentCoercionError(error)) {
      return { message: formatted.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: ErrorCode.BadUserInput } };
    }
    logUnexpected(error, formatted);
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.InternalServerError },
    };
  };
}
