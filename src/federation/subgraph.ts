// The accounts schema as an Apollo Federation v2 subgraph: the same SDL and resolvers as the monolith, with
// `Account` (an entity interface) and every type implementing it as entities keyed by `id`, resolved through
// the request's own loaders. Nothing under schema/ is edited: the federation directives are added here.
import {
  Kind,
  concatAST,
  parse,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { GatewayConfig } from '../config.js';
import type { RequestContext } from '../context.js';
import type { AccountModel } from '../providers/models.js';
import { createCoreResolvers, type CacheSeconds } from '../resolvers.js';
import { subscriptionResolvers } from '../live/resolvers.js';
import { loadTypeDefs, providerResolvers } from '../schema.js';
import { badUserInput } from '../errors.js';
import { splitGlobalId } from '../ids.js';

/** Federation 2.4: entity interfaces (`interface Account @key(...)`, 2.3) and a `Subscription` routers can pass through (2.4). */
export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.4", import: ["@key", "@shareable"])`;

/** The entity interface; every object type implementing it becomes an entity too, with the same key. */
export const ENTITY_INTERFACE = 'Account';
const KEY_FIELDS = 'id';

type SubgraphInput = Parameters<typeof buildSubgraphSchema>[0];
type SchemaModule = Exclude<Extract<SubgraphInput, readonly unknown[]>[number], DocumentNode>;
type ResolverMap = NonNullable<SchemaModule['resolvers']>;

const keyDirective = (): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: 'key' },
  arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'fields' }, value: { kind: Kind.STRING, value: KEY_FIELDS } }],
});

const hasKey = (definition: { directives?: readonly ConstDirectiveNode[] | undefined }) =>
  (definition.directives ?? []).some((directive) => directive.name.value === 'key');

/** Names of the object types implementing the entity interface, however they were declared (definition or extension). */
function implementationsOf(document: DocumentNode, interfaceName: string): string[] {
  const names = new Set<string>();
  for (const definition of document.definitions) {
    if (
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      definition.interfaces?.some((named) => named.name.value === interfaceName)
    ) {
      names.add(definition.name.value);
    }
  }
  return [...names].sort();
}

/**
 * The subgraph SDL: the federation `@link` header, then every file of schema/ (whatever they contain now:
 * later `extend type Query` fields and `type Mutation` blocks come along), with `@key(fields: "id")` on the
 * `Account` interface definition and on the definition of each type implementing it.
 */
export function subgraphTypeDefs(typeDefs: readonly string[] = loadTypeDefs()): { document: DocumentNode; entityTypes: string[] } {
  const document = mergeRepeatedDefinitions(concatAST([parse(FEDERATION_LINK), ...typeDefs.map((source) => parse(source))]));
  const entityTypes = implementationsOf(document, ENTITY_INTERFACE);
  const keyed = new Set([ENTITY_INTERFACE, ...entityTypes]);
  let interfaceFound = false;
  const definitions = document.definitions.map((definition): DefinitionNode => {
    if (definition.kind === Kind.INTERFACE_TYPE_DEFINITION && definition.name.value === ENTITY_INTERFACE) interfaceFound = true;
    if (
      (definition.kind === Kind.INTERFACE_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_DEFINITION) &&
      keyed.has(definition.name.value) &&
      !hasKey(definition)
    ) {
      return { ...definition, directives: [...(definition.directives ?? []), keyDirective()] };
    }
    return definition;
  });
  if (!interfaceFound) throw new Error(`The schema has no interface ${ENTITY_INTERFACE}: nothing to federate.`);
  return { document: { ...document, definitions }, entityTypes };
}

const EXTENSION_KIND = {
  [Kind.OBJECT_TYPE_DEFINITION]: Kind.OBJECT_TYPE_EXTENSION,
  [Kind.INTERFACE_TYPE_DEFINITION]: Kind.INTERFACE_TYPE_EXTENSION,
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: Kind.INPUT_OBJECT_TYPE_EXTENSION,
  [Kind.ENUM_TYPE_DEFINITION]: Kind.ENUM_TYPE_EXTENSION,
  [Kind.UNION_TYPE_DEFINITION]: Kind.UNION_TYPE_EXTENSION,
  [Kind.SCALAR_TYPE_DEFINITION]: Kind.SCALAR_TYPE_EXTENSION,
} as const;

/**
 * Several files may each define the same type (every provider's `type Mutation { ... }`): makeExecutableSchema
 * merges them, federation refuses them ("There can be only one type named"). The first stays the definition;
 * later ones become extensions of it, which federation merges the same way.
 */
function mergeRepeatedDefinitions(document: DocumentNode): DocumentNode {
  const defined = new Set<string>();
  const definitions = document.definitions.map((definition): DefinitionNode => {
    if (!(definition.kind in EXTENSION_KIND)) return definition;
    const typeDefinition = definition as Extract<DefinitionNode, { kind: keyof typeof EXTENSION_KIND }>;
    const name = typeDefinition.name.value;
    if (!defined.has(name)) {
      defined.add(name);
      return definition;
    }
    const { description: _description, ...rest } = typeDefinition;
    return { ...rest, kind: EXTENSION_KIND[typeDefinition.kind] } as DefinitionNode;
  });
  return { ...document, definitions };
}

