import {
  ASTVisitor,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLObjectType,
  GraphQLSchema,
  isListType,
  isObjectType,
  Kind,
  SelectionSetNode,
  ValidationContext,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { MAX_PAGE_SIZE } from '../pagination/page';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 25_000;
/** Assumed size of a list without a `limit` argument (e.g. Organization.services). */
const UNBOUNDED_LIST_SIZE = 10;

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  seen: Set<string>;
  variables?: Record<string, unknown>;
}

/** Fields inside a selection set, with fragments and inline fragments opened. */
function fieldsOf(selectionSet: SelectionSetNode, walk: Walk): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, walk);
    const fragment = walk.fragments[selection.name.value];
    if (!fragment || walk.seen.has(fragment.name.value)) return [];
    walk.seen.add(fragment.name.value);
    const fields = fieldsOf(fragment.selectionSet, walk);
    walk.seen.delete(fragment.name.value);
    return fields;
  });
}

function depthOf(selectionSet: SelectionSetNode | undefined, walk: Walk): number {
  if (!selectionSet) return 0;
  return 1 + Math.max(0, ...fieldsOf(selectionSet, walk).map((f) => depthOf(f.selectionSet, walk)));
}

/** A list field costs its children times its size: the `limit` it asks for (worst case when a variable), or a guess. */
function costOf(selectionSet: SelectionSetNode | undefined, parent: GraphQLObjectType, walk: Walk): number {
  if (!selectionSet) return 0;
  let cost = 0;
  for (const field of fieldsOf(selectionSet, walk)) {
    const definition = parent.getFields()[field.name.value];
    if (!definition) continue; // unknown fields are reported by the standard rules
    const type = getNamedType(definition.type);
    const limitArg = field.arguments?.find((a) => a.name.value === 'limit');
    const asked = (value: unknown) => (typeof value === 'number' && value > 0 ? Math.min(value, MAX_PAGE_SIZE) : MAX_PAGE_SIZE);
    const size = limitArg
      ? limitArg.value.kind === Kind.INT
        ? asked(Number(limitArg.value.value))
        : limitArg.value.kind === Kind.VARIABLE
          ? asked(walk.variables?.[limitArg.value.name.value])
          : MAX_PAGE_SIZE
      : isListType(getNullableType(definition.type)) && field.name.value !== 'data' // a page's data is bounded by its limit
        ? UNBOUNDED_LIST_SIZE
        : 1;
    const children = isObjectType(type) ? costOf(field.selectionSet, type, walk) : 0;
    cost += 1 + size * children;
  }
  return cost;
}

function limitError(message: string, code: string, limit: number, actual: number): GraphQLError {
  // Apollo files validation errors under GRAPHQL_VALIDATION_FAILED; formatGraphQLError restores `limit_code`
  return new GraphQLError(message, { extensions: { code, limit_code: code, status: 400, limit, actual } });
}

/**
 * Public GraphQL needs bounds. Depth: at most MAX_QUERY_DEPTH levels,
 * checked at validation. Cost: at most MAX_QUERY_COST (fields times the list
 * sizes they may return), checked once the variables are known (a plugin),
 * before anything runs.
 */
export function queryDepthRule(context: ValidationContext): ASTVisitor {
  const document = context.getDocument();
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return {
    OperationDefinition(operation) {
      const walk: Walk = { schema: context.getSchema(), fragments, seen: new Set() };
      const depth = depthOf(operation.selectionSet, walk);
      if (depth > MAX_QUERY_DEPTH) {
        context.reportError(limitError(`Query is ${depth} levels deep; the limit is ${MAX_QUERY_DEPTH}.`, 'QUERY_TOO_DEEP', MAX_QUERY_DEPTH, depth));
        return;
      }
    },
  };
}

/** Apollo plugin: rejects an operation whose cost, with its variables, is over MAX_QUERY_COST. */
export const queryCostPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, operation, request, schema }) {
        const fragments = Object.fromEntries(
          document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
        );
        if (!operation) return;
        const walk: Walk = { schema, fragments, seen: new Set(), variables: request.variables };
        const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
        if (!root) return;
        const cost = costOf(operation.selectionSet, root, walk);
        if (cost > MAX_QUERY_COST) {
          const error = limitError(`Query cost ${cost} exceeds ${MAX_QUERY_COST}; ask for smaller pages or fewer nested lists.`, 'QUERY_TOO_COMPLEX', MAX_QUERY_COST, cost);
          throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
        }
      },
    };
  },
};
