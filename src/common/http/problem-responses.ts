import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-error';
import { toProblem } from '../errors/problem-details.filter';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The path as `instance`, when it is one we could have served; never the query (it may hold a location). */
export function instanceOf(request: FastifyRequest): string | undefined {
  const path = request.url.split('?')[0];
  return path.length <= 200 && /^[\w\-./~%:@]*$/.test(path) ? path : undefined;
}

/** Renders a DomainError through Fastify, outside Nest (errors raised before any controller runs). */
export function sendProblem(reply: FastifyReply, error: DomainError, instance?: string): FastifyReply {
  if (error.status === 401) reply.header('www-authenticate', 'Bearer realm="harm-reduction-directory"');
  return reply.code(error.status).header('content-type', PROBLEM_CONTENT_TYPE).header('cache-control', 'no-store').send(toProblem(error, instance));
}

/** Node's HTTP parser failed, so there is no request object: answer on the socket and close it. */
export function writeProblemToSocket(socket: Socket, error: DomainError): void {
  if (!socket.writable) return;
  const body = JSON.stringify(toProblem(error));
  socket.write(
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
