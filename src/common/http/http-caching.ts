import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Paths whose responses must never be cached: live sync data, secrets, health. */
const NEVER_CACHED = [/^\/v1\/changes/, /^\/v1\/export/, /^\/v1\/audit/, /^\/v1\/keys/, /^\/v1\/imports/, /^\/health\//, /^\/graphql/];
/**
 * Search URLs carry the caller's location: browsers may cache them, shared
 * caches (CDNs, proxies) must not store them.
 */
const PRIVATE = [/^\/v1\/search/, /^\/hsds\/service_at_locations/];

export interface CachingOptions {
  maxAgeSeconds: number;
}

/**
 * HTTP caching for public reads: Cache-Control, an ETag on every 200 GET
 * (the record version where the controller set one, else a hash of the
 * body), 304 on a matching If-None-Match, and Vary: Accept because search
 * negotiates JSON, GeoJSON and text.
 */
export function registerHttpCaching(fastify: FastifyInstance, options: CachingOptions): void {
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const path = request.url.split('?')[0];
    if (reply.getHeader('cache-control')) return payload; // the route decided
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200 || NEVER_CACHED.some((p) => p.test(path))) {
      reply.header('cache-control', 'no-store');
      return payload;
    }
    const scope = PRIVATE.some((p) => p.test(path)) ? 'private' : 'public';
    reply.header('cache-control', `${scope}, max-age=${options.maxAgeSeconds}`);
    reply.header('vary', 'Accept');
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams: no ETag
    let etag = reply.getHeader('etag') as string | undefined;
    if (!etag) {
      etag = `W/"${createHash('sha1').update(payload).digest('base64url').slice(0, 27)}"`;
      reply.header('etag', etag);
    }
    if (matches(request.headers['if-none-match'], etag)) {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
}

/** If-None-Match uses weak comparison (RFC 9110 13.1.2). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
