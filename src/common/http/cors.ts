import type { FastifyRequest } from 'fastify';

const EXPOSED = ['ETag', 'Link', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After', 'X-Changes-Since', 'Location'];

/**
 * CORS: any website may read the directory (GET/HEAD, no credentials); the
 * only cross-origin POST is /graphql, for queries. Writes are not
 * cross-origin: their preflight gets no CORS grant, and a write that still
 * arrives with a foreign Origin is refused by the AuthGuard.
 */
export function corsOptionsFor(request: FastifyRequest) {
  const path = request.url.split('?')[0];
  return {
    origin: '*',
    credentials: false,
    methods: path === '/graphql' ? ['GET', 'HEAD', 'POST'] : ['GET', 'HEAD'],
    allowedHeaders: ['Accept', 'Content-Type', 'If-None-Match', 'Apollo-Require-Preflight'],
    exposedHeaders: EXPOSED,
    maxAge: 86400,
  };
}

/** True when the request comes from a page on another origin (browsers send Origin). */
export function isCrossOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}
