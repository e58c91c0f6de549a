import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PINO_LEVEL } from './json-logger';
import { requestIdFrom } from './request-id';

/** ~1.1 km: a caller's location is never logged more precisely than this. */
const COORDINATE_DECIMALS = 2;

/**
 * How each query parameter we know is logged. Names are matched ignoring
 * case and '-' vs '_', so `Near=` or `postal-code=` is redacted like `near=`.
 * Location and ZIP spellings we do not serve (lat, zip...) are listed too:
 * they are rejected as unknown, but their values are just as private.
 */
const PARAMETER_KINDS = {
  location: ['near', 'bbox', 'lat', 'lng', 'lon', 'long', 'latitude', 'longitude', 'latlng', 'lat_lng', 'll', 'coordinates', 'coords'],
  postal: ['postal_code', 'postcode', 'postalcode', 'postal', 'zip', 'zipcode', 'zip_code'],
  text: ['q', 'search', 'query', 'text', 'keyword', 'keywords', 'heading'],
  cursor: ['cursor', 'since'],
  code: [
    'format',
    'service',
    'services',
    'language',
    'languages',
    'lang',
    'transport',
    'access',
    'population',
    'principle',
    'branch',
    'radius',
    'radius_unit',
    'radius_km',
    'units',
    'open_now',
    'open_at',
    'allow_geolocation',
    'heading_level',
    'verified_within_days',
    'limit',
    'page',
    'per_page',
    'full',
    'minimal',
    'full_service',
    'top_only',
    'proximity',
    'modified_after',
    'location_type',
    'entity',
    'entity_id',
    'organization_id',
    'service_id',
    'location_id',
    'taxonomy_id',
    'taxonomy_term_id',
    'parent_id',
    'v',
  ],
} as const;

export type ParameterKind = keyof typeof PARAMETER_KINDS | 'unknown';

const KIND_BY_NAME = new Map<string, ParameterKind>(
  Object.entries(PARAMETER_KINDS).flatMap(([kind, names]) => names.map((name) => [name, kind as ParameterKind] as const)),
);

export function classifyParameter(name: string): ParameterKind {
  return KIND_BY_NAME.get(name.toLowerCase().replace(/-/g, '_')) ?? 'unknown';
}

/** Codes, numbers, booleans, dates and UUIDs: short and from a plain alphabet. */
const SAFE_CODE = /^[a-z0-9._,:-]{1,64}$/i;

/** Our API keys (hrd_...) and anything else long, mixed letters and digits, that is not a UUID. */
function looksLikeSecret(value: string): boolean {
  if (/hrd_|bearer/i.test(value)) return true;
  return value
    .split(/[.,:]/)
    .some((token) => token.length >= 16 && /\d/.test(token) && /[a-z]/i.test(token) && !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(token));
}

const length = (value: string) => `(${value.length} chars)`;

const roundCoordinate = (part: string) => {
  const n = Number(part);
  return part.trim() !== '' && Number.isFinite(n) ? n.toFixed(COORDINATE_DECIMALS) : '?';
};

export function redactValue(kind: Exclude<ParameterKind, 'unknown'>, value: string): string {
  switch (kind) {
    case 'location': {
      const parts = value.split(',');
      return parts.length <= 4 ? parts.map(roundCoordinate).join(',') : length(value);
    }
    case 'postal': {
      const area = /^\s*(\d{3})/.exec(value);
      return area ? `${area[1]}xx` : length(value);
    }
    case 'code':
      return SAFE_CODE.test(value) && !looksLikeSecret(value) ? value : length(value);
    case 'text':
    case 'cursor':
      return length(value);
  }
}

/** What Fastify knows about the route a request matched (nothing when none did). */
export interface MatchedRoute {
  /** The route template, e.g. /v1/organizations/:id. */
  url?: string;
  params?: unknown;
}

/** Path parameter values that are safe to show: record UUIDs and taxonomy-style codes. */
const SAFE_PATH_VALUE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z][a-z0-9._-]{0,99})$/i;

/**
 * The path as it may appear in a log. Matched routes are rebuilt from their
 * template, so only parameter values of a known safe shape are shown; an
 * unmatched path (a typo, a scanner, a ZIP pasted into the URL) is never
 * printed, only its length.
 */
