// How lists and mutations reach a provider: resolvers hand them this request's view of that one provider, nothing more.
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext, SourceMap } from '../../context.js';
import type { CursorCodec } from '../../cursor.js';
import type { AccountProvider } from '../../generated/resolvers-types.js';
import type { PartialResults } from '../../partialResults.js';
import type { ProviderClient } from '../../upstream/client.js';
import { uncached } from './connection.js';

/**
 * One provider as one GraphQL request sees it. `client` is the request's client (the caller's own credentials when sent,
 * the request id, its logger), the very one the provider's source reads lookups through; `source` is the request's
 * loaders, which lists prime and mutations refresh. Both are made on first use: checks that come first never need a
 * configured provider, and an unconfigured one answers PROVIDER_NOT_CONFIGURED only when it would be called.
 */
export interface ProviderCall<P extends AccountProvider> {
  readonly provider: P;
  readonly client: ProviderClient;
  readonly source: SourceMap[P];
  readonly cursors: CursorCodec;
  readonly partial: PartialResults;
}

export function providerCall<P extends AccountProvider>(ctx: RequestContext, provider: P): ProviderCall<P> {
  return {
    provider,
    get client() {
      return ctx.client(provider);
    },
    get source() {
      return ctx.source(provider);
    },
    cursors: ctx.cursors,
    partial: ctx.partial,
  };
}

type Info = GraphQLResolveInfo;

/** A list field's resolver: never cached (uncached), and given its provider's view of the request. */
export function listField<P extends AccountProvider, A, R>(provider: P, list: (on: ProviderCall<P>, args: A, info: Info) => Promise<R>) {
  return (_root: unknown, args: A, ctx: RequestContext, info: Info): Promise<R> => {
    uncached(info);
    return list(providerCall(ctx, provider), args, info);
  };
}

/** A mutation field's resolver: the change gets its provider's view of the request and the field's arguments. */
export function changeField<P extends AccountProvider, A, R>(provider: P, change: (on: ProviderCall<P>, args: A) => Promise<R>) {
  return (_root: unknown, args: A, ctx: RequestContext): Promise<R> => change(providerCall(ctx, provider), args);
}

/**
 * A create mutation's resolver: run at most once per caller and `idempotencyKey` (keyed by the mutation field's name and
 * checked against its input, see RequestContext.idempotent); without a key, every call creates.
 */
export function createField<P extends AccountProvider, A extends { input: unknown; idempotencyKey?: string | null }, R>(
  provider: P,
  create: (on: ProviderCall<P>, args: A) => Promise<R>,
) {
  return (_root: unknown, args: A, ctx: RequestContext, info: Info): Promise<R> =>
    ctx.idempotent(info.fieldName, args.idempotencyKey, args.input, () => create(providerCall(ctx, provider), args));
}
