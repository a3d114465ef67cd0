// The audit trail: one `audit` log line per mutation field, naming who changed what and how it ended.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
// graphql-js's own field collection (fragments, @skip/@include, merging), as execution does it.
import { collectFields } from 'graphql/execution/collectFields.js';
import type { Logger } from 'pino';
import type { Caller } from '../auth.js';
import type { RequestScope } from './requestScope.js';

export interface AuditContext {
  readonly caller?: Caller | undefined;
  readonly scope?: RequestScope | undefined;
}

/** One audit record: never a credential, never an input value other than the account id. */
export interface AuditRecord {
  audit: true;
  requestId: string | null;
  callerId: string;
  /** The mutation field, e.g. `interledgerAccountUpdate`. */
  operation: string;
  /** The global id of the account changed (or asked to be), where known. */
  accountId: string | null;
  /** `ok`; `refused` with the userErrors' codes; `challenge` (a second factor is required); or the error code. */
  outcome: string;
  userErrorCodes?: string[];
}

/** Writes the audit line of every mutation field once the response is ready (also when it failed before running). */
export function auditPlugin<T extends AuditContext>(logger: Logger): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, document, schema, request, response }) {
          if (operation?.operation !== 'mutation' || !document || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const variables = request.variables ?? {};
          for (const [key, field] of mutationFields(schema, document, operation, variables)) {
            logger.info(auditRecord(key, field, contextValue, data ?? null, errors ?? [], variables), 'audit');
          }
        },
      };
    },
  };
}

/**
 * The mutation's root fields as graphql-js executes them: through inline fragments and fragment spreads, `@skip` and
 * `@include` applied, identical fields merged under one response key; `__typename` left out.
 */
function mutationFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): Array<[string, FieldNode]> {
  const mutationType = schema.getMutationType();
  if (!mutationType) return [];
  const fragments = Object.fromEntries(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const fields = collectFields(schema, fragments, variables as Record<string, unknown>, mutationType, operation.selectionSet);
  return [...fields].flatMap(([key, nodes]) => (nodes[0] && !nodes[0].name.value.startsWith('__') ? [[key, nodes[0]] as [string, FieldNode]] : []));
}

function auditRecord(
  key: string,
  field: FieldNode,
  { caller, scope }: AuditContext,
  data: Record<string, unknown> | null,
  errors: readonly GraphQLFormattedError[],
  variables: Readonly<Record<string, unknown>>,
): AuditRecord {
  const result = (data?.[key] ?? null) as {
    account?: { id?: unknown } | null;
    deletedId?: unknown;
    userErrors?: Array<{ code?: unknown }>;
    challenge?: unknown;
  } | null;
  const error = errors.find((item) => item.path === undefined || item.path[0] === key);
  const userErrorCodes = (result?.userErrors ?? []).map((item) => String(item.code ?? 'INVALID'));
  const outcome = error
    ? String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')
    : userErrorCodes.length > 0
      ? 'refused'
      : result?.challenge
        ? 'challenge'
        : 'ok';
  return {
    audit: true,
    requestId: scope?.requestId ?? null,
    callerId: caller?.id ?? 'unknown',
    operation: field.name.value,
    accountId: accountIdOf(field, result, variables),
    outcome,
    ...(userErrorCodes.length > 0 ? { userErrorCodes } : {}),
  };
}

/** The account's global id: from the answer (account.id, deletedId), else the field's `id` argument. */
function accountIdOf(
  field: FieldNode,
  result: { account?: { id?: unknown } | null; deletedId?: unknown } | null,
  variables: Readonly<Record<string, unknown>>,
): string | null {
  const answered = result?.account?.id ?? result?.deletedId;
  if (typeof answered === 'string') return answered;
  const argument = field.arguments?.find((arg) => arg.name.value === 'id')?.value;
  if (argument?.kind === Kind.STRING) return argument.value;
  if (argument?.kind === Kind.VARIABLE) {
    const value = variables[argument.name.value];
    return typeof value === 'string' ? value.slice(0, 300) : null;
  }
  return null;
}
