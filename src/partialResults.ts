// Fields that resolve with part of their data: the data stays, and the response's `errors` say what was left out.
import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, GatewayError } from './errors.js';
import type { AccountProvider } from './generated/resolvers-types.js';

interface LeftOut {
  message: string;
  path: ReadonlyArray<string | number>;
  extensions: Readonly<Record<string, unknown>>;
}

/** One request's record of fields answered in part; see `partialResultsPlugin`. */
export class PartialResults {
  private readonly leftOut: LeftOut[] = [];

  /** `label` names a provider in messages (its identity's label; the context passes the registry's). */
  constructor(private readonly label: (provider: AccountProvider) => string) {}

  /** Records that the field at `info.path` left out `count` entries of its list (a provider entry that could not be read). */
  entriesLeftOut(info: Pick<GraphQLResolveInfo, 'path'>, provider: AccountProvider, count: number, what: string): void {
    const error = new GatewayError(
      ErrorCode.UpstreamError,
      `${this.label(provider)} sent ${count === 1 ? `a ${what} entry` : `${count} ${what} entries`} the gateway could not read exactly; the list leaves ${count === 1 ? 'it' : 'them'} out.`,
      { provider },
    );
    this.leftOut.push({ message: error.message, path: responsePathAsArray(info.path), extensions: { ...error.extensions, leftOut: count } });
  }

  /** Records an error at the field's path while the field keeps the data it has (a merged list missing one source). */
  fieldError(info: Pick<GraphQLResolveInfo, 'path'>, error: GatewayError): void {
    this.leftOut.push({ message: error.message, path: responsePathAsArray(info.path), extensions: { ...error.extensions } });
  }

  get errors(): readonly LeftOut[] {
    return this.leftOut;
  }
}

/** The list a resolver returns, after recording any entries it had to leave out. */
export function withLeftOut<T>(
  partial: PartialResults,
  info: Pick<GraphQLResolveInfo, 'path'>,
  provider: AccountProvider,
  list: { entries: T[]; omitted: number },
  what = 'balance',
): T[] {
  if (list.omitted > 0) partial.entriesLeftOut(info, provider, list.omitted, what);
  return list.entries;
}

/** Adds each request's left-out entries to its response's `errors`, after the errors graphql-js raised. */
export function partialResultsPlugin<T extends { partial: PartialResults }>(): ApolloServerPlugin<T> {
  return {
    requestDidStart: async () => ({
      willSendResponse: async ({ contextValue, response }) => {
        const extra = contextValue.partial?.errors ?? [];
        if (extra.length === 0 || response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        result.errors = [...(result.errors ?? []), ...extra.map((error) => ({ ...error, path: [...error.path] }))];
      },
    }),
  };
}
