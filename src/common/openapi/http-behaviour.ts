import type { OpenAPIObject } from '@nestjs/swagger';
import { problemResponse } from './api-problems.decorator';
import { headerRefs } from './response-headers';

type Operation = { responses: Record<string, Response>; requestBody?: unknown; parameters?: unknown[] };
type Response = { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> };

/** Not rate limited (src/modules/rate-limit/rate-limiter.service.ts UNLIMITED). */
const UNLIMITED = [/^\/health\//];
/** Never cached, so no ETag/304 (src/common/http/http-caching.ts NEVER_CACHED). */
const NEVER_CACHED = [/^\/v1\/changes/, /^\/v1\/export/, /^\/v1\/audit/, /^\/v1\/keys/, /^\/v1\/imports/, /^\/health\//];
/** Paths that answer without touching the database, so never 503. */
const NO_DATABASE = [/^\/health\/live$/];
/** Reads that may be served by a read replica (not health checks, which ask the primary). */
const REPLICA_READS = [/^\/v1\/(organizations|services|locations|service-at-locations|search|taxonomy|languages|export)(\/|$)/, /^\/hsds(\/|$)/];
/** The read-your-writes token a read may carry (src/database/replicas/read-routing.hook.ts). */
const READ_CONSISTENCY_PARAMETER = {
  name: 'X-Read-Consistency',
  in: 'header',
  required: false,
  description:
    'The X-Read-Consistency token of an earlier write: this read then sees that write (a replica that has replayed it, else the primary). Not needed with If-None-Match, which always compares against the primary.',
  schema: { type: 'string', example: '0/3000148' },
};
/** Keyset-paginated lists that set `Link: rel="next"` (setNextLink). */
const LINKED_LISTS = [/^\/v1\/(organizations|services|locations|service-at-locations|search)$/];

/**
 * Documents what Fastify hooks do to every route, which no controller
 * decorator can see: the rate limiter (RateLimit-* on every response, 429
 * with Retry-After), database faults (503 with Retry-After), HTTP caching
 * (ETag on 200 GETs, 304 on a matching If-None-Match), keyset paging
 * (Link), the request id (X-Request-Id, request-logger.ts) and read
 * routing (X-Read-Consistency on writes and reads, read-routing.hook.ts). The path lists mirror the hooks' own lists; the contract test's
 * real responses check them.
 */
export function documentHttpBehaviour(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, Operation][]) {
      if (!operation?.responses) continue;
      const limited = !UNLIMITED.some((p) => p.test(path));
      const cached = method === 'get' && !NEVER_CACHED.some((p) => p.test(path));
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^2/.test(status)) continue;
        const names = [
          ...(cached && status === '200' ? (['ETag'] as const) : []),
          ...(method === 'get' && status === '200' && LINKED_LISTS.some((p) => p.test(path)) ? (['Link'] as const) : []),
          ...(limited ? (['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'] as const) : []),
          'X-Request-Id' as const,
          ...(method !== 'get' ? (['X-Read-Consistency'] as const) : []),
        ];
        if (names.length) response.headers = { ...response.headers, ...headerRefs(...names) };
      }
      if (method === 'get' && REPLICA_READS.some((p) => p.test(path))) operation.parameters = [...(operation.parameters ?? []), READ_CONSISTENCY_PARAMETER];
      if (cached) {
        operation.responses['304'] = {
          description: 'Not modified: the If-None-Match ETag still matches (no body).',
          headers: headerRefs('ETag', ...(limited ? (['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'] as const) : []), 'X-Request-Id'),
        };
      }
      // The hostile-input hook (src/common/http/hostile-input.hook.ts) answers
      // for every route before any controller: malformed or unknown query
      // parameters (400), an over-long target (414, or 431 past Node's header limit), and for bodies the
      // parser's limits (413) and media types (415).
      operation.responses['400'] ??= problemResponse(400);
      operation.responses['414'] = problemResponse(414);
      operation.responses['431'] = problemResponse(431); // Node's own limit: a request line + headers over 16 KiB
      if (operation.requestBody) {
        operation.responses['413'] = problemResponse(413);
        operation.responses['415'] = problemResponse(415);
      }
      if (limited) operation.responses['429'] = problemResponse(429);
      operation.responses['500'] = problemResponse(500); // the exception filter's shape for a defect
      if (!NO_DATABASE.some((p) => p.test(path))) operation.responses['503'] = problemResponse(503);
    }
  }
}
