import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseLsn, ReadContext, runInReadContext } from './read-context';
import { ReadDatabase } from './read-database';

/** Request and response header of the read-your-writes token: a WAL position (`pg_current_wal_lsn()` after a write). */
export const READ_CONSISTENCY_HEADER = 'x-read-consistency';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A GraphQL POST that holds a mutation (false positives only cost a read on the primary). */
function isGraphqlRead(request: FastifyRequest): boolean {
  if (request.method !== 'POST' || request.url.split('?')[0] !== '/graphql') return false;
  const operations = Array.isArray(request.body) ? (request.body as unknown[]) : [request.body];
  return operations.every((operation) => {
    const query = (operation as { query?: unknown } | null)?.query;
    return typeof query === 'string' && !/\bmutation\b/.test(query);
  });
}

/** A request that changes data: its own reads (the record it returns) and its response's token come from the primary. */
export function isWriteRequest(request: FastifyRequest): boolean {
  return !READ_METHODS.has(request.method) && !isGraphqlRead(request);
}

/**
 * The read-your-writes rule (README, "Running at scale"):
 * - writes read from the primary;
 * - a request with If-None-Match or If-Match compares against the latest
 *   version, so it reads from the primary;
 * - a read with X-Read-Consistency (the token a write returned) reads from
 *   a replica that has replayed that position, waiting at most
 *   REPLICA_CATCH_UP_WAIT_MS, else from the primary; a malformed token reads
 *   from the primary;
 * - any other read may go to any replica in rotation (at most
 *   REPLICA_MAX_LAG_SECONDS behind).
 */
export function readContextFor(request: FastifyRequest): ReadContext {
  if (isWriteRequest(request)) return { mode: 'primary' };
  const headers = request.headers;
  if (headers['if-none-match'] !== undefined || headers['if-match'] !== undefined) return { mode: 'primary' };
  const token = headers[READ_CONSISTENCY_HEADER];
  if (token === undefined) return { mode: 'replica' };
  const lsn = parseLsn(Array.isArray(token) ? token[0] : token);
  return lsn === null ? { mode: 'primary' } : { mode: 'replica', minLsn: lsn };
}

/**
 * Routes each request's reads (ReadDatabase) by readContextFor, and gives
 * every successful write response an X-Read-Consistency token when replicas
 * are configured. preHandler: after the body is parsed (GraphQL), and the
 * handler runs inside the context.
 */
export function registerReadRouting(fastify: FastifyInstance, reads: ReadDatabase): void {
  fastify.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    runInReadContext(readContextFor(request), done);
  });
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!reads.hasReplicas || reply.statusCode < 200 || reply.statusCode >= 300 || !isWriteRequest(request)) return payload;
    try {
      // after the handler's commit: any replica that has replayed this far sees the write
      reply.header(READ_CONSISTENCY_HEADER, await reads.primaryPosition());
    } catch {
      // the primary went away after the write: without a token the client reads from a replica, as any other reader
    }
    return payload;
  });
}
