import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { assertStorableJson, assertStorableText } from '../validation/storable-text';
import { instanceOf, sendProblem } from './problem-responses';

/** GraphQL checks its own arguments (and answers in GraphQL's error shape). */
const GRAPHQL_ROUTES = new Set(['/graphql']);
/**
 * Imports take whole files: their parsers report text PostgreSQL cannot store
 * with the file's line number, which is more use than a JSON path, and they
 * may take non-JSON bodies (text/csv).
 */
const IMPORT_ROUTE = /^\/v1\/imports(\/|$)/;
const IMPORT_FILE_FIELDS = /^(content|files)([.[]|$)/;
/**
 * Routes registered on Fastify directly, outside Nest controllers (so the
 * DeclaredQueryInterceptor never sees them), that take no parameters.
 */
const RAW_ROUTES_WITHOUT_QUERY = new Set(['/hsds/', '/openapi.json', '/openapi.yaml']);

/**
 * Parameters that may be repeated, per route: search's code filters, where a
 * repetition ANDs (`access=a&access=b`) and commas OR. Any other repeated
 * parameter is ambiguous and answered with a 400.
 */
const REPEATABLE: Record<string, ReadonlySet<string>> = {
  '/v1/search': new Set(['service', 'language', 'transport', 'access', 'population', 'principle']),
};

/** Names that live on every object's prototype: as parameters they can only be probes. */
function isPrototypeName(name: string): boolean {
  return name in Object.prototype || name === 'prototype';
}

function checkQuery(query: unknown, route: string): void {
  if (!query || typeof query !== 'object') return;
  for (const [name, value] of Object.entries(query)) {
    // eslint-disable-next-line no-control-regex -- control characters are what this masks out of the echoed name
    assertStorableText(name, name.slice(0, 60).replace(/[\u0000-\u001f]/g, '?') || '(empty name)');
    if (isPrototypeName(name)) {
      throw new DomainError(ErrorCode.InvalidParameter, `Unknown parameter '${name}'.`, [{ name, reason: 'is not a parameter of this API' }]);
    }
    if (Array.isArray(value) && REPEATABLE[route]?.has(name)) {
      for (const one of value) if (typeof one === 'string') assertStorableText(one, name);
    } else if (Array.isArray(value)) {
      throw DomainError.invalidParameter(
        name.slice(0, 60),
        'is given more than once; give it once (comma-separate several values where the parameter takes a list)',
      );
    }
    if (typeof value === 'string') assertStorableText(value, name);
  }
}

function rejectAnyQuery(query: unknown): void {
  const names = Object.keys(query ?? {}).map((name) => name.slice(0, 60));
  if (!names.length) return;
  throw new DomainError(
    ErrorCode.InvalidParameter,
    `Unknown parameter ${names.map((n) => `'${n}'`).join(', ')}: this endpoint takes no query parameters.`,
    names.map((name) => ({ name, reason: 'is not a parameter of this endpoint' })),
  );
}

function checkParams(params: unknown): void {
  if (!params || typeof params !== 'object') return;
  for (const [name, value] of Object.entries(params)) if (typeof value === 'string') assertStorableText(value, name);
}

function checkBody(request: FastifyRequest, route: string): void {
  const body = request.body;
  if (body === undefined || body === null) return;
  const isImport = IMPORT_ROUTE.test(route);
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    // a parser for another media type exists (imports' text/csv): only imports may use it
    if (isImport) return;
    throw new DomainError(ErrorCode.UnsupportedMediaType, 'Request bodies must be JSON: content-type: application/json.');
  }
  assertStorableJson(body, '', isImport ? (path) => IMPORT_FILE_FIELDS.test(path) : undefined);
}

/**
 * The input rules that hold for every endpoint, checked once before any
 * handler: no text PostgreSQL cannot store (in a parameter, a path segment or
 * anywhere in a JSON body, named by its path), no parameter given twice, no
 * prototype names as parameters. Each failure is a 400 naming the field.
 */
export function registerHostileInputChecks(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? request.url.split('?')[0];
    if (GRAPHQL_ROUTES.has(route)) return;
    try {
      checkQuery(request.query, route);
      if (RAW_ROUTES_WITHOUT_QUERY.has(route)) rejectAnyQuery(request.query);
      checkParams(request.params);
      checkBody(request, route);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // answered here: routes registered before Nest installs its error handler (Swagger's) would render Fastify's default JSON
      return sendProblem(reply, error, instanceOf(request));
    }
  });
}
