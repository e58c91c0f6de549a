import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { ApolloServerPlugin } from '@apollo/server';
import { FragmentDefinitionNode, GraphQLError, Kind, ValidationRule } from 'graphql';
import { clientError, GraphQLLimitCode } from './client-error';
import { operationCost } from './query-cost';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 25_000;
/** The standard introspection query costs ~21,000 on today's schema: room for the schema to grow fivefold. */
export const MAX_INTROSPECTION_COST = 100_000;
/** Enough for any screen of a client; 1,000 aliased searches are an attack, not a screen. */
export const MAX_QUERY_ALIASES = 40;

/** graphql-armor reports "… exceeded, found N."; we keep the number for clients. */
function found(error: GraphQLError): number | undefined {
  const match = /found (\d+)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}

/**
 * Depth: at most MAX_QUERY_DEPTH levels of fields (fragments do not add a
 * level). graphql-armor's walk visits each fragment once (memoized), so a
 * fragment bomb costs linear time. Introspection (`__schema`) is exempt: the
 * standard introspection query is 15 levels deep; its cost still counts.
 */
export const queryDepthRule: ValidationRule = maxDepthRule({
  n: MAX_QUERY_DEPTH,
  flattenFragments: true,
  ignoreIntrospection: true,
  propagateOnRejection: false,
  onReject: [
    (context, error) =>
      context?.reportError(
        clientError(`Query is ${found(error) ?? 'too many'} levels deep; the limit is ${MAX_QUERY_DEPTH}.`, GraphQLLimitCode.TooDeep, {
          limit: MAX_QUERY_DEPTH,
          actual: found(error),
        }),
      ),
  ],
});

/** Aliases multiply work without growing the document much; counted through fragments (memoized). */
export const queryAliasesRule: ValidationRule = maxAliasesRule({
  n: MAX_QUERY_ALIASES,
  propagateOnRejection: false,
  onReject: [
    (context, error) =>
      context?.reportError(
        clientError(`Query has ${found(error) ?? 'too many'} aliases; the limit is ${MAX_QUERY_ALIASES}.`, GraphQLLimitCode.TooComplex, {
          limit: MAX_QUERY_ALIASES,
          actual: found(error),
        }),
      ),
  ],
});

function tooComplex(what: string, cost: number, limit: number): GraphQLError {
  const finite = Number.isFinite(cost);
  return clientError(
    `${what} cost ${finite ? cost : 'unbounded'} exceeds ${limit}; ask for smaller pages, fewer aliases or fewer nested lists.`,
    GraphQLLimitCode.TooComplex,
    { limit, actual: finite ? cost : undefined },
  );
}

/** Apollo plugin: rejects an operation whose cost, with its variables, is over MAX_QUERY_COST, before anything runs. */
export const queryCostPlugin: ApolloServerPlugin = {
  requestDidStart() {
    return Promise.resolve({
      // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's hook returns a Promise; async turns the refusal thrown below into the rejection Apollo expects
      async didResolveOperation({ document, operation, request, schema }) {
        if (!operation) return;
        const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
        const cost = operationCost(schema, operation, fragments, request.variables ?? {});
        if (cost.data > MAX_QUERY_COST) throw tooComplex('Query', cost.data, MAX_QUERY_COST);
        if (cost.introspection > MAX_INTROSPECTION_COST) throw tooComplex('Introspection', cost.introspection, MAX_INTROSPECTION_COST);
      },
    });
  },
};
