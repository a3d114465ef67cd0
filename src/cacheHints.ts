// Cache-Control for responses: root fields decide (each account lookup hints its provider's cache TTL, anything
// else — lists, mutations — gives 0), and nested objects never restrict it.
import type { ApolloServerPlugin } from '@apollo/server';
import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import { getNamedType, isCompositeType } from 'graphql';

/**
 * Apollo gives a nested object field without a hint the default max-age (0), which would make every response
 * uncacheable. This plugin (listed before Apollo's cache-control plugin) lets nested objects inherit instead,
 * without a `@cacheControl(inheritMaxAge: true)` on every type of the schema.
 */
export const nestedObjectsInheritMaxAge: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async executionDidStart() {
        return {
          willResolveField({ info }) {
            if (info.path.prev && isCompositeType(getNamedType(info.returnType))) {
              maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: Number.MAX_SAFE_INTEGER });
            }
          },
        };
      },
    };
  },
};