/** A reference's global id, checked for shape; loadAccount checks the rest (prefix, native id rules) before any call. */
function referenceId(reference: unknown): string {
  const id = (reference as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') throw badUserInput(`An ${ENTITY_INTERFACE} reference needs its id as a string.`);
  return id;
}

/**
 * Builds the subgraph: the monolith's resolvers (core and every provider's), plus `__resolveReference` for
 * `Account` and each implementing type through `ctx.loadAccount`, so `_entities` lookups batch and de-duplicate
 * in the same per-request loaders as `accounts(ids:)`. `_entities` takes at most `maxIdsPerRequest` references
 * and carries the same private Cache-Control hint as the root lookups.
 */
export function buildSubgraph(
  config: Pick<GatewayConfig, 'maxIdsPerRequest'> & { live?: { enabled: boolean } },
  cacheMaxAge: CacheSeconds = {},
): GraphQLSchema {
  const { document, entityTypes } = subgraphTypeDefs();
  const core = createCoreResolvers(config.maxIdsPerRequest, cacheMaxAge, config.live?.enabled ?? true);
  const resolveType = (core.Account as { __resolveType: (account: AccountModel) => string }).__resolveType;

  const entities: Record<string, { __resolveReference: (reference: unknown, ctx: RequestContext) => Promise<AccountModel> }> = {
    // An `Account` reference (from an @interfaceObject subgraph): the loaded account says which type it is.
    [ENTITY_INTERFACE]: { __resolveReference: async (reference, ctx) => ({ ...(await ctx.loadAccount(referenceId(reference))) }) },
  };
  for (const typeName of entityTypes) {
    entities[typeName] = {
      __resolveReference: async (reference, ctx) => {
        const id = referenceId(reference);
        // Refuse a `StellarAccount` reference carrying a Taler id before any upstream call.
        if (resolveType({ provider: splitGlobalId(id).provider } as AccountModel) !== typeName) throw badUserInput(`${id} is not a ${typeName}.`);
        // A copy: @apollo/subgraph writes __typename onto what this returns, and the loader's object is shared.
        return { ...(await ctx.loadAccount(id)) };
      },
    };
  }

  // Account keeps core's __resolveType next to its __resolveReference.
  const own: ResolverMap = { ...(core as ResolverMap), ...(entities as unknown as ResolverMap) };
  own[ENTITY_INTERFACE] = { ...(core.Account as object), ...entities[ENTITY_INTERFACE] } as ResolverMap[string];
  const empty: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] };
  const modules: SchemaModule[] = [
    { typeDefs: document, resolvers: own },
    // One module per provider, as buildSchema passes them: a provider's `Query` or `Mutation` fields add to core's, never replace them.
    ...providerResolvers().map((resolvers) => ({ typeDefs: empty, resolvers: resolvers as ResolverMap })),
    { typeDefs: empty, resolvers: subscriptionResolvers() as ResolverMap },
  ];
  const schema = buildSubgraphSchema(modules);
  guardEntities(schema, config.maxIdsPerRequest, cacheMaxAge, new Set([ENTITY_INTERFACE, ...entityTypes]));
  return schema;
}

/** The printed subgraph SDL, as `{ _service { sdl } }` answers it: what `rover supergraph compose` needs. */
export function printSubgraphSdl(config: Pick<GatewayConfig, 'maxIdsPerRequest'> = { maxIdsPerRequest: 100 }): string {
  return printSubgraphSchema(buildSubgraph(config));
}

/** Caps `_entities` like `accounts(ids:)` and gives it the same private cache hint (the least cacheable provider wins). */
function guardEntities(schema: GraphQLSchema, maxIds: number, cacheMaxAge: CacheSeconds, typenames: ReadonlySet<string>): void {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) throw new Error('buildSubgraphSchema produced no _entities field: no entity was declared.');
  const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve;
  field.resolve = (source, args: { representations?: readonly unknown[] }, ctx, info: GraphQLResolveInfo) => {
    const representations = args.representations ?? [];
    if (representations.length > maxIds) throw badUserInput(`At most ${maxIds} entities may be asked for at once; got ${representations.length}.`);
    // A reference to a type this subgraph does not hold is the router's (or caller's) mistake, not a server error.
    const unknown = representations.find((reference) => !typenames.has(String((reference as { __typename?: unknown } | null)?.__typename)));
    if (unknown !== undefined) throw badUserInput(`This subgraph resolves references to ${[...typenames].join(', ')} only.`);
    const ages = representations.map((reference) => {
      try {
        return cacheMaxAge[splitGlobalId(referenceId(reference)).provider] ?? 0;
      } catch {
        return 0;
      }
    });
    maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: Math.min(...ages, Number.MAX_SAFE_INTEGER), scope: 'PRIVATE' });
    return resolve(source, args, ctx, info);
  };
}
