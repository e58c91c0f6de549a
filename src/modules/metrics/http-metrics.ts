import type { FastifyInstance, FastifyRequest } from 'fastify';
import { httpRequestDuration, httpRequestsInFlight } from './metrics';

/**
 * Request duration by route template (`/v1/services/:id`, never the URL, so
 * no id, coordinate or ZIP becomes a label; `unmatched` for 404s of unknown
 * paths) and the number in flight. Registered before the rate limiter, so a
 * 429 is counted too.
 */
export function registerHttpMetrics(fastify: FastifyInstance): void {
  const inFlight = new WeakSet<FastifyRequest>();
  const done = (request: FastifyRequest) => {
    if (inFlight.delete(request)) httpRequestsInFlight.dec();
  };
  fastify.addHook('onRequest', (request, _reply, next) => {
    inFlight.add(request);
    httpRequestsInFlight.inc();
    next();
  });
  fastify.addHook('onResponse', (request, reply, next) => {
    done(request);
    httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions?.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    next();
  });
  // a client that goes away before the answer: no onResponse
  fastify.addHook('onRequestAbort', (request, next) => {
    done(request);
    next();
  });
}
