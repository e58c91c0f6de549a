import type { Socket } from 'node:net';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { fastifyLogOptions, LogOptions } from '../logging/request-logger';
import { AllowedMethods } from './allowed-methods';
import { fromClientError, fromFrameworkError } from './framework-errors';
import { parseJsonBody } from './json-body';
import { instanceOf, sendProblem, writeProblemToSocket } from './problem-responses';

type NestErrorHandler = Parameters<FastifyAdapter['setErrorHandler']>[0];
type RawErrorHandler = (this: FastifyInstance, error: FastifyError, request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * The Fastify adapter with every pre-controller error rendered as
 * problem+json: router errors (bad URL, over-long path segment), body parsing
 * (malformed, empty, nested too deep, too large, not JSON), unknown routes
 * (404) and wrong methods (405), and what Node's HTTP parser refuses. Nest's
 * own parsers are replaced: JSON is the only body media type (the URL-encoded
 * and text/plain parsers would let a form post create records).
 */
export class ProblemFastifyAdapter extends FastifyAdapter {
  private readonly allowedMethods = new AllowedMethods();

  constructor(
    private readonly maxBodyBytes: number,
    trustProxy: boolean | number | string[] = false,
    log: LogOptions = { format: 'pretty', level: 'log' },
  ) {
    super({
      // typed by the app's copy of Fastify, read by Nest's (see nestFastify in request-logger.ts)
      ...(fastifyLogOptions(log) as object),
      bodyLimit: maxBodyBytes,
      // During a drain (graceful-shutdown.ts) a request that still arrives on an open connection is
      // served, with Connection: close, rather than refused with Fastify's own (non-problem) 503.
      return503OnClosing: false,
      // request.ip (rate limits, the request log) comes from X-Forwarded-For only through trusted hops
      trustProxy,
      frameworkErrors: (error: FastifyError, _request: unknown, reply: unknown) => {
        // the URL itself is the fault: no `instance`
        sendProblem(reply as FastifyReply, fromFrameworkError(error, maxBodyBytes) ?? new DomainError(ErrorCode.BadRequest, 'The request cannot be routed.'));
      },
      clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
        if (error.code === 'ECONNRESET' || socket.destroyed) return;
        writeProblemToSocket(socket, fromClientError(error));
        socket.destroy(error);
      },
    });
    this.allowedMethods.register(this.fastify);
  }

  /** Nest bundles its own copy of Fastify: the same object, typed by the app's copy. */
  private get fastify(): FastifyInstance {
    return this.getInstance<FastifyInstance>();
  }

  override registerParserMiddleware(): void {
    const fastify = this.fastify;
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: this.maxBodyBytes }, (request, body, done) => {
      try {
        done(null, parseJsonBody(request, body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
  }

  override setErrorHandler(nestHandler: NestErrorHandler) {
    const maxBodyBytes = this.maxBodyBytes;
    const fallback = nestHandler as unknown as RawErrorHandler;
    this.fastify.setErrorHandler(function (this: FastifyInstance, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
      const known = error instanceof DomainError ? error : fromFrameworkError(error, maxBodyBytes);
      if (known) return sendProblem(reply, known, instanceOf(request));
      return fallback.call(this, error, request, reply);
    });
    return this.getInstance();
  }

  override setNotFoundHandler() {
    this.fastify.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0];
      const allowed = this.allowedMethods.for(path);
      if (allowed.length && !allowed.includes(request.method)) {
        reply.header('allow', allowed.join(', '));
        return sendProblem(reply, new DomainError(ErrorCode.MethodNotAllowed, `This endpoint takes ${allowed.join(', ')}.`), instanceOf(request));
      }
      return sendProblem(reply, new DomainError(ErrorCode.RouteNotFound, 'There is no endpoint at this path. See /docs.'), instanceOf(request));
    });
    return this.getInstance();
  }
}
