import {
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isIntrospectionType,
  isListType,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination/page';
import { introspectionListSizes, IntrospectionListSizes } from './introspection-sizes';

/**
 * Assumed size of a list with no `limit` whose length depends on the data
 * (Organization.services, Location.phones): a provider rarely has more.
 */
export const RELATION_LIST_SIZE = 10;
/**
 * Nesting beyond this is refused as too costly rather than walked: it keeps
 * the walk's recursion (and the stack) bounded whatever the document.
 */
const MAX_WALK_DEPTH = 100;

/**
 * Cost in two budgets: `data` for fields our resolvers answer (the
 * database), `introspection` for `__schema`/`__type` (answered from memory,
 * and by design much larger: the standard introspection query is ~21,000).
 */
export interface QueryCost {
  data: number;
  introspection: number;
}

const ZERO: QueryCost = { data: 0, introspection: 0 };
const UNBOUNDED: QueryCost = { data: Infinity, introspection: Infinity };
const add = (a: QueryCost, b: QueryCost): QueryCost => ({ data: a.data + b.data, introspection: a.introspection + b.introspection });

interface CostWalk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  introspection: IntrospectionListSizes;
  /** Cost of each fragment, computed once: a fragment's cost does not depend on where it is spread. */
  fragmentCosts: Map<string, QueryCost>;
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return 'getFields' in parent ? parent.getFields()[name] : undefined;
}

/** The page size a `limit` argument asks for: a literal, a variable, or the default the resolver applies. */
function askedLimit(value: ValueNode | undefined, walk: CostWalk): number {
  const asked = value?.kind === Kind.INT ? Number(value.value) : value?.kind === Kind.VARIABLE ? walk.variables[value.name.value] : undefined;
  if (typeof asked !== 'number' || !Number.isFinite(asked)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(asked, 1), MAX_PAGE_SIZE);
}

/** How many times a field's selection is answered: its page size, its list's real size, or 1. */
function multiplier(field: FieldNode, definition: GraphQLField<unknown, unknown>, parent: GraphQLCompositeType, walk: CostWalk): number {
  if (definition.args.some((arg) => arg.name === 'limit')) {
    return askedLimit(field.arguments?.find((arg) => arg.name.value === 'limit')?.value, walk);
  }
  if (!isListType(getNullableType(definition.type))) return 1;
  // a page's rows are already counted by the page's limit
  if (field.name.value === 'data' && parent.name.endsWith('Page')) return 1;
  return walk.introspection[`${parent.name}.${field.name.value}`] ?? RELATION_LIST_SIZE;
}

function fragmentCost(name: string, walk: CostWalk, depth: number): QueryCost {
  const known = walk.fragmentCosts.get(name);
  if (known !== undefined) return known;
  const fragment = walk.fragments.get(name);
  const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
  // 0 while in progress: a cycle is reported by the standard rules, not walked
  walk.fragmentCosts.set(name, ZERO);
  const cost = fragment && isCompositeType(type) ? selectionCost(fragment.selectionSet, type, walk, depth + 1) : ZERO;
  walk.fragmentCosts.set(name, cost);
  return cost;
}

/** Each field costs 1 plus its children times the number of times they are answered. */
function selectionCost(selectionSet: SelectionSetNode, parent: GraphQLCompositeType, walk: CostWalk, depth: number): QueryCost {
  if (depth > MAX_WALK_DEPTH) return UNBOUNDED;
  let cost = ZERO;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      cost = add(cost, fragmentCost(selection.name.value, walk, depth));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (isCompositeType(type)) cost = add(cost, selectionCost(selection.selectionSet, type, walk, depth + 1));
    } else {
      const definition = fieldDefinition(walk.schema, parent, selection.name.value);
      if (!definition) continue; // unknown fields are reported by the standard rules
      const type = getNamedType(definition.type);
      const children = selection.selectionSet && isCompositeType(type) ? selectionCost(selection.selectionSet, type, walk, depth + 1) : ZERO;
      const times = multiplier(selection, definition, parent, walk);
      const own = 1 + times * (children.data + children.introspection);
      // below __schema and __type everything is introspection
      const isIntrospection = definition === SchemaMetaFieldDef || definition === TypeMetaFieldDef || isIntrospectionType(parent);
      cost = add(cost, isIntrospection ? { data: 0, introspection: own } : { data: own, introspection: 0 });
    }
  }
  return cost;
}

/**
 * Cost of an operation: the number of values it may answer, each list
 * counted by what it can really return. Linear in the document: every
 * fragment is costed once however often it is spread.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Record<string, unknown> = {},
): QueryCost {
  const root = schema.getRootType(operation.operation);
  if (!root) return ZERO;
  const walk: CostWalk = {
    schema,
    fragments: new Map(fragments.map((fragment) => [fragment.name.value, fragment])),
    variables,
    introspection: introspectionListSizes(schema),
    fragmentCosts: new Map(),
  };
  return selectionCost(operation.selectionSet, root, walk, 0);
}
