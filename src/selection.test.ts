import { describe, expect, it } from 'vitest';
import { parse, execute, type GraphQLResolveInfo } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { selectedFieldNames } from './selection.js';

const schema = makeExecutableSchema({
  typeDefs: `
    interface Account { id: ID! }
    type A implements Account { id: ID! balances: [Int!]! name: String }
    type B implements Account { id: ID! other: Int }
    type Query { accounts: [Account]! }`,
  resolvers: { Account: { __resolveType: () => 'A' } },
});

/** The names selected on `typename` below `accounts` in `query`, as the root resolver sees them. */
function namesFor(query: string, typename: string): string[] {
  let names: string[] = [];
  execute({
    schema,
    document: parse(query),
    rootValue: {
      accounts: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => ((names = [...selectedFieldNames(info, typename)].sort()), []),
    },
  });
  return names;
}

describe('selectedFieldNames', () => {
  it.each([
    ['direct fields', '{ accounts { id } }', ['id']],
    ['an inline fragment on the type', '{ accounts { id ... on A { balances } } }', ['balances', 'id']],
    ['an inline fragment on its interface', '{ accounts { ... on Account { id } } }', ['id']],
    [
      'a named fragment, nested in another',
      '{ accounts { ...outer } } fragment outer on Account { ...inner } fragment inner on A { name }',
      ['name'],
    ],
    ['aliased fields by their field name', '{ accounts { ... on A { money: balances } } }', ['balances']],
  ])('finds %s', (_case, query, expected) => {
    expect(namesFor(query, 'A')).toEqual(expected);
  });

  it('leaves out fields selected only on another type', () => {
    expect(namesFor('{ accounts { id ... on B { other } } }', 'A')).toEqual(['id']);
    expect(namesFor('{ accounts { id ... on B { other } } }', 'B')).toEqual(['id', 'other']);
  });
});
