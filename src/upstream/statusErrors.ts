// What a provider's answer means to the contract: HTTP statuses, connection failures and refused bodies become
// GatewayErrors with a code and a message naming the provider by its label. Nothing from upstream (URL, headers,
// body) reaches a message.
import type { AccountProvider } from '../generated/resolvers-types.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { BodyRefusalReason } from './transport.js';

/** Statuses a mutation answers to its caller as user errors rather than failing with an error code. */
export const USER_ERROR_STATUSES: ReadonlySet<number> = new Set([400, 404, 409, 422]);

/** Why a body was refused, as logged (`reason`): the transport's reasons, and the parser's. */
export type BodyRefusalKind = BodyRefusalReason | 'not valid JSON' | 'duplicate key' | 'not an event stream';

/** What the caller is told of each refusal, after the provider's label. */
const REFUSAL_MESSAGES: Readonly<Record<BodyRefusalKind, string>> = {
  'larger than the cap': 'sent a response larger than the gateway accepts.',
  'content coding not supported': 'sent a response in a content coding the gateway does not read.',
  'content coding could not be decoded': 'sent a compressed response that could not be decoded.',
  'not valid JSON': 'sent a response that is not valid JSON.',
  'duplicate key': 'sent a response with a key given twice with different values.',
  'not an event stream': 'answered a stream request with something other than an event stream.',
};

export interface ErrorExtra {
  retryAfter?: number | undefined;
  cause?: unknown;
  retryable?: boolean;
  providerDown?: boolean;
}

/** The errors of one provider's calls. */
export class UpstreamErrors {
  constructor(
    private readonly provider: AccountProvider,
    private readonly label: string,
    private readonly timeoutMs: number,
  ) {}

  /** An error attributed to the provider. */
  error(code: ErrorCode, message: string, extra: ErrorExtra = {}): GatewayError {
    return new GatewayError(code, message, { provider: this.provider, ...extra });
  }

  /** A status the call cannot go on with: 404, 401, 403, 429 (with the wait the provider asked for), or anything else. */
  status(status: number, retryAfter: number | undefined): GatewayError {
    switch (status) {
      case 404:
        return this.error(ErrorCode.NotFound, `${this.label} has no such account.`);
      case 401:
        return this.error(ErrorCode.Unauthenticated, `${this.label} refused the gateway's credentials.`);
      case 403:
        return this.error(ErrorCode.Forbidden, `${this.label} does not allow access to this account.`);
      case 429:
        return this.error(ErrorCode.RateLimited, `${this.label} is rate-limiting the gateway; try again later.`, {
          retryAfter,
          retryable: retryAfter !== undefined,
        });
      default:
        return this.error(ErrorCode.UpstreamError, `${this.label} answered with HTTP ${status}.`, {
          retryable: status === 502 || status === 503 || status === 504,
          providerDown: status === 502 || status === 503 || status === 504,
        });
    }
  }

  /** A request that got no answer: out of time (the call's signal, or undici's own time limits), or unreachable. */
  transport(error: unknown, signal: AbortSignal | undefined): GatewayError {
    const code = (error as { code?: string })?.code ?? '';
    if (signal?.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      return this.error(ErrorCode.UpstreamTimeout, `${this.label} did not answer within ${this.timeoutMs} ms.`, { cause: error });
    }
    return this.error(ErrorCode.UpstreamError, `${this.label} could not be reached.`, { cause: error, retryable: true, providerDown: true });
  }

  /** A body the gateway would not read (see BodyRefusalKind). */
  refusal(kind: BodyRefusalKind, cause?: unknown): GatewayError {
    return this.error(ErrorCode.UpstreamError, `${this.label} ${REFUSAL_MESSAGES[kind]}`, { cause });
  }
}

/** A log-safe reason: the error's own message or its cause's code, never a body or header. */
export function describe(error: GatewayError): string {
  const cause = error.originalError as { code?: string; message?: string } | undefined;
  return cause?.code ?? cause?.message ?? error.message;
}
