import type { FastifyReply, FastifyRequest } from 'fastify';
import { PageInfo } from './page';

/**
 * Sets `Link: <...>; rel="next"` (RFC 8288) when there is a next page. The
 * target is a relative reference to the same path and query with the new
 * cursor, so it stays right behind proxies without trusting the Host header.
 */
export function setNextLink(request: FastifyRequest, reply: FastifyReply, page: Pick<PageInfo, 'next_cursor'>): void {
  if (!page.next_cursor) return;
  const url = new URL(request.url, 'http://placeholder');
  url.searchParams.set('cursor', page.next_cursor);
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
}
