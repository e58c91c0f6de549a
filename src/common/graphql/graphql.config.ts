import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLFormattedError } from 'graphql';
import { GeoJSONScalar } from '../geo/geojson.scalar';
import { GraphQLJSONObject } from './json-object.scalar';
import { ErrorCode } from '../errors/domain-error';
import { LoaderRegistry } from './loaders';
import { queryCostPlugin, queryDepthRule } from './query-limits';

/** Codes Apollo itself assigns to a bad request (malformed query, bad variables). */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
]);
const OUR_CODES = new Set<string>(Object.values(ErrorCode));

/** Keeps known error codes, hides the internals of anything else. */
export function formatGraphQLError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const limitCode = formatted.extensions?.limit_code as string | undefined;
  if (limitCode) {
    const { limit_code: _limitCode, stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: { ...extensions, code: limitCode } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && (OUR_CODES.has(code) || CLIENT_ERROR_CODES.has(code))) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'An unexpected error occurred. It has been logged.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.Internal, status: 500 },
  };
}

export function graphqlConfig(): ApolloDriverConfig {
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // The Apollo landing page loads scripts from a CDN; we serve no third-party code.
    playground: false,
    introspection: true,
    resolvers: { GeoJSON: GeoJSONScalar, JSONObject: GraphQLJSONObject },
    context: () => ({ loaders: new LoaderRegistry() }),
    formatError: formatGraphQLError,
    includeStacktraceInErrorResponses: false,
    // depth and cost bounds for a public endpoint; automatic persisted queries
    // (Apollo's default in-memory APQ cache) let clients send a hash instead of the text
    validationRules: [queryDepthRule],
    // Responses are no-store (http-caching.ts), so Apollo's cache-control hints,
    // which wrap every field resolver to compute them, would be pure overhead.
    plugins: [queryCostPlugin, ApolloServerPluginCacheControlDisabled()],
    // Apollo pretty-prints results by default (2-space indents: ~40% more bytes
    // to build and send for a page of search results); clients parse JSON anyway.
    stringifyResult: (result) => JSON.stringify(result),
  };
}
