// What a query selects below a field: lets a lookup start the calls of lazy fields it will need at once.
import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The names of the fields selected on objects of `typename` (directly, through `... on` it or its interfaces, or unconditioned fragments). */
export function selectedFieldNames(info: GraphQLResolveInfo, typename: string): Set<string> {
  const type = info.schema.getType(typename);
  const interfaces = new Set(type && 'getInterfaces' in type ? type.getInterfaces().map((i) => i.name) : []);
  const applies = (condition: string | undefined) => !condition || condition === typename || interfaces.has(condition);
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) visit(selection.selectionSet, seen);
      } else {
        const name = selection.name.value;
        const fragment: FragmentDefinitionNode | undefined = info.fragments[name];
        if (fragment && !seen.has(name) && applies(fragment.typeCondition.name.value)) visit(fragment.selectionSet, new Set([...seen, name]));
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, new Set());
  return names;
}
