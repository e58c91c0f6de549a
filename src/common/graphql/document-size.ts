import { createHash } from 'node:crypto';
import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import { clientError, GraphQLLimitCode } from './client-error';
import { MAX_QUERY_ALIASES } from './query-limits';

/** The standard introspection query is ~2 KB; the largest screen of a real client a few KB. */
export const MAX_QUERY_BYTES = 64 * 1024;
/** The standard introspection query has ~300 tokens. */
export const MAX_QUERY_TOKENS = 10_000;

interface DocumentShape {
  /** Tokens, counted up to one past MAX_QUERY_TOKENS. */
  tokens: number;
  /** `alias: field` written in the text (outside arguments), `__typename` aside as graphql-armor counts them. */
  aliases: number;
}

/**
 * One pass of the lexer, no parse. Aliases written in the text are never
 * more than graphql-armor counts through fragments, so refusing on them here
 * is sound, and it spares parsing and validating 1,000 aliased fields (graphql-js's
 * rules take ~0.2 s on those). A lexing error is left for the parser to report.
 */
function documentShape(query: string): DocumentShape {
  const lexer = new Lexer(new Source(query));
  const shape: DocumentShape = { tokens: 0, aliases: 0 };
  let parenDepth = 0;
  let previous: TokenKind | undefined;
  let afterAliasColon = false;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF && shape.tokens <= MAX_QUERY_TOKENS; token = lexer.advance()) {
      shape.tokens++;
      if (afterAliasColon && !(token.kind === TokenKind.NAME && token.value === '__typename')) shape.aliases++;
      afterAliasColon = token.kind === TokenKind.COLON && previous === TokenKind.NAME && parenDepth === 0;
      if (token.kind === TokenKind.PAREN_L) parenDepth++;
      if (token.kind === TokenKind.PAREN_R) parenDepth--;
      previous = token.kind;
    }
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
  }
  return shape;
}

/** What a GraphQL-over-HTTP request carries: a JSON body on POST, the query string on GET. */
interface GraphQLHttpRequest {
  method?: string;
  body?: unknown;
  query?: unknown;
}

function sentParams(request: GraphQLHttpRequest): { query?: unknown; extensions?: unknown } {
  const params = (request.method === 'GET' ? request.query : request.body) as Record<string, unknown> | undefined;
  if (!params || typeof params !== 'object' || Array.isArray(params)) return {};
  let extensions = params.extensions;
  if (typeof extensions === 'string') {
    try {
      extensions = JSON.parse(extensions);
    } catch {
      extensions = undefined; // Apollo reports malformed extensions itself
    }
  }
  return { query: params.query, extensions };
}

/**
 * Refuses what would be costly to parse at all: documents over
 * MAX_QUERY_BYTES or MAX_QUERY_TOKENS (`parseOptions.maxTokens` backs the
 * token cap up inside the parser). Also refuses a persisted-query hash that
 * does not match the text sent with it, which Apollo answers without a code
 * (so it would read as INTERNAL).
 *
 * Called from the context factory: it runs before Apollo parses anything,
 * and unlike a plugin's requestDidStart, an error thrown there is answered
 * with its own status instead of a 500.
 */
export function assertDocumentFits(request: GraphQLHttpRequest): void {
  const { query, extensions } = sentParams(request);
  if (typeof query !== 'string') return;
  const bytes = Buffer.byteLength(query, 'utf8');
  if (bytes > MAX_QUERY_BYTES) {
    throw clientError(`The query is ${bytes} bytes; the limit is ${MAX_QUERY_BYTES} bytes.`, GraphQLLimitCode.TooLarge, {
      limit: MAX_QUERY_BYTES,
      actual: bytes,
    });
  }
  const shape = documentShape(query);
  if (shape.tokens > MAX_QUERY_TOKENS) {
    throw clientError(`The query has more than ${MAX_QUERY_TOKENS} tokens.`, GraphQLLimitCode.TooLarge, { limit: MAX_QUERY_TOKENS });
  }
  if (shape.aliases > MAX_QUERY_ALIASES) {
    throw clientError(`Query has ${shape.aliases} aliases; the limit is ${MAX_QUERY_ALIASES}.`, GraphQLLimitCode.TooComplex, {
      limit: MAX_QUERY_ALIASES,
      actual: shape.aliases,
    });
  }
  const sentHash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
  if (typeof sentHash === 'string' && sentHash !== createHash('sha256').update(query).digest('hex')) {
    throw clientError('The persisted-query sha256Hash does not match the query sent with it.', GraphQLLimitCode.PersistedQueryHashMismatch);
  }
}
