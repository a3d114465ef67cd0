// Cache-Control for responses, worked out per operation rather than per field: root fields decide (each account lookup
// hints its provider's cache TTL; a root field without a hint — lists, mutations — gives 0, so no-store), nested
// objects never restrict it, and a nested resolver's own hint (activity: 0) does.
//
// Apollo's cache-control plugin gets there with a `willResolveField` hook, which makes Apollo wrap every field of
// every response (50 accounts: hundreds of fields) in its plugin machinery; measured, that was several per cent of
// the gateway's CPU. Here only the fields whose resolvers may hint are wrapped once, at schema build: every root
// field, and every nested field with its own resolver returning an object, list of objects or abstract type. A
// resolver hints as before (`maybeCacheControlFromInfo(info)?.setCacheHint(...)`); the header is the one Apollo's
// plugin writes: `max-age=N, private|public` when cacheable and without errors, else `no-store`.
import type { ApolloServerPlugin } from '@apollo/server';
import type { CacheHint, CachePolicy, CacheScope } from '@apollo/cache-control-types';
import { defaultFieldResolver, getNamedType, isCompositeType, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';

/** A cache policy as Apollo's: `restrict` keeps the lower max-age and PRIVATE over PUBLIC; `replace` overrides. */
class Policy implements CachePolicy {
  maxAge?: number;
  scope?: CacheScope;

  restrict(hint: CacheHint): void {
    if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
  }

  replace(hint: CacheHint): void {
    if (hint.maxAge !== undefined) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined) this.scope = hint.scope;
  }

  policyIfCacheable(): Required<CacheHint> | null {
    if (this.maxAge === undefined || this.maxAge === 0) return null;
    return { maxAge: this.maxAge, scope: this.scope ?? 'PUBLIC' };
  }
}

/** Each request's overall policy, by its context value (set when the request starts). */
const policies = new WeakMap<object, Policy>();

/** What `maybeCacheControlFromInfo` finds on a wrapped field's info; hints restrict the request's policy. */
function fieldCacheControl(overall: Policy, fieldPolicy: Policy) {
  let settled = false;
  return {
    cacheHint: fieldPolicy,
    setCacheHint(hint: CacheHint) {
      fieldPolicy.replace(hint);
      if (settled) overall.restrict(fieldPolicy);
    },
    cacheHintFromType: () => undefined,
    /** Called once the field's value is there: its hint (a root field's defaults to 0) restricts the response. */
    settle(root: boolean) {
      if (settled) return;
      settled = true;
      if (root && fieldPolicy.maxAge === undefined) fieldPolicy.restrict({ maxAge: 0 });
      overall.restrict(fieldPolicy);
    },
  };
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/** Marks a field already wrapped (a schema passed twice is wrapped once). */
const WRAPPED = 'accountsGatewayCacheHints';

/** Wraps, in place, the resolvers that may give a cache hint (see above); returns the schema. */
export function withCacheHints(schema: GraphQLSchema): GraphQLSchema {
  // Subscriptions are not answered over HTTP (operationRules.ts): their fields are left as they are.
  const subscription = schema.getSubscriptionType();
  const roots = new Set([schema.getQueryType(), schema.getMutationType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === subscription) continue;
    const root = roots.has(type);
    for (const field of Object.values(type.getFields())) {
      if (!root && (!field.resolve || !isCompositeType(getNamedType(field.type)))) continue;
      if (field.extensions[WRAPPED]) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.extensions = { ...field.extensions, [WRAPPED]: true };
      field.resolve = (source, args, context: object, info: GraphQLResolveInfo) => {
        const overall = policies.get(context);
        if (!overall) return resolve(source, args, context, info);
        const control = fieldCacheControl(overall, new Policy());
        (info as GraphQLResolveInfo & { cacheControl?: unknown }).cacheControl = control;
        let result: unknown;
        try {
          result = resolve(source, args, context, info);
        } catch (error) {
          control.settle(root);
          throw error;
        }
        // As Apollo's hook: a hint given before the field's value is there counts (a resolver may hint after an await).
        if (isThenable(result))
          result.then(
            () => control.settle(root),
            () => control.settle(root),
          );
        else control.settle(root);
        return result;
      };
    }
  }
  return schema;
}

const CACHEABLE_HEADER = /^max-age=(\d+), (public|private)$/;

/** Opens each request's policy and writes its Cache-Control header (as Apollo's cache-control plugin does). */
export function cachePolicyPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ contextValue }) {
      const overall = new Policy();
      policies.set(contextValue, overall);
      return {
        async willSendResponse({ response }) {
          policies.delete(contextValue);
          const existing = response.http.headers.get('cache-control');
          const policy = new Policy();
          policy.replace(overall);
          if (existing && existing !== 'no-store') {
            const match = CACHEABLE_HEADER.exec(existing);
            if (!match) return;
            policy.restrict({ maxAge: Number(match[1]), scope: match[2] === 'public' ? 'PUBLIC' : 'PRIVATE' });
          }
          const cacheable = policy.policyIfCacheable();
          if (cacheable && existing !== 'no-store' && response.body.kind === 'single' && !response.body.singleResult.errors) {
            response.http.headers.set('cache-control', `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}`);
          } else {
            response.http.headers.set('cache-control', 'no-store');
          }
        },
      };
    },
  };
}