export function redactPath(pathname: string, route?: MatchedRoute): string {
  if (!route?.url) return `(unmatched path, ${pathname.length} chars)`;
  const params = (route.params ?? {}) as Record<string, unknown>;
  return route.url.replace(/:([A-Za-z0-9_]+)|\*/g, (placeholder, name: string | undefined) => {
    const value = params[name ?? '*'];
    if (typeof value !== 'string') return placeholder;
    return SAFE_PATH_VALUE.test(value) && !looksLikeSecret(value) ? value : length(value);
  });
}

/**
 * The query string as it may appear in a log: an allow-list of our parameter
 * names, each value redacted by its kind; any other
 * name is replaced by a marker, its value dropped, because a mistyped name
 * (`zip=`, `Lat=`) carries the same private data as the real one.
 */
export function redactQuery(query: string): string {
  const parts: string[] = [];
  for (const [name, value] of new URLSearchParams(query)) {
    const kind = classifyParameter(name);
    parts.push(kind === 'unknown' ? '(unknown parameter)' : `${name}=${redactValue(kind, value)}`);
  }
  return parts.join('&');
}

/** The request URL as it may appear in a log: redacted path, then redacted query. */
export function redactUrl(url: string, route?: MatchedRoute): string {
  const queryStart = url.indexOf('?');
  const pathname = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : redactQuery(url.slice(queryStart + 1));
  return redactPath(pathname, route) + (query ? `?${query}` : '');
}

function matchedRoute(request: FastifyRequest): MatchedRoute {
  // routeOptions.url is undefined when no route matched (Nest's not-found handler)
  return { url: request.routeOptions?.url, params: request.params };
}

/** The copy of Fastify that Nest's adapter runs (Nest bundles its own): its LogController is the one the instance expects. */
function nestFastify(): { LogController: new (options: { disableRequestLogging: boolean }) => object } {
  return createRequire(require.resolve('@nestjs/platform-fastify'))('fastify') as {
    LogController: new (options: { disableRequestLogging: boolean }) => object;
  };
}

/** What pino's request serializer is given (a FastifyRequest), as far as it is read. */
interface SerializedRequest {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
  params?: unknown;
}

/** LOG_FORMAT and LOG_LEVEL, as the HTTP layer needs them. */
export interface LogOptions {
  format: 'pretty' | 'json';
  level: keyof typeof PINO_LEVEL;
}

/**
 * Fastify's logger options. JSON: Fastify's own pino, with its per-request
 * lines off (logController) (ours below is the one line per request) and serializers that
 * allow only the method and the redacted URL of a request, should anything
 * log one (pino's default would add the full URL and the caller's address).
 * Pretty: no Fastify logger; Nest's console logger prints the same lines.
 * Either way the request id is the caller's x-request-id when it is a plain
 * token, else a UUID (request-id.ts).
 */
export function fastifyLogOptions(log: LogOptions): {
  /** pino options, or false (typed loosely: Nest bundles its own copy of Fastify's types) */
  logger:
    | false
    | {
        level: string;
        serializers: { req: (req: SerializedRequest) => { method?: string; url?: string }; res: (res: { statusCode: number }) => { statusCode?: number } };
      };
  logController: object;
  genReqId: (raw: IncomingMessage) => string;
  requestIdHeader: false;
} {
  return {
    requestIdHeader: false,
    genReqId: (raw) => requestIdFrom(raw.headers['x-request-id']),
    logController: new (nestFastify().LogController)({ disableRequestLogging: true }),
    logger:
      log.format === 'json'
        ? {
            level: PINO_LEVEL[log.level],
            serializers: {
              req: (req) => ({ method: req.method, url: req.url ? redactUrl(req.url, { url: req.routeOptions?.url, params: req.params }) : undefined }),
              res: (res) => ({ statusCode: res.statusCode }),
            },
          }
        : false,
  };
}

/**
 * One line per request: method, redacted URL, status, duration, request id
 * (echoed in the `x-request-id` response header). Headers (Authorization,
 * cookies) and bodies are never logged. JSON: a pino line carrying reqId.
 */
export function registerRequestLogging(fastify: FastifyInstance, format: LogOptions['format'] = 'pretty'): void {
  const logger = new Logger('HTTP');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const url = redactUrl(request.url, matchedRoute(request));
    const ms = Number(reply.elapsedTime.toFixed(1));
    // not under `req`: pino would run its req serializer over the already redacted URL
    if (format === 'json') request.log.info({ method: request.method, url, status: reply.statusCode, ms }, 'request');
    else logger.log(`${request.method} ${url} ${reply.statusCode} ${ms}ms [${request.id}]`);
    done();
  });
}
