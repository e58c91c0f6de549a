import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { graphqlErrorMetricsPlugin } from '../../modules/metrics/graphql-error-metrics.plugin';
import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import { GraphQLFormattedError } from 'graphql';
import { toGraphQLError } from '../errors/problem-details.filter';
import { toDomainError } from '../errors/to-domain-error';
import { GeoJSONScalar } from '../geo/geojson.scalar';
import { GraphQLJSONObject } from './json-object.scalar';
import { ErrorCode } from '../errors/domain-error';
import { LoaderRegistry } from './loaders';
import { GraphQLLimitCode } from './client-error';
import { assertDocumentFits, MAX_QUERY_TOKENS } from './document-size';
import { graphqlIdePagePlugin } from './ide-page';
import { operationKindPlugin } from './operation-kind.plugin';
import { queryAliasesRule, queryCostPlugin, queryDepthRule } from './query-limits';
import { storableTextRule, storableVariablesPlugin } from './storable-text';

/** Codes Apollo itself assigns to a bad request (malformed query, bad variables). */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  ...Object.values(GraphQLLimitCode),
]);
const OUR_CODES = new Set<string>(Object.values(ErrorCode));
const logger = new Logger('GraphQL');
const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/**
 * Keeps known error codes, hides the internals of anything else. Errors
 * thrown in field resolvers (batched relation loads) never pass the Nest
 * exception filter, so a database outage or bad input there is mapped here,
 * the same way toDomainError maps it for REST.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
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
  const domain = error === undefined ? null : toDomainError(unwrapResolverError(error));
  if (domain && domain.code !== ErrorCode.Internal) {
    const { extensions } = toGraphQLError(domain);
    return { message: domain.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  if (error !== undefined) logger.error(describe(unwrapResolverError(error)));
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
    // Apollo's landing page and Nest's GraphiQL load scripts from a CDN; we serve
    // no third-party code. Browsers get our own static page instead (ide-page.ts).
    playground: false,
    introspection: true,
    resolvers: { GeoJSON: GeoJSONScalar, JSONObject: GraphQLJSONObject },
    // Apollo calls this before it parses the document (see assertDocumentFits)
    context: (request: Parameters<typeof assertDocumentFits>[0]) => {
      assertDocumentFits(request);
      return { loaders: new LoaderRegistry() };
    },
    formatError: formatGraphQLError,
    includeStacktraceInErrorResponses: false,
    // Bounds for a public endpoint, cheapest first: size and tokens before parsing
    // (assertDocumentFits; maxTokens backs it up inside the parser), then depth,
    // aliases and unstorable text at validation, then cost once the variables are
    // known. Automatic persisted queries (Apollo's default in-memory APQ cache)
    // let clients send a hash instead of the text.
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    validationRules: [queryDepthRule, queryAliasesRule, storableTextRule],
    // Responses are no-store (http-caching.ts), so Apollo's cache-control hints,
    // which wrap every field resolver to compute them, would be pure overhead.
    plugins: [
      graphqlErrorMetricsPlugin,
      operationKindPlugin,
      storableVariablesPlugin,
      queryCostPlugin,
      ApolloServerPluginCacheControlDisabled(),
      graphqlIdePagePlugin(),
    ],
    // Apollo pretty-prints results by default (2-space indents: ~40% more bytes
    // to build and send for a page of search results); clients parse JSON anyway.
    stringifyResult: (result) => JSON.stringify(result),
  };
}
