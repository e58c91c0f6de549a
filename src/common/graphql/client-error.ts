import { GraphQLError } from 'graphql';

/** Codes of our own for requests the GraphQL layer refuses before running them. */
export const GraphQLLimitCode = {
  TooLarge: 'QUERY_TOO_LARGE',
  TooDeep: 'QUERY_TOO_DEEP',
  TooComplex: 'QUERY_TOO_COMPLEX',
  PersistedQueryHashMismatch: 'PERSISTED_QUERY_HASH_MISMATCH',
} as const;

/**
 * A 400 with our code. Apollo files every validation error under
 * GRAPHQL_VALIDATION_FAILED, overwriting `code`; formatGraphQLError restores
 * it from `limit_code`. `http` sets the status when thrown from a plugin hook.
 */
export function clientError(message: string, code: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { ...extensions, code, limit_code: code, status: 400, http: { status: 400 } },
  });
}
