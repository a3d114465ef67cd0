// The custom scalars: exact decimals, date-times and big integers, all carried as strings.
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isDecimal } from './decimal.js';
import { badUserInput } from './errors.js';

function stringScalar(name: string, description: string, isValid: (value: string) => boolean): GraphQLScalarType<string, string> {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !isValid(value)) throw badUserInput(`${name} must be ${description}.`);
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => {
      if (typeof value !== 'string' || !isValid(value)) throw new TypeError(`${name} cannot represent ${typeof value}`);
      return value;
    },
    parseValue: check,
    parseLiteral: (ast: ValueNode) => check(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

export const DecimalScalar = stringScalar('Decimal', "a decimal string: optional '-', digits, optional '.' and digits", isDecimal);
export const BigIntScalar = stringScalar('BigInt', 'a base-10 integer string', (value) => /^-?\d+$/.test(value));
export const DateTimeScalar = stringScalar('DateTime', 'an ISO 8601 date-time string', (value) => !Number.isNaN(Date.parse(value)));
