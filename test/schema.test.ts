// The served schema against the contract's minimum: additions are fine, anything breaking is not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchema as buildSdl, findBreakingChanges, isObjectType, type GraphQLNamedType } from 'graphql';
import { buildSchema } from '../src/schema.js';

const contract = buildSdl(readFileSync(new URL('./contract/minimum-schema.graphql', import.meta.url), 'utf8'));
const served = buildSchema({ maxIdsPerRequest: 100 });

describe('the schema', () => {
  it('keeps every type, field and argument of the contract’s minimum schema', () => {
    expect(findBreakingChanges(contract, served).map((change) => change.description)).toEqual([]);
  });

  it('has the five account types, each implementing Account and Node', () => {
    const accountTypes = served
      .getPossibleTypes(served.getType('Account') as never)
      .map((type) => type.name)
      .sort();
    expect(accountTypes).toEqual(['ConduitAccount', 'InterledgerAccount', 'MidazAccount', 'StellarAccount', 'TalerAccount']);
    for (const name of accountTypes) {
      const type = served.getType(name);
      expect(
        isObjectType(type) &&
          type
            .getInterfaces()
            .map((i) => i.name)
            .sort(),
      ).toEqual(['Account', 'Node']);
    }
  });

  it('describes every type and field of its own', () => {
    const own = Object.values(served.getTypeMap()).filter(
      (type: GraphQLNamedType) => !type.name.startsWith('__') && !['String', 'Int', 'Boolean', 'ID', 'Float'].includes(type.name),
    );
    const undocumented = own.flatMap((type) => {
      const missing = type.description ? [] : [type.name];
      const fields =
        'getFields' in type
          ? Object.values(type.getFields())
              .filter((f) => !f.description)
              .map((f) => `${type.name}.${f.name}`)
          : [];
      const values =
        'getValues' in type
          ? type
              .getValues()
              .filter((v) => !v.description)
              .map((v) => `${type.name}.${v.name}`)
          : [];
      return [...missing, ...fields, ...values];
    });
    expect(undocumented).toEqual([]);
  });
});
