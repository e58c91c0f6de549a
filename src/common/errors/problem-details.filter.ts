import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { ServiceUnavailableError } from '../../database/database-faults';
import { DomainError, ErrorCode } from './domain-error';
import { toDomainError } from './to-domain-error';

export const PROBLEM_TYPE_BASE = 'https://harm-reduction-directory.example.org/problems/';

/** RFC 9457 problem details, plus our machine-readable `code` and `invalid_params`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  invalid_params?: { name: string; reason: string }[];
}

export function toProblem(error: DomainError, instance?: string): ProblemDetails {
  return {
    type: PROBLEM_TYPE_BASE + error.code.toLowerCase().replace(/_/g, '-'),
    title: error.title,
    status: error.status,
    detail: error.message,
    ...(instance ? { instance } : {}),
    code: error.code,
    ...(error.invalidParams.length ? { invalid_params: error.invalidParams } : {}),
  };
}

export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      status: error.status,
      ...(error.invalidParams.length ? { invalid_params: error.invalidParams } : {}),
      ...(error instanceof ServiceUnavailableError ? { retry_after_seconds: error.retryAfterSeconds } : {}),
    },
  });
}

/** The one place where REST and GraphQL errors get their wire shape. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const error = toDomainError(exception);
    // A database outage is logged once when it starts and once when it ends
    // (DatabaseAvailability), so a 503 adds nothing per request here.
    if (error.code === ErrorCode.Internal) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (host.getType<GqlContextType>() === 'graphql') return toGraphQLError(error);

    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // path only: the query string may carry a caller's location
    const path = request.url.split('?')[0];
    if (error.status === 401) reply.header('www-authenticate', 'Bearer realm="harm-reduction-directory"');
    if (error instanceof ServiceUnavailableError) reply.header('retry-after', String(error.retryAfterSeconds));
    void reply.status(error.status).header('content-type', 'application/problem+json; charset=utf-8').send(toProblem(error, path));
    return undefined;
  }
}
