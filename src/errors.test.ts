import { describe, expect, it, vi } from 'vitest';
import { GraphQLError } from 'graphql';
import { createErrorFormatter, ErrorCode, GatewayError } from './errors.js';

describe('createErrorFormatter', () => {
  it('passes a contract error through with its code and provider, without a stack trace', () => {
    const log = vi.fn();
    const error = new GatewayError(ErrorCode.NotFound, 'Taler has no such account.', { provider: 'TALER' });
    const formatted = createErrorFormatter(log)(
      { message: error.message, path: ['account'], extensions: { ...error.extensions, stacktrace: ['at x'] } },
      error,
    );
    expect(formatted).toEqual({ message: 'Taler has no such account.', path: ['account'], extensions: { code: 'NOT_FOUND', provider: 'TALER' } });
    expect(log).not.toHaveBeenCalled();
  });

  it('masks anything unexpected as INTERNAL_SERVER_ERROR and logs it', () => {
    const log = vi.fn();
    const bug = new TypeError('Cannot read properties of undefined (reading "secret") at http://upstream/accounts');
    const formatted = createErrorFormatter(log)(
      { message: bug.message, path: ['accounts', 2], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['…'] } },
      bug,
    );
    expect(formatted).toEqual({ message: 'Internal server error', path: ['accounts', 2], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(log).toHaveBeenCalledWith(bug, expect.anything());
  });

  it('masks an error carrying a code the contract does not know', () => {
    const formatted = createErrorFormatter(() => undefined)(
      { message: 'leak: http://10.0.0.1', extensions: { code: 'ECONNREFUSED' } },
      new GraphQLError('x'),
    );
    expect(formatted.message).toBe('Internal server error');
  });

  it('passes graphql validation errors through', () => {
    const formatted = createErrorFormatter(() => undefined)(
      { message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      new GraphQLError('x'),
    );
    expect(formatted.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
