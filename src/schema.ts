// The GraphQL schema: the SDL files of schema/ (core, then one per provider) and the resolvers of the core and of
// every provider in the registry. Used by the gateway, by the federation subgraph and by tests; never listens.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { GatewayConfig } from './config.js';
import { createCoreResolvers, type CacheSeconds } from './resolvers.js';
import { providers } from './providers/index.js';
import { subscriptionResolvers } from './live/resolvers.js';

/**
 * The project's schema/ folder: beside src/ when run from the sources (tsx, vitest), two levels up when run from the
 * build (dist/src/).
 */
function schemaDir(): string {
  const candidates = ['../schema/', '../../schema/'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, 'core.graphql'))) ?? candidates[0]!;
}

/** Every `.graphql` file below schema/, in a stable order. */
export function loadTypeDefs(): string[] {
  const dir = schemaDir();
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'));
}

/** Every provider's resolvers, one map each (a provider's `Query` or `Mutation` fields add to the core's). */
export const providerResolvers = () => Object.values(providers).map((module) => module.resolvers);

export function buildSchema(
  config: Pick<GatewayConfig, 'maxIdsPerRequest'> & { live?: { enabled: boolean } },
  cacheMaxAge: CacheSeconds = {},
): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: [
      createCoreResolvers(config.maxIdsPerRequest, cacheMaxAge, config.live?.enabled ?? true),
      subscriptionResolvers(),
      ...providerResolvers(),
    ],
  });
}
