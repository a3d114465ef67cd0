// Rules on a whole GraphQL operation, checked once it is parsed and validated and before any resolver (so before any
// upstream call): the caller's scope for mutations, and the budget of account lookups across every field.
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { Scope, type Caller } from './auth.js';

/** Root fields that look accounts up, and how many lookups one of them makes: the length of its id list argument. */
const LOOKUP_ARGUMENTS: Readonly<Record<string, string>> = {
  account: 'id',
  node: 'id',
  accounts: 'ids',
  nodes: 'ids',
  activity: 'ids',
  _entities: 'representations',
  accountUpdated: 'ids',
  activityAdded: 'ids',
};

/** What the plugin needs from the context: the caller (absent outside HTTP: tests building a bare server). */
export interface CallerContext {
  readonly caller?: Caller | undefined;
}

/**
 * Refuses, before any resolver runs: a subscription sent as a plain HTTP request (OPERATION_NOT_SUPPORTED, 400); a mutation from a caller without `accounts:write` (FORBIDDEN, HTTP 403), and an
 * operation whose lookups (every `account`, `accounts`, `node`, `nodes`, `activity` and `_entities` field, through
 * aliases, fragments and variables) exceed `maxLookups` (BAD_USER_INPUT, HTTP 400).
 */
export function operationRulesPlugin<T extends CallerContext>(maxLookups: number): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, request }) {
          if (!operation) return;
          if (operation.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are not served over HTTP POST or GET here; use a WebSocket (graphql-ws) or server-sent events.', {
              extensions: { code: 'OPERATION_NOT_SUPPORTED', http: { status: 400 } },
            });
          }
          const caller = contextValue.caller;
          if (operation.operation === 'mutation' && caller) {
            const refused = mutationFields(document, operation).find((field) => !mayWrite(caller, field));
            if (refused !== undefined) {
              throw new GraphQLError(
                `${refused} needs the ${Scope.Write} scope (or ${Scope.Write}:${providerOf(refused)}); this caller has ${[...caller.scopes].join(' ') || 'none'}.`,
                {
                  extensions: { code: 'FORBIDDEN', http: { status: 403 } },
                },
              );
            }
          }
          const lookups = countLookups(document, operation, request.variables ?? {});
          if (lookups > maxLookups) {
            throw new GraphQLError(`At most ${maxLookups} account lookups may be made in one operation; this one makes ${lookups}.`, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** The provider a mutation field belongs to: its name's lower-case prefix (`midazAccountCreate` → `midaz`). */
const providerOf = (field: string): string => /^[a-z]+/.exec(field)?.[0] ?? field;

/** `accounts:write` allows every mutation; `accounts:write:<provider>` only that provider's. */
const mayWrite = (caller: Caller, field: string): boolean =>
  caller.scopes.has(Scope.Write) || caller.scopes.has(`${Scope.Write}:${providerOf(field)}`);

/** The root fields of a mutation, through inline fragments and fragment spreads (`__typename` left out). */
function mutationFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const names: string[] = [];
  walkRootFields(document, operation, (field) => {
    if (!field.name.value.startsWith('__')) names.push(field.name.value);
  });
  return names;
}

/** Calls `visit` for every root field of the operation, fragments expanded (each fragment once per path). */
export function walkRootFields(document: DocumentNode, operation: OperationDefinitionNode, visit: (field: FieldNode) => void): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const walk = (set: SelectionSetNode, seen: ReadonlySet<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) visit(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet, new Set([...seen, selection.name.value]));
      }
    }
  };
  walk(operation.selectionSet, new Set());
}

/** The account lookups an operation makes: fragments expanded, variables read, `@skip`/`@include` ignored (counted). */
export function countLookups(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>): number {
  // A variable the request does not send takes its default from the document: count that too.
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  let total = 0;
  walkRootFields(document, operation, (field) => (total += lookupsOf(field, variables, defaults)));
  return total;
}

function lookupsOf(field: FieldNode, variables: Readonly<Record<string, unknown>>, defaults: ReadonlyMap<string, ValueNode>): number {
  const argumentName = LOOKUP_ARGUMENTS[field.name.value];
  const argument = argumentName ? field.arguments?.find((arg) => arg.name.value === argumentName) : undefined;
  return argument ? sizeOf(argument.value, variables, defaults) : 0;
}

/** How many ids a value holds: a list's length, one for a single value (a list coerces from one). */
function sizeOf(value: ValueNode, variables: Readonly<Record<string, unknown>>, defaults: ReadonlyMap<string, ValueNode>): number {
  if (value.kind === Kind.LIST) return value.values.length;
  if (value.kind === Kind.NULL) return 0;
  if (value.kind === Kind.VARIABLE) {
    const name = value.name.value;
    if (!Object.hasOwn(variables, name)) {
      const fallback = defaults.get(name);
      return fallback ? sizeOf(fallback, {}, new Map()) : 0;
    }
    const given = variables[name];
    return Array.isArray(given) ? given.length : given === undefined || given === null ? 0 : 1;
  }
  return 1;
}
